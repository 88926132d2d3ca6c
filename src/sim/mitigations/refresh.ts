import type { Refresh } from "../config.js";
import type { Kernel } from "../kernel/kernel.js";

/**
 * Proactive refresh: the named (or hottest) keys are reloaded in the background every `every`,
 * from t = 0, each on the instance its index picks, through the coalescing stop like any load.
 * Guarantee: each key is refreshed at 0, every, 2·every, … for the whole run (the DB load counts).
 */
export function scheduleRefresh(
  kernel: Kernel,
  options: Refresh,
  keys: number[],
  durationMs: number,
  refreshKey: (key: number, index: number) => void,
): void {
  const round = (atMs: number) => {
    for (const [index, key] of keys.entries()) refreshKey(key, index);
    const next = atMs + options.everyMs;
    if (next < durationMs) kernel.at(next, () => round(next));
  };
  kernel.at(0, () => round(0));
}
