import type { RunBatch } from "../../src/run/plan.js";
import type { SimConfig } from "../../src/sim/config.js";
import { simulate } from "../../src/sim/simulate.js";

/** A small uncached service: naive has 5 DB servers (~500 queries/s), bigger 20 (~2,000/s). */
export const CAPACITY_SCENARIO = {
  file: "capacity.yaml",
  text: `name: capacity
duration: 10s
warmup: 1s
traffic:
  - name: web
    open: { rate: 100 }
    keys: { count: 1000 }
client: { timeout: 200ms }
cache: none
db:
  service: { constant: 10ms }
  servers: 5
  queue: { limit: 10, timeout: 100ms }
strategies:
  naive: {}
  bigger: { db: { servers: 20 } }
`,
};

/** Runs batches in-process, recording each batch's configs. */
export function recordingBatch(batches: SimConfig[][] = []): RunBatch {
  return async (configs) => {
    batches.push([...configs]);
    return configs.map((c) => simulate(c));
  };
}
