import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";

/** A fixed list of simulations and how to turn their outputs into a result. */
export interface Plan<R> {
  /** Every simulation the result needs, in a deterministic order. */
  configs: SimConfig[];
  /** The result, given outputs[i] = simulate(configs[i]); pure. */
  assemble(outputs: readonly SimOutput[]): R;
}

/** Runs a batch of simulations (in-process or worker threads), outputs in input order. */
export type RunBatch = (configs: readonly SimConfig[]) => Promise<SimOutput[]>;

/** Runs a plan in this thread, one simulation after another. */
export function runPlanSync<R>(plan: Plan<R>, simulate: (config: SimConfig) => SimOutput): R {
  return plan.assemble(plan.configs.map((config) => simulate(config)));
}

/** Runs a plan through a batch runner (all its simulations in one batch). */
export async function runPlan<R>(plan: Plan<R>, runBatch: RunBatch): Promise<R> {
  return plan.assemble(await runBatch(plan.configs));
}
