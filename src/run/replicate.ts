import type { SimConfig } from "../sim/config.js";
import type { Metrics, Series } from "../sim/result.js";
import type { SimOutput } from "../sim/simulate.js";
import { meanInterval } from "./interval.js";
import { combineTrees } from "./metricTree.js";
import { recoveryOf } from "./recovery.js";
import type { MetricTree, PairedDifference, RecoverySummary } from "./result.js";

/** What the replications of one strategy add up to. */
export interface ReplicatedOutcome {
  metrics: Metrics;
  series: Series;
  /** Only with two or more replications. */
  ci95?: MetricTree;
  recovery: RecoverySummary;
}

const mean = (values: number[]) => meanInterval(values).mean;
const halfWidth = (values: number[]) => meanInterval(values).ci95;

/**
 * Means over replications. A metric null in any replication is null; the cast back to Metrics
 * holds because the fields typed as never null are counts, never null in any replication.
 */
export function meanMetrics(all: readonly Metrics[]): Metrics {
  return combineTrees(all, mean) as Metrics;
}

export function metricIntervals(all: readonly Metrics[]): MetricTree {
  return combineTrees(all, halfWidth);
}

/** Per-bucket means; a bucket's p99 is the mean of the replications that had one. */
export function meanSeries(all: readonly Series[]): Series {
  const first = all[0];
  if (first === undefined) throw new RangeError("meanSeries of no series");
  const column = (pick: (s: Series) => number[]) =>
    first.t.map((_, i) => mean(all.map((s) => pick(s)[i] ?? 0)));
  return {
    t: [...first.t],
    requests: column((s) => s.requests),
    ok: column((s) => s.ok),
    errors: column((s) => s.errors),
    dbQps: column((s) => s.dbQps),
    cacheMisses: column((s) => s.cacheMisses),
    p99LatencyMs: first.t.map((_, i) => {
      const values = all
        .map((s) => s.p99LatencyMs[i] ?? null)
        .filter((v): v is number => v !== null);
      return values.length === 0 ? null : mean(values);
    }),
    dbInFlight: column((s) => s.dbInFlight),
  };
}

/** The recovery verdicts of the replications in one. */
export function summarizeRecovery(
  configs: readonly SimConfig[],
  outputs: readonly SimOutput[],
): RecoverySummary {
  const runs = outputs.map((out, i) => recoveryOf(configs[i] as SimConfig, out.series));
  const first = runs[0];
  if (first === undefined) throw new RangeError("summarizeRecovery of no runs");
  const recovered = runs.filter((r) => r.verdict === "recovered");
  const times = recovered.map((r) => r.recoveryMs ?? 0);
  const baselines = runs.map((r) => r.baselineGoodput).filter((b): b is number => b !== null);
  const base = {
    trigger: first.trigger,
    baselineGoodput: baselines.length === runs.length ? mean(baselines) : null,
    runs: runs.length,
    recoveredRuns: recovered.length,
  };
  if (runs.length === 1) return { ...first, ...base };
  const measured = runs.every((r) => r.verdict === "recovered" || r.verdict === "did-not-recover");
  const verdict = !measured
    ? first.verdict
    : recovered.length === runs.length
      ? "recovered"
      : recovered.length === 0
        ? "did-not-recover"
        : "partly-recovered";
  return {
    ...base,
    verdict,
    recoveryMs: times.length === 0 ? null : mean(times),
    recoveryCi95: times.length === 0 ? null : halfWidth(times),
  };
}

/** Replications of one strategy: configs[i] ran as outputs[i], replication 0 first. */
export function replicate(
  configs: readonly SimConfig[],
  outputs: readonly SimOutput[],
): ReplicatedOutcome {
  const recovery = summarizeRecovery(configs, outputs);
  const only = outputs.length === 1 ? outputs[0] : undefined;
  // One replication is a plain run: its numbers pass through untouched.
  if (only !== undefined) return { metrics: only.metrics, series: only.series, recovery };
  const metrics = outputs.map((o) => o.metrics);
  return {
    metrics: meanMetrics(metrics),
    series: meanSeries(outputs.map((o) => o.series)),
    ci95: metricIntervals(metrics),
    recovery,
  };
}

/**
 * `strategy − baseline` replication by replication, then the mean and interval of those
 * differences: the strategies ran on the same seeds, so the pairing removes the noise they
 * share and the interval is far narrower than the two separate ones would suggest.
 */
export function pairedDifference(
  name: string,
  strategy: readonly Metrics[],
  baseline: readonly Metrics[],
): PairedDifference {
  const differences = strategy.map((m, i) =>
    combineTrees([m, baseline[i] as Metrics], ([a = 0, b = 0]) => a - b),
  );
  return {
    name,
    metrics: combineTrees(differences, mean),
    ci95: combineTrees(differences, halfWidth),
  };
}
