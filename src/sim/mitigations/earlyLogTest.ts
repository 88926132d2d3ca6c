import { ttlWindow } from "./plainTtl.js";
import type { FreshnessPolicy } from "./types.js";

/**
 * A published early-expiry recipe, as printed: refresh when rand() < δ·β·ln(rand()).
 * Guarantee (of the recipe's flaw, shown not hidden): it never fires, because ln(rand()) ≤ 0 makes
 * the right side ≤ 0 while rand() > 0; it behaves exactly like no early expiry at all.
 */
export function earlyLogTest(ttlMs: number, keepStaleMs: number, beta: number): FreshnessPolicy {
  return {
    window: ttlWindow(ttlMs, keepStaleMs),
    decide: (entry, atMs, random) => {
      if (entry === undefined || atMs >= entry.freshUntilMs) return "miss";
      const threshold = entry.deltaMs * beta * Math.log(random.next());
      return random.next() < threshold ? "early-refresh" : "hit";
    },
    certainHitBeforeMs: (entry) => entry.freshUntilMs,
    earlyRefreshInBackground: false,
  };
}
