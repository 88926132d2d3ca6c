import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";
import type { StopReason } from "./stop.js";

/** The pool asks a worker for one simulation at a time. */
export interface WorkRequest {
  index: number;
  config: SimConfig;
  maxEvents: number;
}

/** What a worker says back about the simulation it was given. */
export type WorkReply =
  | { type: "progress"; index: number; nowMs: number }
  | { type: "done"; index: number; output: SimOutput }
  | { type: "stopped"; index: number; reason: StopReason; message: string }
  | { type: "failed"; index: number; message: string; stack: string };
