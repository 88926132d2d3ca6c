import type { Shed } from "../config.js";
import { SlidingWindow } from "../metrics/slidingWindow.js";

/**
 * Load shedding at one instance's door: refuse a new request when `maxConcurrent` are already in
 * progress, or while the mean latency over the last `window` exceeds `latencyFactor` × the
 * baseline (the mean over the first `window` of traffic this instance served).
 * Guarantee: an instance never holds more than `maxConcurrent` requests in progress.
 */
export class LoadShedder {
  private readonly recent: SlidingWindow;
  private baselineStartMs: number | null = null;
  private baselineCount = 0;
  private baselineSum = 0;
  private baselineMs: number | null = null;

  constructor(private readonly options: Shed) {
    this.recent = new SlidingWindow(options.windowMs);
  }

  admit(nowMs: number, inProgress: number): boolean {
    if (this.options.maxConcurrent !== null && inProgress >= this.options.maxConcurrent)
      return false;
    const factor = this.options.latencyFactor;
    if (factor === null || this.baselineMs === null) return true;
    const n = this.recent.count(nowMs);
    return n === 0 || this.recent.sum(nowMs) / n <= factor * this.baselineMs;
  }

  /** An admitted request finished after `latencyMs` at this instance. */
  record(nowMs: number, latencyMs: number): void {
    if (this.options.latencyFactor === null) return;
    if (this.baselineStartMs === null) this.baselineStartMs = nowMs;
    if (this.baselineMs === null) {
      if (nowMs - this.baselineStartMs < this.options.windowMs) {
        this.baselineCount++;
        this.baselineSum += latencyMs;
        return;
      }
      this.baselineMs = this.baselineCount > 0 ? this.baselineSum / this.baselineCount : latencyMs;
    }
    this.recent.add(nowMs, latencyMs);
  }
}
