import type { Backoff, RetryBudget, Throttle } from "../config.js";
import { SlidingWindow } from "../metrics/slidingWindow.js";

/**
 * The sleep before retry number n (n = 1 for the first retry), SPEC §7: exponential
 * min(cap, base·2^(n−1)), fixed `base`; full jitter uniform in [0, d], equal in [d/2, d],
 * decorrelated uniform in [base, 3·previous sleep] capped. `u` is uniform in (0, 1].
 */
export function backoffMs(backoff: Backoff, n: number, previousSleepMs: number, u: number): number {
  if (backoff.kind === "none") return 0;
  const { baseMs, capMs } = backoff;
  const unit = 1 - u; // [0, 1)
  if (backoff.jitter === "decorrelated") {
    const previous = n === 1 ? baseMs : previousSleepMs;
    const high = Math.max(baseMs, 3 * previous);
    return Math.min(capMs, baseMs + unit * (high - baseMs));
  }
  const d = backoff.kind === "fixed" ? baseMs : Math.min(capMs, baseMs * 2 ** (n - 1));
  switch (backoff.jitter) {
    case "none":
      return d;
    case "full":
      return unit * d;
    case "equal":
      return d / 2 + (unit * d) / 2;
  }
}

/**
 * Retry budget as a token bucket: it starts full, every first attempt earns `ratio` tokens (up to
 * `size`) and a retry needs and spends one, so retries stay near `ratio` of first attempts.
 */
export class RetryBudgetBucket {
  private tokens: number;

  constructor(private readonly budget: RetryBudget) {
    this.tokens = budget.size;
  }

  earn(): void {
    this.tokens = Math.min(this.budget.size, this.tokens + this.budget.ratio);
  }

  trySpend(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Client-side adaptive throttling: an attempt is dropped locally with probability
 * max(0, (requests − K·accepts)/(requests + 1)) over a sliding window, kept as 120 slots so memory
 * stays fixed whatever the rate (it slides window/120 at a time).
 */
export class AdaptiveThrottle {
  private readonly requests: SlidingWindow;
  private readonly accepts: SlidingWindow;

  constructor(private readonly throttle: Throttle) {
    this.requests = new SlidingWindow(throttle.windowMs, 120);
    this.accepts = new SlidingWindow(throttle.windowMs, 120);
  }

  /** Probability that an attempt made now is dropped locally. */
  rejectProbability(nowMs: number): number {
    const requests = this.requests.count(nowMs);
    const accepts = this.accepts.count(nowMs);
    return Math.max(0, (requests - this.throttle.k * accepts) / (requests + 1));
  }

  recordRequest(nowMs: number): void {
    this.requests.add(nowMs, 1);
  }

  recordAccept(nowMs: number): void {
    this.accepts.add(nowMs, 1);
  }
}
