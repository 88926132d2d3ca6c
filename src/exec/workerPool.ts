import { Worker } from "node:worker_threads";
import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";
import type { ExecOptions } from "./executor.js";
import { pendingStop, RunStopped, stopFor } from "./stop.js";
import type { WorkReply, WorkRequest } from "./workerProtocol.js";

// The built worker, found from src/exec (tests) and dist/exec (the CLI) alike: both sit two
// levels under the package root. Tests that start workers therefore need `npm run build` first,
// which `npm test` does.
const WORKER_URL = new URL("../../dist/exec/worker.js", import.meta.url);

/** How often the pool looks at the wall clock while workers run. */
const DEADLINE_POLL_MS = 100;

/**
 * Runs the batch on up to `opts.jobs` worker threads, handing each idle worker the next
 * simulation in batch order and storing each output at its index, so the outputs are the same
 * as in one thread. Any stop or failure terminates every worker.
 */
export function runOnWorkers(
  configs: readonly SimConfig[],
  opts: ExecOptions,
): Promise<SimOutput[]> {
  const total = configs.length;
  const outputs = new Array<SimOutput>(total);
  const simulatedShare = new Float64Array(total);
  let next = 0;
  let done = 0;
  let settled = false;
  const workers: Worker[] = [];

  return new Promise<SimOutput[]>((resolve, reject) => {
    const onAbort = () => finish(stopFor("interrupted", done, total));
    const poll = setInterval(() => {
      const stop = pendingStop(opts, done, total);
      if (stop !== null) finish(stop);
    }, DEADLINE_POLL_MS);

    function finish(err: Error | null): void {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      opts.signal?.removeEventListener("abort", onAbort);
      for (const worker of workers) void worker.terminate();
      if (err === null) resolve(outputs);
      else reject(err);
    }

    function report(): void {
      let share = done;
      for (let i = 0; i < total; i++) if (outputs[i] === undefined) share += simulatedShare[i] ?? 0;
      opts.onProgress?.({ done, total, fraction: share / total });
    }

    function dispatch(worker: Worker): void {
      if (next >= total) return;
      const index = next++;
      const request: WorkRequest = {
        index,
        config: configs[index] as SimConfig,
        maxEvents: opts.maxEventsPerRun,
      };
      worker.postMessage(request);
    }

    function onReply(worker: Worker, reply: WorkReply): void {
      switch (reply.type) {
        case "progress":
          simulatedShare[reply.index] =
            reply.nowMs / (configs[reply.index] as SimConfig).durationMs;
          report();
          return;
        case "done":
          outputs[reply.index] = reply.output;
          done++;
          report();
          if (done === total) finish(null);
          else dispatch(worker);
          return;
        case "stopped":
          finish(new RunStopped(reply.reason, reply.message));
          return;
        case "failed": {
          const error = new Error(reply.message);
          error.stack = reply.stack;
          finish(error);
          return;
        }
      }
    }

    opts.signal?.addEventListener("abort", onAbort, { once: true });
    for (let k = 0; k < Math.min(opts.jobs, total); k++) {
      const worker = new Worker(WORKER_URL);
      workers.push(worker);
      worker.on("message", (reply: WorkReply) => onReply(worker, reply));
      worker.on("error", (err) => finish(err));
      worker.on("exit", (code) => {
        if (code !== 0) finish(new Error(`a simulation worker exited with code ${code}`));
      });
      dispatch(worker);
    }
  });
}
