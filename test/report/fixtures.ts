import type { Metrics, RunResult, Series, StrategyResult } from "../../src/sim/result.js";

/** Each metrics section partly overridden. */
type MetricsOverrides = { [K in keyof Metrics]?: Partial<Metrics[K]> };

export function metrics(over: MetricsOverrides = {}): Metrics {
  return {
    requests: {
      total: 1_700_000,
      ok: 1_700_000,
      failed: 0,
      shed: 0,
      inFlight: 0,
      attempts: 1_700_000,
      retries: 0,
      throttled: 0,
      okRatio: 1,
      failedRatio: 0,
      amplification: 1,
      ...over.requests,
    },
    latencyMs: { mean: 1.2, p50: 1, p95: 1.01, p99: 210, p999: 480, max: 620, ...over.latencyMs },
    cache: {
      hits: 1_699_900,
      l1Hits: 0,
      misses: 100,
      staleServed: 0,
      earlyRefreshes: 0,
      staleSets: 0,
      gets: 1_700_000,
      sets: 3,
      hitRate: 0.99994,
      peakMissesPerSec: 40,
      maxStaleAgeMs: 0,
      ...over.cache,
    },
    db: {
      queries: 3,
      completed: 3,
      failed: 0,
      rejected: 0,
      queueTimedOut: 0,
      cancelled: 0,
      inProgress: 0,
      peakQps: 1,
      peakInFlight: 1,
      meanInFlight: 0.01,
      peakQueue: 0,
      refreshes: 3,
      loadsPerRefresh: { mean: 1, max: 1 },
      ...over.db,
    },
  };
}

/** A series of `values.length` one-second buckets starting at `startMs`. */
export function series(dbQps: number[], startMs = 10_000, bucketMs = 1000): Series {
  return {
    t: dbQps.map((_, i) => startMs + i * bucketMs),
    requests: dbQps.map(() => 10_000),
    ok: dbQps.map(() => 10_000),
    errors: dbQps.map((q) => (q > 1000 ? 12 : 0)),
    dbQps,
    cacheMisses: dbQps.map((q) => q),
    p99LatencyMs: dbQps.map((q, i) => (i === 0 ? null : q > 1000 ? 1900.5 : 1)),
    dbInFlight: dbQps.map((q) => q / 5),
  };
}

export function strategy(
  name: string,
  over: MetricsOverrides = {},
  rest: Partial<Omit<StrategyResult, "name" | "metrics">> = {},
): StrategyResult {
  return {
    name,
    metrics: metrics(over),
    series: series([0, 0, 1, 0, 0, 1, 0, 0]),
    recoveryMs: null,
    expectations: [],
    trafficOverridden: false,
    ...rest,
  };
}

/** A homepage-like comparison: naive stampedes and ends mid-collapse; single-flight coalesces. */
export function homepage(): RunResult {
  const spike = [0, 0, 0, 9800, 4200, 600, 20, 0, 0, 0];
  const calm = [0, 0, 0, 38, 2, 1, 0, 0, 0, 0];
  return {
    scenario: {
      name: "homepage",
      description: "The homepage key (60 s TTL) expires under 10,000 requests per second.",
      file: "scenarios/homepage.yaml",
      durationMs: 20_000,
      warmupMs: 10_000,
      bucketMs: 1000,
    },
    seed: 42,
    strategies: [
      strategy(
        "naive",
        {
          requests: {
            total: 100_000,
            ok: 86_000,
            failed: 12_000,
            inFlight: 2_000,
            attempts: 130_000,
            retries: 30_000,
            okRatio: 0.86,
            failedRatio: 0.12,
            amplification: 1.3,
          },
          latencyMs: { p99: 4800, max: 6012 },
          db: {
            queries: 14_658,
            peakQps: 9800,
            peakInFlight: 500,
            peakQueue: 5000,
            refreshes: 1,
            loadsPerRefresh: { mean: 14_658, max: 14_658 },
          },
        },
        {
          series: series(spike),
          expectations: [{ metric: "db.peakQps", min: 1000, actual: 9800, ok: true }],
        },
      ),
      strategy(
        "single-flight",
        {
          db: { queries: 41, peakQps: 38, loadsPerRefresh: { mean: 20.5, max: 38 } },
        },
        {
          series: series(calm),
          expectations: [
            { metric: "db.peakQps", max: 40, actual: 38, ok: true },
            { metric: "db.loadsPerRefresh.max", max: 20, actual: 38, ok: false },
          ],
        },
      ),
      strategy(
        'bigger, "quoted" pool',
        { db: { peakQps: 500, queries: 900 } },
        { series: series([0, 0, 0, 500, 300, 100, 0, 0, 0, 0]), trafficOverridden: true },
      ),
    ],
    skipped: ["lock"],
  };
}
