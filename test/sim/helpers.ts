import type {
  AppConfig,
  CacheConfig,
  ClientConfig,
  DbConfig,
  Distribution,
  RetryPolicy,
  SimConfig,
  StrategyConfig,
  TimelineEvent,
  TrafficSource,
} from "../../src/sim/config.js";
import { type SimOutput, simulate } from "../../src/sim/simulate.js";

/** The naive strategy: every slot empty. */
export const NAIVE: StrategyConfig = {
  name: "naive",
  ttlJitter: null,
  freshness: null,
  coalescing: null,
  protection: null,
  admission: null,
  background: null,
  writes: null,
};

export function constant(valueMs: number): Distribution {
  return { kind: "constant", valueMs };
}

/** One attempt, no backoff. */
export const NO_RETRY: RetryPolicy = {
  attempts: 1,
  backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none" },
  budget: null,
};

/** An open-loop source named `name` (default "web") at `ratePerSec`, one key, reads only. */
export function openSource(ratePerSec: number, over: Partial<TrafficSource> = {}): TrafficSource {
  return {
    name: "web",
    load: { kind: "open", ratePerSec, stages: [] },
    keys: { count: 1, popularity: "uniform", exponent: 1 },
    writeRatio: 0,
    ...over,
  };
}

/** `requests` arrivals of `source` uniformly in [at, at + within). */
export function burst(atMs: number, requests: number, withinMs = 0, source = "web"): TimelineEvent {
  return { atMs, kind: "burst", source, requests, withinMs };
}

export interface ConfigOverrides
  extends Partial<Omit<SimConfig, "client" | "app" | "cache" | "db" | "strategy">> {
  client?: Partial<ClientConfig>;
  app?: Partial<AppConfig>;
  /** null = `cache: none`. */
  cache?: Partial<CacheConfig> | null;
  db?: Partial<DbConfig>;
  strategy?: Partial<StrategyConfig>;
}

/**
 * A small complete SimConfig: one open source at 100/s on one key, one app instance, a cold shared
 * cache with zero latency and a 60 s TTL, a DB with constant 10 ms service and no limits, no
 * timeout, one attempt, no events, the naive strategy. Sections merge one level deep.
 */
export function baseConfig(over: ConfigOverrides = {}): SimConfig {
  const { client, app, cache, db, strategy, ...top } = over;
  const baseCache: CacheConfig = {
    latency: constant(0),
    ttlMs: 60_000,
    capacity: null,
    keepStaleMs: 0,
    initial: "cold",
    onWrite: "invalidate",
  };
  return {
    name: "test",
    seed: 1,
    durationMs: 10_000,
    warmupMs: 0,
    bucketMs: 1000,
    traffic: [openSource(100)],
    events: [],
    ...top,
    client: { timeoutMs: null, retry: NO_RETRY, throttle: null, ...client },
    app: { instances: 1, balancing: "round-robin", localCache: null, db: null, ...app },
    cache: cache === null ? null : { ...baseCache, ...cache },
    db: {
      service: constant(10),
      writeService: constant(10),
      servers: null,
      queue: { limit: null, timeoutMs: null },
      slowdown: { kind: "none" },
      cancelOnTimeout: false,
      failureRate: 0,
      ...db,
    },
    strategy: { ...NAIVE, ...strategy },
  };
}

export function run(over: ConfigOverrides = {}): SimOutput {
  return simulate(baseConfig(over));
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
