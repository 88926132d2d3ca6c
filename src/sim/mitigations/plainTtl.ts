import type { FreshnessPolicy } from "./types.js";

/** The plain window: fresh for `ttl` (scaled by the write's factor), kept `keepStale` longer. */
export function ttlWindow(ttlMs: number, keepStaleMs: number): FreshnessPolicy["window"] {
  return (writeMs, factor) => {
    const freshUntilMs = writeMs + ttlMs * factor;
    return { freshUntilMs, keepUntilMs: freshUntilMs + keepStaleMs };
  };
}

/** No freshness mitigation: every read of a value past its fresh-until misses. */
export function plainTtl(ttlMs: number, keepStaleMs: number): FreshnessPolicy {
  return {
    window: ttlWindow(ttlMs, keepStaleMs),
    decide: (entry, atMs) => (entry !== undefined && atMs < entry.freshUntilMs ? "hit" : "miss"),
    certainHitBeforeMs: (entry) => entry.freshUntilMs,
    earlyRefreshInBackground: false,
  };
}
