import type {
  AppConfig,
  Backoff,
  CacheConfig,
  ClientConfig,
  DbConfig,
  Distribution,
  RetryPolicy,
  SimConfig,
  Slowdown,
  TrafficSource,
} from "../sim/config.js";
import type { RetryOutput } from "./clientSchema.js";
import type { DistributionOutput } from "./distributionSchema.js";
import type { ScenarioOutput } from "./schema.js";
import type { CacheOutput, DbOutput } from "./storeSchema.js";
import { toEvents } from "./toEvents.js";
import { toStrategy } from "./toStrategy.js";

/**
 * The validated scenario, with one strategy's overrides already merged, reshaped into the
 * simulator's SimConfig. Every default the file may omit is decided here or in the schema, so the
 * core never guesses.
 */
export function toSimConfig(scenario: ScenarioOutput, strategy: string, name: string): SimConfig {
  return {
    name,
    seed: scenario.seed,
    durationMs: scenario.duration,
    warmupMs: scenario.warmup,
    bucketMs: scenario.bucket,
    traffic: scenario.traffic.map(toSource),
    client: toClient(scenario.client),
    app: toApp(scenario.app),
    cache: toCache(scenario.cache),
    db: toDb(scenario.db),
    events: toEvents(scenario),
    strategy: toStrategy(strategy, scenario.strategies[strategy] ?? null),
  };
}

export function toDistribution(d: DistributionOutput): Distribution {
  switch (d.kind) {
    case "constant":
      return { kind: "constant", valueMs: d.value };
    case "exponential":
      return { kind: "exponential", meanMs: d.value.mean };
    case "uniform":
      return { kind: "uniform", minMs: d.value[0], maxMs: d.value[1] };
    case "lognormal":
      return { kind: "lognormal", medianMs: d.value.median, p99Ms: d.value.p99 };
  }
}

function toSource(source: ScenarioOutput["traffic"][number]): TrafficSource {
  return {
    name: source.name,
    load:
      source.kind === "open"
        ? {
            kind: "open",
            ratePerSec: source.value.rate,
            stages: source.value.stages.map((s) => ({ durationMs: s.duration, target: s.target })),
          }
        : {
            kind: "closed",
            clients: source.value.clients,
            think: toDistribution(source.value.think),
          },
    keys: { ...source.keys },
    writeRatio: source.writes?.ratio ?? 0,
  };
}

const NO_BACKOFF: Backoff = { kind: "none", baseMs: 0, capMs: 0, jitter: "none" };

/** No retry section means one attempt. An omitted cap means uncapped: Infinity. */
function toRetry(retry: RetryOutput | undefined): RetryPolicy {
  if (retry === undefined) return { attempts: 1, backoff: { ...NO_BACKOFF }, budget: null };
  const { backoff, budget } = retry;
  return {
    attempts: retry.attempts,
    backoff:
      backoff === undefined || backoff.kind === "none"
        ? { ...NO_BACKOFF }
        : {
            kind: backoff.kind,
            baseMs: backoff.base ?? 0,
            capMs: backoff.cap ?? Number.POSITIVE_INFINITY,
            jitter: backoff.jitter,
          },
    budget: budget === undefined ? null : { ratio: budget.ratio, size: budget.size },
  };
}

function toClient(client: ScenarioOutput["client"]): ClientConfig {
  return {
    timeoutMs: client.timeout ?? null,
    retry: toRetry(client.retry),
    throttle:
      client.throttle === undefined
        ? null
        : { k: client.throttle.k, windowMs: client.throttle.window },
  };
}

function toApp(app: ScenarioOutput["app"]): AppConfig {
  return {
    instances: app.instances,
    balancing: app.balancing,
    localCache:
      app.localCache === undefined
        ? null
        : { ttlMs: app.localCache.ttl, capacity: app.localCache.capacity ?? null },
    db:
      app.db === undefined
        ? null
        : { timeoutMs: app.db.timeout ?? null, retry: toRetry(app.db.retry) },
  };
}

function toCache(cache: CacheOutput): CacheConfig | null {
  if (cache === "none") return null;
  return {
    latency: toDistribution(cache.latency),
    ttlMs: cache.ttl,
    capacity: cache.capacity ?? null,
    keepStaleMs: cache.keepStale,
    initial: cache.initial,
    onWrite: cache.onWrite,
  };
}

function toSlowdown(slowdown: DbOutput["slowdown"]): Slowdown {
  if (slowdown === undefined) return { kind: "none" };
  switch (slowdown.kind) {
    case "linear":
      return { kind: "linear", perInFlight: slowdown.value.perInFlight };
    case "usl":
      return { kind: "usl", ...slowdown.value };
    case "table":
      return { kind: "table", points: slowdown.value.map(([n, f]): [number, number] => [n, f]) };
  }
}

function toDb(db: DbOutput): DbConfig {
  const service = toDistribution(db.service);
  return {
    service,
    writeService: db.writeService === undefined ? { ...service } : toDistribution(db.writeService),
    servers: db.servers ?? null,
    queue: { limit: db.queue?.limit ?? null, timeoutMs: db.queue?.timeout ?? null },
    slowdown: toSlowdown(db.slowdown),
    cancelOnTimeout: db.cancelOnTimeout,
    failureRate: db.failureRate,
  };
}
