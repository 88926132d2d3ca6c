import { MAX_NEG_LOG_DRAW } from "../kernel/random.js";
import { ttlWindow } from "./plainTtl.js";
import type { FreshnessPolicy } from "./types.js";

/**
 * A published early-expiry recipe, as printed: refresh with probability exp(−β·remaining/ttl).
 * Guarantee (of the recipe's flaw, shown not hidden): a brand-new entry (remaining = ttl) is
 * refreshed by a fraction e^(−β) of its reads — about 37% at β = 1 — not by almost none.
 */
export function earlyExpDecay(ttlMs: number, keepStaleMs: number, beta: number): FreshnessPolicy {
  return {
    window: ttlWindow(ttlMs, keepStaleMs),
    decide: (entry, atMs, random) => {
      if (entry === undefined || atMs >= entry.freshUntilMs) return "miss";
      const lifetimeMs = entry.freshUntilMs - entry.writtenAtMs;
      const remainingMs = entry.freshUntilMs - atMs;
      const p = Math.exp((-beta * remainingMs) / lifetimeMs);
      return random.next() <= p ? "early-refresh" : "hit";
    },
    // A draw is never below e^(−MAX_NEG_LOG_DRAW): p under that is never met.
    certainHitBeforeMs: (entry) =>
      entry.freshUntilMs - ((entry.freshUntilMs - entry.writtenAtMs) * MAX_NEG_LOG_DRAW) / beta,
    earlyRefreshInBackground: false,
  };
}
