import type { LoadedScenario } from "../scenario/load.js";
import {
  formatParamPath,
  loadWithParam,
  type ParamValue,
  parseParamPath,
} from "../scenario/parameter.js";
import type { SimOutput } from "../sim/simulate.js";
import { planRun } from "./compare.js";
import { UsageError } from "./errors.js";
import {
  checkOutcomePath,
  DEFAULT_SWEEP_METRICS,
  outcomeAt,
  outcomeIntervalAt,
} from "./metricPaths.js";
import type { Plan } from "./plan.js";
import type { RecoverySummaryVerdict, RunResult } from "./result.js";
import { MAX_SWEEP_POINTS } from "./sweepValues.js";

/** The scenario file a sweep varies: its text is re-validated with each value. */
export interface ScenarioSource {
  text: string;
  file: string;
}

export interface SweepOptions {
  /** Path into the scenario document, e.g. `traffic[0].open.rate`. */
  param: string;
  /** In the order to run and show them. */
  values: readonly ParamValue[];
  /** Dotted metric paths (or `recoveryMs`); DEFAULT_SWEEP_METRICS when omitted. */
  metrics?: readonly string[];
  seed?: number;
  strategies?: readonly string[];
  replications?: number;
}

/** One metric of one strategy at one value: the mean over replications and its half-width. */
export interface SweepCell {
  mean: number | null;
  /** Half-width of the 95% interval; null with one replication. */
  ci95: number | null;
}

export interface SweepStrategy {
  name: string;
  /** Keyed by metric path, in the order of SweepResult.metrics. */
  metrics: Record<string, SweepCell>;
  recovery: RecoverySummaryVerdict | null;
}

export interface SweepPoint {
  value: ParamValue;
  strategies: SweepStrategy[];
}

export interface SweepResult {
  scenario: { name: string; file: string };
  /** The parameter path as written back (`traffic[0].open.rate`). */
  param: string;
  seed: number;
  /** Present with two or more replications. */
  replications?: number;
  seeds?: number[];
  metrics: string[];
  strategies: string[];
  points: SweepPoint[];
}

/** Checks and normalizes the sweep metric list. */
export function sweepMetrics(metrics: readonly string[] | undefined): string[] {
  const list = [...(metrics ?? DEFAULT_SWEEP_METRICS)];
  if (list.length === 0) throw new UsageError("--metrics: name at least one metric");
  for (const path of list) checkOutcomePath(path, "--metrics");
  return list;
}

/** The scenario at each value, loaded and validated before any simulation runs. */
export function variantsOf(
  source: ScenarioSource,
  param: string,
  values: readonly ParamValue[],
): LoadedScenario[] {
  if (values.length === 0) throw new UsageError("a sweep needs at least one value");
  if (values.length > MAX_SWEEP_POINTS) {
    throw new UsageError(`a sweep has at most ${MAX_SWEEP_POINTS} values, got ${values.length}`);
  }
  const path = parseParamPath(param);
  return values.map((value) => loadWithParam(source.text, source.file, path, value));
}

/**
 * A sweep: for each value of the parameter (in the order given), the run of the selected
 * strategies with their replications, as planRun lays them out, value after value. Every value
 * runs on the same seeds, so neighbouring points differ by the parameter, not by luck. The
 * result keeps the chosen metrics per value and strategy (means and 95% half-widths).
 */
export function planSweep(source: ScenarioSource, opts: SweepOptions): Plan<SweepResult> {
  const metrics = sweepMetrics(opts.metrics);
  const variants = variantsOf(source, opts.param, opts.values);
  const runOptions = {
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.strategies === undefined ? {} : { strategies: opts.strategies }),
    ...(opts.replications === undefined ? {} : { replications: opts.replications }),
  };
  const plans = variants.map((loaded) => planRun(loaded, runOptions));
  const first = variants[0] as LoadedScenario;
  return {
    configs: plans.flatMap((p) => p.configs),
    assemble(outputs: readonly SimOutput[]): SweepResult {
      let offset = 0;
      const runs = plans.map((plan) => {
        const run = plan.assemble(outputs.slice(offset, offset + plan.configs.length));
        offset += plan.configs.length;
        return run;
      });
      const head = runs[0] as RunResult;
      return {
        scenario: { name: first.name, file: first.file },
        param: formatParamPath(parseParamPath(opts.param)),
        seed: head.seed,
        ...(head.replications === undefined
          ? {}
          : { replications: head.replications, seeds: head.seeds ?? [] }),
        metrics,
        strategies: head.strategies.map((s) => s.name),
        points: runs.map((run, i) => ({
          value: opts.values[i] ?? null,
          strategies: run.strategies.map((s) => ({
            name: s.name,
            metrics: Object.fromEntries(
              metrics.map((path) => [
                path,
                { mean: outcomeAt(s, path), ci95: outcomeIntervalAt(s, path) },
              ]),
            ),
            recovery: s.recovery?.verdict ?? null,
          })),
        })),
      };
    },
  };
}
