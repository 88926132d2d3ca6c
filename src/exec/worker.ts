import { parentPort } from "node:worker_threads";
import { runSliced } from "./slicedRun.js";
import { RunStopped } from "./stop.js";
import type { WorkReply, WorkRequest } from "./workerProtocol.js";

// One simulation at a time, on request of the pool (src/exec/workerPool.ts). Wall-clock limits
// and Ctrl-C are the pool's: it terminates this thread; here only the event limit is checked.
const port = parentPort;
if (port === null) throw new Error("src/exec/worker.js runs only as a worker thread");

port.on("message", async ({ index, config, maxEvents }: WorkRequest) => {
  const reply = (message: WorkReply) => port.postMessage(message);
  try {
    const output = await runSliced(config, {
      maxEvents,
      shouldStop: () => null,
      onSlice: (nowMs) => reply({ type: "progress", index, nowMs }),
      pause: async () => {},
    });
    reply({ type: "done", index, output });
  } catch (err) {
    if (err instanceof RunStopped) {
      reply({ type: "stopped", index, reason: err.reason, message: err.message });
    } else {
      const error = err instanceof Error ? err : new Error(String(err));
      reply({ type: "failed", index, message: error.message, stack: error.stack ?? error.message });
    }
  }
});
