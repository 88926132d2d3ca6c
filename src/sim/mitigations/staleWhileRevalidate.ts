import type { FreshnessPolicy } from "./types.js";

/**
 * Stale-while-revalidate (RFC 5861): fresh before `soft`; between soft and hard the stale value is
 * served at once and one background refresh per key starts; past hard it is a miss.
 * Guarantee: no request waits for the DB while a value is within its hard TTL.
 */
export function staleWhileRevalidate(softMs: number, hardMs: number): FreshnessPolicy {
  return {
    window: (writeMs, factor) => ({
      freshUntilMs: writeMs + softMs * factor,
      keepUntilMs: writeMs + hardMs * factor,
    }),
    decide: (entry, atMs) => {
      if (entry === undefined) return "miss";
      if (atMs < entry.freshUntilMs) return "hit";
      return atMs < entry.keepUntilMs ? "stale-refresh" : "miss";
    },
    certainHitBeforeMs: (entry) => entry.freshUntilMs,
    earlyRefreshInBackground: true,
  };
}
