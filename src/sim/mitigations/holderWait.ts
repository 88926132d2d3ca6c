import type { AppInstance } from "../model/appInstance.js";
import type { World } from "../model/world.js";
import type { ReadWaiter } from "./types.js";

/** Classifies a read at most once (SPEC §8): the first wait makes it a miss. */
export class ReadClassification {
  classified = false;

  constructor(private readonly waiter: ReadWaiter) {}

  waiting(): void {
    if (!this.classified) this.waiter.waiting();
    this.classified = true;
  }
}

/**
 * A read that lost the race for a lock or a lease token: it takes the stale copy when the
 * mitigation allows it and has one, else waits `delayMs` and asks again — unless its client gave
 * up or its instance restarted meanwhile. Background work just leaves the reload to the holder.
 */
export function waitForHolder(
  world: World,
  instance: AppInstance,
  epoch: number,
  waiter: ReadWaiter,
  read: ReadClassification,
  allowStale: boolean,
  delayMs: number,
  askAgain: () => void,
): void {
  const attempt = waiter.attempt;
  if (attempt === null) return;
  if (!read.classified && allowStale && waiter.stale !== undefined) {
    read.classified = true;
    waiter.serveStale();
    return;
  }
  read.waiting();
  world.kernel.after(delayMs, () => {
    if (!attempt.settled && instance.epoch === epoch) askAgain();
  });
}
