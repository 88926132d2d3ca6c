import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";
import { runSliced } from "./slicedRun.js";
import { pendingStop, type StopConditions } from "./stop.js";
import { runOnWorkers } from "./workerPool.js";

/** How far a batch has got: finished simulations, and the fraction of all the work done. */
export interface Progress {
  done: number;
  total: number;
  /** (finished + the simulated share of those under way) / total, in [0, 1]. */
  fraction: number;
}

export interface ExecOptions extends StopConditions {
  /** Simulations run at once: 1 runs them in this thread, more on worker threads. */
  jobs: number;
  /** Events one simulation may run. */
  maxEventsPerRun: number;
  onProgress?: (progress: Progress) => void;
}

/**
 * Runs a batch of simulations and returns their outputs in the batch's order, whatever the
 * number of jobs: outputs[i] is always simulate(configs[i]), so the result of a command does
 * not depend on `--jobs`. Throws RunStopped when a limit or Ctrl-C stops it.
 */
export async function runBatch(
  configs: readonly SimConfig[],
  opts: ExecOptions,
): Promise<SimOutput[]> {
  const early = pendingStop(opts, 0, configs.length);
  if (early !== null) throw early;
  if (opts.jobs > 1 && configs.length > 1) return runOnWorkers(configs, opts);
  return runInThisThread(configs, opts);
}

async function runInThisThread(
  configs: readonly SimConfig[],
  opts: ExecOptions,
): Promise<SimOutput[]> {
  const total = configs.length;
  const outputs: SimOutput[] = [];
  for (const config of configs) {
    const done = outputs.length;
    const stop = pendingStop(opts, done, total);
    if (stop !== null) throw stop;
    outputs.push(
      await runSliced(config, {
        maxEvents: opts.maxEventsPerRun,
        shouldStop: () => pendingStop(opts, done, total),
        onSlice: (nowMs) =>
          opts.onProgress?.({ done, total, fraction: (done + nowMs / config.durationMs) / total }),
        // A turn of the event loop through its timers and poll phases, so that a SIGINT handler and
        // timers get to run between slices.
        pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      }),
    );
    opts.onProgress?.({ done: done + 1, total, fraction: (done + 1) / total });
  }
  return outputs;
}
