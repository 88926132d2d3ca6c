/**
 * The run layer's result: the core's RunResult (src/sim/result.ts, SPEC §6) plus what experiments
 * add. Every addition is optional, so a plain RunResult is still a valid input to the renderers,
 * and a run with one replication carries no interval fields at all.
 */

import type {
  RunResult as CoreRunResult,
  StrategyResult as CoreStrategyResult,
  Metrics,
} from "../sim/result.js";
import type { NullableTree } from "./metricTree.js";
import type { Recovery } from "./recovery.js";

/** Metrics-shaped half-widths of 95% confidence intervals (or means of differences). */
export type MetricTree = NullableTree<Metrics>;

/** Verdict over replications: "partly-recovered" when some runs recovered and some did not. */
export type RecoverySummaryVerdict = Recovery["verdict"] | "partly-recovered";

export interface RecoverySummary extends Omit<Recovery, "verdict"> {
  verdict: RecoverySummaryVerdict;
  /** Runs (replications) measured. */
  runs: number;
  /** Runs that recovered; recoveryMs is the mean over these. */
  recoveredRuns: number;
  /** Half-width of the 95% interval of recoveryMs over the recovered runs (two or more). */
  recoveryCi95?: number | null;
}

export interface StrategyOutcome extends CoreStrategyResult {
  /** With two or more replications: 95% interval half-widths, the same shape as `metrics`. */
  ci95?: MetricTree;
  recovery?: RecoverySummary;
}

/** One strategy minus the baseline, replication by replication (common random numbers). */
export interface PairedDifference {
  name: string;
  /** Mean over replications of (strategy − baseline), the same shape as `metrics`. */
  metrics: MetricTree;
  ci95: MetricTree;
}

export interface RunResult extends CoreRunResult {
  strategies: StrategyOutcome[];
  /** Present with two or more replications. */
  replications?: number;
  /** The seed of each replication (the first is the master seed). */
  seeds?: number[];
  /** With two or more replications and strategies: each strategy against the first. */
  differences?: { baseline: string; strategies: PairedDifference[] };
}
