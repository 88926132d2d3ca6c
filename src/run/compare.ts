import type { LoadedScenario } from "../scenario/load.js";
import type { SimConfig } from "../sim/config.js";
import type { Metrics, Series } from "../sim/result.js";
import type { SimOutput } from "../sim/simulate.js";
import { UsageError } from "./errors.js";
import { evaluateExpectations } from "./expectations.js";
import { type Plan, runPlanSync } from "./plan.js";
import { pairedDifference, replicate } from "./replicate.js";
import type { RunResult, StrategyOutcome } from "./result.js";
import { checkReplications, replicationSeeds } from "./seeds.js";

/** The core's entry point, `simulate` from src/sim/simulate.ts, passed in so tests can fake it. */
export type SimulateFn = (config: SimConfig) => { metrics: Metrics; series: Series };

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Strategies to run (any order; they run in file order); all when omitted. */
  strategies?: readonly string[];
  /** Runs per strategy, on seeds derived from the master seed (default 1: a plain run). */
  replications?: number;
}

/**
 * The strategies to run, in file order, and the ones left out. Throws a UsageError naming the
 * valid strategies when `wanted` names one the scenario does not have.
 */
export function selectStrategies(
  loaded: Pick<LoadedScenario, "name" | "strategyNames">,
  wanted: readonly string[] | undefined,
): { selected: string[]; skipped: string[] } {
  const all = loaded.strategyNames;
  if (wanted === undefined) return { selected: [...all], skipped: [] };
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `"${name}"`).join(", ");
    throw new UsageError(
      `unknown strateg${unknown.length === 1 ? "y" : "ies"} ${list}; scenario "${loaded.name}" has: ${all.join(", ")}`,
    );
  }
  if (wanted.length === 0) {
    throw new UsageError(`no strategy selected; scenario "${loaded.name}" has: ${all.join(", ")}`);
  }
  return {
    selected: all.filter((name) => wanted.includes(name)),
    skipped: all.filter((name) => !wanted.includes(name)),
  };
}

/**
 * The simulations of a run, strategy-major: strategy s (file order), replication r sits at
 * s·replications + r. Each strategy runs on the same seeds, so each replication compares the
 * strategies on common random numbers, and the result assembles means, 95% intervals and
 * paired differences against the first selected strategy. With one replication the result is
 * exactly the plain run's (no interval fields). Throws a UsageError for unknown strategies or a
 * replication count outside 1…10,000.
 */
export function planRun(loaded: LoadedScenario, opts: RunOptions): Plan<RunResult> {
  const seed = opts.seed ?? loaded.seed;
  const replications = checkReplications(opts.replications);
  const seeds = replicationSeeds(seed, replications);
  const { selected, skipped } = selectStrategies(loaded, opts.strategies);
  const configs = selected.flatMap((name) => seeds.map((s) => loaded.configFor(name, s)));
  return {
    configs,
    assemble(outputs: readonly SimOutput[]): RunResult {
      if (outputs.length !== configs.length) {
        throw new RangeError(`planRun: expected ${configs.length} outputs, got ${outputs.length}`);
      }
      const slice = <T>(all: readonly T[], s: number) =>
        all.slice(s * replications, (s + 1) * replications);
      const strategies = selected.map((name, s): StrategyOutcome => {
        const outcome = replicate(slice(configs, s), slice(outputs, s));
        return {
          name,
          metrics: outcome.metrics,
          series: outcome.series,
          ...(outcome.ci95 === undefined ? {} : { ci95: outcome.ci95 }),
          recoveryMs: outcome.recovery.recoveryMs,
          recovery: outcome.recovery,
          // With replications, bounds apply to the means (SPEC §8).
          expectations: evaluateExpectations(outcome.metrics, loaded.expect[name] ?? {}),
          trafficOverridden: loaded.trafficOverridden(name),
        };
      });
      const result: RunResult = {
        scenario: {
          name: loaded.name,
          description: loaded.description,
          file: loaded.file,
          durationMs: loaded.durationMs,
          warmupMs: loaded.warmupMs,
          bucketMs: loaded.bucketMs,
        },
        seed,
        strategies,
        skipped,
      };
      if (replications === 1) return result;
      const metricsOf = (s: number) => slice(outputs, s).map((o) => o.metrics);
      const baseline = selected[0];
      return {
        ...result,
        replications,
        seeds,
        ...(baseline === undefined || selected.length < 2
          ? {}
          : {
              differences: {
                baseline,
                strategies: selected
                  .slice(1)
                  .map((name, i) => pairedDifference(name, metricsOf(i + 1), metricsOf(0))),
              },
            }),
      };
    },
  };
}

/**
 * Runs each selected strategy of a loaded scenario through `simulate` and evaluates its
 * expectations. Deterministic when `simulate` is: the same scenario, seed and selection give the
 * same result, and a strategy's result does not depend on which others run.
 */
export function compareStrategies(
  loaded: LoadedScenario,
  opts: RunOptions,
  simulate: SimulateFn,
): RunResult {
  return runPlanSync(planRun(loaded, opts), (config) => ({
    eventsProcessed: 0,
    ...simulate(config),
  }));
}
