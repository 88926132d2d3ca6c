/** The simulator's output for one strategy (SPEC §6, §7, §8). */

export interface RequestMetrics {
  total: number;
  ok: number;
  failed: number;
  shed: number;
  inFlight: number;
  attempts: number;
  retries: number;
  /** Attempts dropped locally by adaptive throttling (not in `attempts`). */
  throttled: number;
  okRatio: number | null;
  failedRatio: number | null;
  amplification: number | null;
}

export interface LatencyMetrics {
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

export interface CacheMetrics {
  hits: number;
  l1Hits: number;
  misses: number;
  staleServed: number;
  earlyRefreshes: number;
  staleSets: number;
  gets: number;
  sets: number;
  hitRate: number | null;
  peakMissesPerSec: number;
  maxStaleAgeMs: number;
}

export interface DbMetrics {
  queries: number;
  completed: number;
  failed: number;
  rejected: number;
  queueTimedOut: number;
  cancelled: number;
  inProgress: number;
  peakQps: number;
  peakInFlight: number;
  meanInFlight: number;
  peakQueue: number;
  refreshes: number;
  loadsPerRefresh: { mean: number | null; max: number | null } | null;
}

export interface Metrics {
  requests: RequestMetrics;
  latencyMs: LatencyMetrics;
  cache: CacheMetrics;
  db: DbMetrics;
}

export interface Series {
  /** Each bucket's start, absolute simulated ms. */
  t: number[];
  requests: number[];
  ok: number[];
  errors: number[];
  dbQps: number[];
  cacheMisses: number[];
  p99LatencyMs: Array<number | null>;
  dbInFlight: number[];
}

export interface ExpectationResult {
  metric: string;
  min?: number;
  max?: number;
  actual: number | null;
  ok: boolean;
}

export interface StrategyResult {
  name: string;
  metrics: Metrics;
  series: Series;
  recoveryMs: number | null;
  expectations: ExpectationResult[];
  /** True when the strategy overrides `traffic`, so it does not share the others' arrivals. */
  trafficOverridden: boolean;
}

export interface RunResult {
  scenario: {
    name: string;
    description: string;
    file: string;
    durationMs: number;
    warmupMs: number;
    bucketMs: number;
  };
  seed: number;
  strategies: StrategyResult[];
  /** Strategies named in the scenario but left out by --strategies. */
  skipped: string[];
}

/**
 * Every numeric metric path under `metrics` that an expectation may name, e.g. `db.peakQps`.
 * Kept beside the types so a new metric cannot be forgotten here without a type error.
 */
export const METRIC_PATHS: readonly string[] = (() => {
  const template: { [K in keyof Metrics]: Record<keyof Metrics[K], true> } = {
    requests: {
      total: true,
      ok: true,
      failed: true,
      shed: true,
      inFlight: true,
      attempts: true,
      retries: true,
      throttled: true,
      okRatio: true,
      failedRatio: true,
      amplification: true,
    },
    latencyMs: { mean: true, p50: true, p95: true, p99: true, p999: true, max: true },
    cache: {
      hits: true,
      l1Hits: true,
      misses: true,
      staleServed: true,
      earlyRefreshes: true,
      staleSets: true,
      gets: true,
      sets: true,
      hitRate: true,
      peakMissesPerSec: true,
      maxStaleAgeMs: true,
    },
    db: {
      queries: true,
      completed: true,
      failed: true,
      rejected: true,
      queueTimedOut: true,
      cancelled: true,
      inProgress: true,
      peakQps: true,
      peakInFlight: true,
      meanInFlight: true,
      peakQueue: true,
      refreshes: true,
      loadsPerRefresh: true,
    },
  };
  const paths: string[] = [];
  for (const [section, fields] of Object.entries(template)) {
    for (const field of Object.keys(fields)) {
      if (field === "loadsPerRefresh") paths.push(`db.${field}.mean`, `db.${field}.max`);
      else paths.push(`${section}.${field}`);
    }
  }
  return paths;
})();
