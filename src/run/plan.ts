import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";

/** A fixed list of simulations and how to turn their outputs into a result. */
export interface Plan<R> {
  /** Every simulation the result needs, in a deterministic order. */
  configs: SimConfig[];
  /** The result, given outputs[i] = simulate(configs[i]); pure. */
  assemble(outputs: readonly SimOutput[]): R;
}

/** Runs a batch of simulations (in this thread or on workers), outputs in input order. */
export type RunBatch = (configs: readonly SimConfig[]) => Promise<SimOutput[]>;
