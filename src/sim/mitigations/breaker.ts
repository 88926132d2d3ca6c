import type { Breaker } from "../config.js";
import { SlidingWindow } from "../metrics/slidingWindow.js";
import type { RebuildGate } from "../model/load.js";

/**
 * Circuit breaker on one instance's rebuild path: a concurrency limit, a rebuild timeout, and
 * closed → open (failure ratio over `window` above `threshold` with at least `minCalls`) → after
 * `openFor` half-open (admits `probes`; all succeed → closed, any fails → open again).
 * Guarantee: never more than `maxConcurrent` rebuilds at once, and while open no rebuild reaches
 * the DB.
 */
export class CircuitBreaker implements RebuildGate {
  state: "closed" | "open" | "half-open" = "closed";
  readonly timeoutMs: number | null;
  private inFlight = 0;
  private openedAtMs = 0;
  private probesAdmitted = 0;
  private probesSucceeded = 0;
  private halfOpenSinceMs = 0;
  /** Outcomes in the window: count = calls, sum = failures. */
  private readonly outcomes: SlidingWindow;

  constructor(private readonly options: Breaker) {
    this.timeoutMs = options.timeoutMs;
    this.outcomes = new SlidingWindow(options.windowMs);
  }

  get rebuildsInFlight(): number {
    return this.inFlight;
  }

  tryEnter(nowMs: number): boolean {
    if (this.state === "open") {
      if (nowMs - this.openedAtMs < this.options.openForMs) return false;
      this.state = "half-open";
      this.halfOpenSinceMs = nowMs;
      this.probesAdmitted = 0;
      this.probesSucceeded = 0;
    }
    if (this.options.maxConcurrent !== null && this.inFlight >= this.options.maxConcurrent) {
      return false;
    }
    if (this.state === "half-open") {
      if (this.probesAdmitted >= this.options.probes) return false;
      this.probesAdmitted++;
    }
    this.inFlight++;
    return true;
  }

  /**
   * A rebuild admitted at `enteredAtMs` ended. One admitted before the breaker went half-open is
   * not a probe: its outcome neither closes nor reopens it.
   */
  exit(nowMs: number, ok: boolean, enteredAtMs = Number.POSITIVE_INFINITY): void {
    this.inFlight--;
    if (this.state === "half-open") {
      if (enteredAtMs < this.halfOpenSinceMs) return;
      if (!ok) this.open(nowMs);
      else if (++this.probesSucceeded >= this.options.probes) {
        this.state = "closed";
        this.outcomes.clear();
      }
      return;
    }
    if (this.state === "open") return; // a rebuild admitted before the breaker opened
    this.outcomes.add(nowMs, ok ? 0 : 1);
    const calls = this.outcomes.count(nowMs);
    if (
      calls >= this.options.minCalls &&
      this.outcomes.sum(nowMs) / calls > this.options.threshold
    ) {
      this.open(nowMs);
    }
  }

  private open(nowMs: number): void {
    this.state = "open";
    this.openedAtMs = nowMs;
  }
}
