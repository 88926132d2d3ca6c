import fc from "fast-check";
import type {
  Backoff,
  CacheConfig,
  Coalescing,
  DbConfig,
  Distribution,
  RetryPolicy,
  SimConfig,
  StrategyConfig,
  TimelineEvent,
  TrafficSource,
} from "../../src/sim/config.js";
import { baseConfig, constant, NAIVE, NO_RETRY } from "../sim/helpers.js";

/*
 * Random valid SimConfigs, kept small (a few seconds of simulated time, a few keys and instances,
 * at most a few thousand requests) so that a property can run dozens of them in a second or two,
 * yet wide: every strategy slot, retries, timeouts, a bounded or unbounded database, L1 caches,
 * app→DB retries, and timeline events of every kind.
 */

const ms = (min: number, max: number) => fc.integer({ min, max });

const distribution: fc.Arbitrary<Distribution> = fc.oneof(
  ms(1, 40).map(constant),
  ms(1, 30).map((meanMs): Distribution => ({ kind: "exponential", meanMs })),
  fc
    .tuple(ms(0, 20), ms(1, 40))
    .map(([minMs, spanMs]): Distribution => ({ kind: "uniform", minMs, maxMs: minMs + spanMs })),
  fc.tuple(ms(1, 20), ms(1, 60)).map(
    ([medianMs, extraMs]): Distribution => ({
      kind: "lognormal",
      medianMs,
      p99Ms: medianMs + extraMs,
    }),
  ),
);

const backoff: fc.Arbitrary<Backoff> = fc.oneof(
  fc.constant(NO_RETRY.backoff),
  fc.record({
    kind: fc.constantFrom("fixed" as const, "exponential" as const),
    baseMs: ms(1, 100),
    capMs: ms(100, 1000),
    jitter: fc.constantFrom(
      "none" as const,
      "full" as const,
      "equal" as const,
      "decorrelated" as const,
    ),
  }),
);

const retry: fc.Arbitrary<RetryPolicy> = fc.oneof(
  fc.constant(NO_RETRY),
  fc.record({
    attempts: fc.integer({ min: 2, max: 4 }),
    backoff,
    budget: fc.option(
      fc.record({
        ratio: fc.double({ min: 0, max: 1, noNaN: true }),
        size: fc.integer({ min: 1, max: 10 }),
      }),
      { nil: null },
    ),
  }),
);

const keyCount = fc.integer({ min: 1, max: 20 });

function source(name: string, open: boolean): fc.Arbitrary<TrafficSource> {
  const load = open
    ? fc.record({
        kind: fc.constant("open" as const),
        ratePerSec: fc.integer({ min: 10, max: 200 }),
        stages: fc.array(
          fc.record({ durationMs: ms(0, 2000), target: fc.integer({ min: 0, max: 300 }) }),
          { maxLength: 2 },
        ),
      })
    : fc.record({
        kind: fc.constant("closed" as const),
        clients: fc.integer({ min: 1, max: 20 }),
        think: fc.oneof(
          ms(20, 200).map(constant),
          ms(20, 200).map((meanMs): Distribution => ({ kind: "exponential", meanMs })),
        ),
      });
  return fc.record({
    name: fc.constant(name),
    load,
    keys: fc.record({
      count: keyCount,
      popularity: fc.constantFrom("uniform" as const, "zipf" as const),
      exponent: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    }),
    writeRatio: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
  });
}

const cache: fc.Arbitrary<CacheConfig> = fc.record({
  latency: fc.oneof(
    ms(0, 2).map(constant),
    ms(1, 2).map((meanMs): Distribution => ({ kind: "exponential", meanMs })),
  ),
  ttlMs: ms(100, 3000),
  capacity: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  keepStaleMs: ms(0, 3000),
  initial: fc.constantFrom("cold" as const, "warm" as const, "steady" as const),
  onWrite: fc.constantFrom("invalidate" as const, "update" as const),
});

const db: fc.Arbitrary<DbConfig> = fc
  .record({
    service: distribution,
    writeService: distribution,
    servers: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    queue: fc.record({
      limit: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
      timeoutMs: fc.option(ms(10, 500), { nil: null }),
    }),
    slowdown: fc.oneof(
      fc.constant({ kind: "none" as const }),
      fc
        .double({ min: 0, max: 0.2, noNaN: true })
        .map((perInFlight) => ({ kind: "linear" as const, perInFlight })),
    ),
    cancelOnTimeout: fc.boolean(),
    failureRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
  })
  // A queue without servers is refused by the loader: with unlimited servers no query waits.
  .map((d) => (d.servers === null ? { ...d, queue: { limit: null, timeoutMs: null } } : d));

const lock: fc.Arbitrary<Coalescing> = fc.record({
  kind: fc.constant("lock" as const),
  ttlMs: ms(20, 2000),
  pollMs: ms(1, 50),
  stale: fc.boolean(),
});

const lease: fc.Arbitrary<Coalescing> = fc.record({
  kind: fc.constant("lease" as const),
  tokenEveryMs: ms(10, 1000),
  waitMs: ms(1, 50),
  stale: fc.boolean(),
});

/** One mitigation per slot, or none; a cache is forced where a slot needs one. */
export const strategy: fc.Arbitrary<StrategyConfig> = fc
  .record({
    ttlJitter: fc.option(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { nil: null }),
    freshness: fc.option(
      fc.oneof(
        fc.tuple(ms(100, 2000), ms(1, 3000)).map(([softMs, extraMs]) => ({
          kind: "stale-while-revalidate" as const,
          softMs,
          hardMs: softMs + extraMs,
        })),
        fc.record({
          kind: fc.constant("xfetch" as const),
          beta: fc.double({ min: 0.5, max: 3, noNaN: true }),
          background: fc.boolean(),
        }),
        fc.record({
          kind: fc.constant("early-exp-decay" as const),
          beta: fc.double({ min: 0.5, max: 3, noNaN: true }),
        }),
      ),
      { nil: null },
    ),
    coalescing: fc.option(
      fc.oneof(fc.constant<Coalescing>({ kind: "single-flight" }), lock, lease),
      { nil: null },
    ),
    protection: fc.option(
      fc.record({
        kind: fc.constant("breaker" as const),
        maxConcurrent: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        timeoutMs: fc.option(ms(10, 500), { nil: null }),
        windowMs: ms(200, 2000),
        threshold: fc.double({ min: 0, max: 0.9, noNaN: true }),
        minCalls: fc.integer({ min: 1, max: 10 }),
        openForMs: ms(50, 1000),
        probes: fc.integer({ min: 1, max: 3 }),
      }),
      { nil: null },
    ),
    admission: fc.option(
      fc
        .record({
          kind: fc.constant("shed" as const),
          maxConcurrent: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
          latencyFactor: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: null }),
          windowMs: ms(100, 2000),
        })
        .map((s) =>
          s.maxConcurrent === null && s.latencyFactor === null ? { ...s, maxConcurrent: 10 } : s,
        ),
      { nil: null },
    ),
    background: fc.option(
      fc.record({
        kind: fc.constant("refresh" as const),
        keys: fc.oneof(
          fc.constant({ kind: "all" as const }),
          fc.integer({ min: 1, max: 3 }).map((count) => ({ kind: "hottest" as const, count })),
        ),
        everyMs: ms(100, 2000),
      }),
      { nil: null },
    ),
    writes: fc.option(
      fc.record({
        kind: fc.constant("buffer" as const),
        ratePerSec: fc.integer({ min: 1, max: 200 }),
      }),
      { nil: null },
    ),
  })
  .map((slots) => ({ ...NAIVE, name: "random", ...slots }));

/** Timeline events inside [0, durationMs), against an open source named "web". */
function events(durationMs: number): fc.Arbitrary<TimelineEvent[]> {
  const at = ms(0, durationMs - 1);
  const event: fc.Arbitrary<TimelineEvent> = fc.oneof(
    at.map((atMs): TimelineEvent => ({ atMs, kind: "expire", keys: { kind: "all" } })),
    at.map((atMs): TimelineEvent => ({ atMs, kind: "flush" })),
    fc
      .tuple(at, ms(1, 1000), fc.constantFrom("refuse" as const, "hang" as const))
      .map(([atMs, forMs, mode]): TimelineEvent => ({ atMs, kind: "dbOutage", forMs, mode })),
    fc
      .tuple(at, fc.double({ min: 1, max: 20, noNaN: true }), ms(1, 1000))
      .map(([atMs, factor, forMs]): TimelineEvent => ({ atMs, kind: "dbSlowdown", factor, forMs })),
    fc.tuple(at, fc.integer({ min: 1, max: 300 }), ms(0, 100)).map(
      ([atMs, requests, withinMs]): TimelineEvent => ({
        atMs,
        kind: "burst",
        source: "web",
        requests,
        withinMs,
      }),
    ),
    fc.tuple(at, fc.integer({ min: 0, max: 400 }), ms(1, 1000)).map(
      ([atMs, ratePerSec, forMs]): TimelineEvent => ({
        atMs,
        kind: "spike",
        source: "web",
        ratePerSec,
        forMs,
      }),
    ),
    fc
      .tuple(at, ms(1, 1000))
      .map(([atMs, forMs]): TimelineEvent => ({ atMs, kind: "partition", forMs })),
    fc.tuple(at, ms(0, 1000), ms(0, 300)).map(
      ([atMs, overMs, downtimeMs]): TimelineEvent => ({
        atMs,
        kind: "restart",
        instances: "all",
        overMs,
        downtimeMs,
      }),
    ),
    fc.tuple(at, ms(200, 2000), fc.integer({ min: 1, max: 50 })).map(
      ([atMs, everyMs, requests]): TimelineEvent => ({
        atMs,
        kind: "cron",
        source: "web",
        everyMs,
        requests,
        withinMs: 0,
      }),
    ),
    fc
      .tuple(at, ms(0, 500))
      .map(
        ([atMs, overMs]): TimelineEvent => ({ atMs, kind: "warm", keys: { kind: "all" }, overMs }),
      ),
  );
  // The loader sorts events by time, keeping file order for ties; the model expects that order.
  return fc.array(event, { maxLength: 3 }).map((list) => [...list].sort((a, b) => a.atMs - b.atMs));
}

export interface ConfigOptions {
  /** Only these coalescing choices (e.g. to test single-flight or the lock on its own). */
  coalescing?: fc.Arbitrary<Coalescing | null>;
  /** Leave out timeline events of these kinds. */
  withoutEvents?: ReadonlyArray<TimelineEvent["kind"]>;
}

/** A random valid config: warmup 0, so every request and query is in the measured window. */
export function simConfig(options: ConfigOptions = {}): fc.Arbitrary<SimConfig> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      durationMs: ms(500, 2500),
      bucketMs: fc.constantFrom(250, 500, 1000),
      web: source("web", true),
      other: fc.option(source("batch", false), { nil: null }),
      timeoutMs: fc.option(ms(20, 1000), { nil: null }),
      retry,
      throttle: fc.option(
        fc.record({ k: fc.double({ min: 1, max: 3, noNaN: true }), windowMs: ms(500, 5000) }),
        { nil: null },
      ),
      instances: fc.integer({ min: 1, max: 4 }),
      balancing: fc.constantFrom("round-robin" as const, "random" as const),
      localCache: fc.option(
        fc.record({
          ttlMs: ms(10, 500),
          capacity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        }),
        { nil: null },
      ),
      appDb: fc.option(fc.record({ timeoutMs: fc.option(ms(10, 500), { nil: null }), retry }), {
        nil: null,
      }),
      cache: fc.option(cache, { freq: 8, nil: null }),
      db,
      strategy,
      coalescing: options.coalescing ?? fc.constant(undefined),
    })
    .chain((c) =>
      events(c.durationMs).map((list) => {
        const strategy =
          c.coalescing === undefined ? c.strategy : { ...c.strategy, coalescing: c.coalescing };
        const needsCache =
          strategy.ttlJitter !== null ||
          strategy.freshness !== null ||
          strategy.background !== null ||
          (strategy.coalescing !== null && strategy.coalescing.kind !== "single-flight");
        const skipped = options.withoutEvents ?? [];
        return baseConfig({
          seed: c.seed,
          durationMs: c.durationMs,
          warmupMs: 0,
          bucketMs: c.bucketMs,
          traffic: c.other === null ? [c.web] : [c.web, c.other],
          events: list.filter((e) => !skipped.includes(e.kind)),
          client: { timeoutMs: c.timeoutMs, retry: c.retry, throttle: c.throttle },
          app: {
            instances: c.instances,
            balancing: c.balancing,
            localCache: c.localCache,
            db: c.appDb,
          },
          cache: c.cache ?? (needsCache ? {} : null),
          db: c.db,
          strategy,
        });
      }),
    );
}
