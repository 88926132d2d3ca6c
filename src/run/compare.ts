import type { LoadedScenario } from "../scenario/load.js";
import type { SimConfig } from "../sim/config.js";
import type { Metrics, RunResult, Series, StrategyResult } from "../sim/result.js";
import type { SimOutput } from "../sim/simulate.js";
import { UsageError } from "./errors.js";
import { evaluateExpectations } from "./expectations.js";
import type { Plan } from "./plan.js";

/** The core's entry point, `simulate` from src/sim/simulate.ts, passed in so tests can fake it. */
export type SimulateFn = (config: SimConfig) => { metrics: Metrics; series: Series };

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Strategies to run (any order; they run in file order); all when omitted. */
  strategies?: readonly string[];
  /** Runs per strategy (default 1). */
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

/** The simulations of one run of a scenario (one per selected strategy) and its result. */
export function planRun(loaded: LoadedScenario, opts: RunOptions): Plan<RunResult> {
  const seed = opts.seed ?? loaded.seed;
  const { selected, skipped } = selectStrategies(loaded, opts.strategies);
  if ((opts.replications ?? 1) > 1) throw new UsageError("--replications above 1 is not built yet");
  return {
    configs: selected.map((name) => loaded.configFor(name, seed)),
    assemble: (outputs) => ({
      scenario: {
        name: loaded.name,
        description: loaded.description,
        file: loaded.file,
        durationMs: loaded.durationMs,
        warmupMs: loaded.warmupMs,
        bucketMs: loaded.bucketMs,
      },
      seed,
      strategies: selected.map((name, i): StrategyResult => {
        const out = outputs[i] as SimOutput;
        return {
          name,
          metrics: out.metrics,
          series: out.series,
          recoveryMs: null,
          expectations: evaluateExpectations(out.metrics, loaded.expect[name] ?? {}),
          trafficOverridden: loaded.trafficOverridden(name),
        };
      }),
      skipped,
    }),
  };
}

/**
 * Runs each selected strategy of a loaded scenario through `simulate` on the same seed and
 * evaluates its expectations. Deterministic when `simulate` is: the same scenario, seed and
 * selection give the same result, and a strategy's result does not depend on which others run.
 */
export function compareStrategies(
  loaded: LoadedScenario,
  opts: RunOptions,
  simulate: SimulateFn,
): RunResult {
  const plan = planRun(loaded, opts);
  return plan.assemble(plan.configs.map((config) => ({ eventsProcessed: 0, ...simulate(config) })));
}
