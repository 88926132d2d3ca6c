import { METRIC_PATHS } from "../sim/result.js";
import { UsageError } from "./errors.js";
import { metricAt } from "./expectations.js";
import type { StrategyOutcome } from "./result.js";

/** Besides the metrics, a sweep or a condition may name the recovery time. */
export const RECOVERY_PATH = "recoveryMs";

/** Every path a sweep metric or a condition may name. */
export const OUTCOME_PATHS: readonly string[] = [...METRIC_PATHS, RECOVERY_PATH];

/** The default metrics of a sweep: the database's peak, the failures and the tail latency. */
export const DEFAULT_SWEEP_METRICS: readonly string[] = [
  "db.peakQps",
  "requests.failedRatio",
  "latencyMs.p99",
];

/** Throws a UsageError naming the valid paths when `path` is not one. */
export function checkOutcomePath(path: string, where: string): void {
  if (OUTCOME_PATHS.includes(path)) return;
  const section = path.split(".")[0] ?? "";
  const near = OUTCOME_PATHS.filter((p) => p.startsWith(`${section}.`));
  throw new UsageError(
    `${where}: unknown metric "${path}"; expected one of ${(near.length > 0 ? near : OUTCOME_PATHS).join(", ")}`,
  );
}

/** The value of a path for one strategy's outcome (means with replications). */
export function outcomeAt(s: Pick<StrategyOutcome, "metrics" | "recoveryMs">, path: string) {
  return path === RECOVERY_PATH ? s.recoveryMs : metricAt(s.metrics, path);
}

/** The 95% half-width of a path for one strategy's outcome; null without replications. */
export function outcomeIntervalAt(s: StrategyOutcome, path: string): number | null {
  if (path === RECOVERY_PATH) return s.recovery?.recoveryCi95 ?? null;
  if (s.ci95 === undefined) return null;
  return metricAt(s.ci95 as Parameters<typeof metricAt>[0], path);
}
