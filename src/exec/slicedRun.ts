import type { SimConfig } from "../sim/config.js";
import { type SimOutput, Simulation } from "../sim/simulate.js";
import { RunStopped } from "./stop.js";

/**
 * Events per slice: big enough that the checks between slices cost nothing, small enough (a
 * fraction of a second) that Ctrl-C and `--max-wall` are answered promptly.
 */
export const EVENTS_PER_SLICE = 200_000;

export interface SliceHooks {
  /** The event limit of this one simulation. */
  maxEvents: number;
  /** Called between slices: a reason to stop, or null to go on. */
  shouldStop: () => RunStopped | null;
  /** Called after each slice with the simulated time reached. */
  onSlice?: (nowMs: number) => void;
  /** Lets the host's event loop run (signals, timers, messages) between slices. */
  pause: () => Promise<void>;
}

/** The label a message gives one simulation: its strategy and seed. */
export function runLabel(config: SimConfig): string {
  return `strategy "${config.strategy.name}" (seed ${config.seed})`;
}

/**
 * Runs one simulation in slices, checking its limits between them. Its result is exactly
 * `simulate(config)`: slicing never changes a run (a test in test/sim/simulate.test.ts pins it).
 */
export async function runSliced(config: SimConfig, hooks: SliceHooks): Promise<SimOutput> {
  const run = new Simulation(config);
  for (;;) {
    const budget = Math.min(EVENTS_PER_SLICE, hooks.maxEvents - run.eventsProcessed);
    if (run.advance(Math.max(0, budget))) return run.finish();
    hooks.onSlice?.(run.nowMs);
    if (run.eventsProcessed >= hooks.maxEvents) {
      throw new RunStopped(
        "max-events",
        `${runLabel(config)} reached the limit of ${hooks.maxEvents} events at simulated ${Math.round(run.nowMs)} ms of ${config.durationMs}; raise --max-events to let it finish`,
      );
    }
    const stop = hooks.shouldStop();
    if (stop !== null) throw stop;
    await hooks.pause();
  }
}
