import type { SimConfig, TrafficSource } from "./config.js";
import { samplerFor } from "./kernel/distributions.js";
import { Kernel } from "./kernel/kernel.js";
import { KeyedRandom, namedStream } from "./kernel/random.js";
import { Recorder } from "./metrics/recorder.js";
import { freshnessFor } from "./mitigations/index.js";
import { scheduleRefresh } from "./mitigations/refresh.js";
import { ttlFactor } from "./mitigations/ttlJitter.js";
import { AppTier } from "./model/appTier.js";
import { Clients } from "./model/clients.js";
import { Database } from "./model/database.js";
import { FreshReadSkipper } from "./model/freshReadSkipper.js";
import { Network } from "./model/network.js";
import { PlainReads } from "./model/plainRead.js";
import { type CacheEntry, SharedCache } from "./model/sharedCache.js";
import { scheduleTimeline, selectKeys } from "./model/timeline.js";
import { Traffic } from "./model/traffic.js";
import type { World } from "./model/world.js";
import type { SimProbe } from "./probe.js";
import type { Metrics, Series } from "./result.js";

export interface SimOutput {
  metrics: Metrics;
  series: Series;
  /** Events the kernel ran: the run's cost, for benchmarks and limits. */
  eventsProcessed: number;
}

/** How a run is computed; never what it computes. */
export interface SimOptions {
  /**
   * Skip over runs of fresh reads in bulk instead of one event per request (default true). The
   * result is identical either way; false forces the per-request path (for the equivalence test).
   */
  skipAhead?: boolean;
  /** Watches requests, loads and locks, for invariant tests (src/sim/probe.ts). */
  probe?: SimProbe;
}

/** Runs one scenario under one strategy: a pure function of its config (seed included). */
export function simulate(config: SimConfig, options: SimOptions = {}): SimOutput {
  const run = new Simulation(config, options);
  run.advance(Number.POSITIVE_INFINITY);
  return run.finish();
}

/**
 * One run, advanced in slices of events so that a shell can watch a wall clock, an event budget
 * or Ctrl-C between them. However it is sliced, the result is that of `simulate(config)`.
 */
export class Simulation {
  private readonly kernel: Kernel;
  private readonly durationMs: number;
  private readonly finishRun: () => SimOutput;
  private done = false;

  constructor(config: SimConfig, options: SimOptions = {}) {
    this.durationMs = config.durationMs;
    this.kernel = new Kernel();
    this.finishRun = buildWorld(config, this.kernel, options);
  }

  /** Events run so far. */
  get eventsProcessed(): number {
    return this.kernel.eventsProcessed;
  }

  /** Simulated time reached, ms. */
  get nowMs(): number {
    return this.kernel.now;
  }

  /** Runs up to `maxEvents` more events; true once the run has reached its end. */
  advance(maxEvents: number): boolean {
    if (!this.done) this.done = this.kernel.runFor(this.durationMs, maxEvents);
    return this.done;
  }

  /** The run's metrics; only once `advance` has returned true. */
  finish(): SimOutput {
    if (!this.done) throw new Error("Simulation.finish before the run reached its end");
    return this.finishRun();
  }
}

/** Builds the model on `kernel`, schedules its first events and returns what reads its result. */
function buildWorld(config: SimConfig, kernel: Kernel, options: SimOptions): () => SimOutput {
  // A probe watches every request, so it needs the per-request path; the result is the same.
  const skipAhead = options.skipAhead ?? options.probe === undefined;
  const keyCount = Math.max(1, ...config.traffic.map((s) => s.keys.count));
  const recorder = new Recorder(
    config.warmupMs,
    config.durationMs,
    config.bucketMs,
    keyCount,
    config.cache !== null,
  );
  const seed = config.seed;
  const cacheConfig = config.cache;
  const ttlJitter = config.strategy.ttlJitter;
  const ttlStream = namedStream(seed, "mitigation/ttl");
  const freshness = freshnessFor(config);
  const world: World = {
    kernel,
    config,
    recorder,
    db: new Database(kernel, config.db, recorder),
    cache: cacheConfig ? new SharedCache(keyCount, cacheConfig.capacity, recorder) : null,
    network: new Network(),
    keyed: new KeyedRandom(seed),
    probe: options.probe,
    dbVersion: new Float64Array(keyCount),
    cacheLatency: samplerFor(cacheConfig?.latency ?? { kind: "constant", valueMs: 0 }),
    streams: {
      cacheLatency: namedStream(seed, "cache/latency"),
      background: namedStream(seed, "db/background"),
      balancer: namedStream(seed, "app/balancer"),
    },
    entryFor(version: number, writeMs: number, deltaMs: number): CacheEntry {
      const factor = ttlFactor(ttlJitter, ttlStream.next());
      const { freshUntilMs, keepUntilMs } = freshness.window(writeMs, factor);
      return { version, writtenAtMs: writeMs, freshUntilMs, keepUntilMs, deltaMs };
    },
  };

  let appTier: AppTier | null = null;
  const clients = new Clients(world, () => appTier as AppTier);
  appTier = new AppTier(world, freshness, (attempt, outcome) => clients.receive(attempt, outcome));
  const tier = appTier;

  fillInitialCache(world, keyCount);
  scheduleTimeline(world, tier, keyCount);
  const refresh = config.strategy.background;
  if (refresh !== null) {
    scheduleRefresh(
      kernel,
      refresh,
      selectKeys(refresh.keys, keyCount),
      config.durationMs,
      (key, i) =>
        tier.refreshInBackground(
          tier.instances[i % tier.instances.length] as (typeof tier.instances)[number],
          key,
        ),
    );
  }
  const skipperFor = skipAhead
    ? (source: TrafficSource) => FreshReadSkipper.forSource(world, tier, freshness, source)
    : null;
  new Traffic(world, clients, skipperFor, PlainReads.forRun(world, tier)).schedule();

  return () => {
    const { metrics, series } = recorder.finish(world.db.inProgressCount(), world.cache !== null);
    return { metrics, series, eventsProcessed: kernel.eventsProcessed };
  };
}

/** `initial: warm | steady` (SPEC §8): every key written at t=0, without DB load or locks. */
function fillInitialCache(world: World, keyCount: number): void {
  const cache = world.cache;
  const initial = world.config.cache?.initial ?? "cold";
  if (cache === null || initial === "cold") return;
  const deltaMs = world.db.meanReadServiceMs;
  const ttlMs = world.config.cache?.ttlMs ?? 0;
  const ages = namedStream(world.config.seed, "cache/initial");
  for (let key = 0; key < keyCount; key++) {
    // steady: the entry was written `age` ago, age uniform in [0, ttl), so expiries spread out.
    const ageMs = initial === "steady" ? ttlMs * (1 - ages.next()) : 0;
    cache.set(key, world.entryFor(0, -ageMs, deltaMs), 0, false);
  }
}
