import type { LoadedScenario } from "../scenario/load.js";
import { simulate } from "../sim/simulate.js";
import { compareStrategies, type RunOptions } from "./compare.js";
import type { RunResult } from "./result.js";

export { planRun, type RunOptions, selectStrategies } from "./compare.js";

/**
 * Runs each selected strategy (file order) of a loaded scenario with the simulator, in this
 * thread, and evaluates its expectations; strategies not selected are listed in `skipped`.
 * Unknown names in `opts.strategies` throw a UsageError listing the valid ones.
 */
export function runScenario(loaded: LoadedScenario, opts: RunOptions = {}): RunResult {
  return compareStrategies(loaded, opts, simulate);
}
