import { MAX_NEG_LOG_DRAW } from "../kernel/random.js";
import { ttlWindow } from "./plainTtl.js";
import type { FreshnessPolicy } from "./types.js";

/**
 * XFetch, probabilistic early expiry (Vattani, Chierichetti, Lowenstein 2015): a read of a fresh
 * value refreshes early when now − δ·β·ln(rand()) ≥ expiry, δ the value's measured recompute time.
 * Guarantee: with Poisson reads at rate λ, a constant recompute time δ, λ·δ·β ≫ 1 and no lock,
 * the expected number of loads per refresh is e^(1/β) (the first reader to trigger, plus those
 * arriving within δ after it).
 */
export function xfetch(
  ttlMs: number,
  keepStaleMs: number,
  beta: number,
  background: boolean,
): FreshnessPolicy {
  return {
    window: ttlWindow(ttlMs, keepStaleMs),
    decide: (entry, atMs, random) => {
      if (entry === undefined || atMs >= entry.freshUntilMs) return "miss";
      const gapMs = -entry.deltaMs * beta * Math.log(random.next());
      return atMs + gapMs >= entry.freshUntilMs ? "early-refresh" : "hit";
    },
    // The gap is at most δ·β·MAX_NEG_LOG_DRAW, so a read further than that from expiry is a hit.
    certainHitBeforeMs: (entry) => entry.freshUntilMs - entry.deltaMs * beta * MAX_NEG_LOG_DRAW,
    earlyRefreshInBackground: background,
  };
}
