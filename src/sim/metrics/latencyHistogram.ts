import * as hdr from "hdr-histogram-js";

/** Stored unit: nanoseconds, so rounding to an integer costs < 1% from 50 ns (0.00005 ms) up. */
const UNITS_PER_MS = 1_000_000;

/**
 * Latencies in a histogram of bounded memory: values are stored in nanoseconds with three
 * significant digits (≤ 0.1% relative error, well inside the 1% SPEC §7 allows, for any latency
 * from 50 ns to hours); mean and max are kept exactly beside it.
 */
export class LatencyHistogram {
  private readonly histogram = hdr.build({ numberOfSignificantValueDigits: 3 });
  private sumMs = 0;
  private maxMs = 0;
  private n = 0;
  /**
   * A run of equal stored values not yet in the histogram: runs of fresh hits all take one round
   * trip, and one recordValueWithCount leaves the histogram as the same number of recordValue calls.
   */
  private runUnits = 0;
  private runCount = 0;

  record(latencyMs: number): void {
    const units = Math.max(1, Math.round(latencyMs * UNITS_PER_MS));
    if (units === this.runUnits) this.runCount++;
    else {
      this.flushRun();
      this.runUnits = units;
      this.runCount = 1;
    }
    this.sumMs += latencyMs;
    if (latencyMs > this.maxMs) this.maxMs = latencyMs;
    this.n++;
  }

  get count(): number {
    return this.n;
  }

  get mean(): number | null {
    return this.n === 0 ? null : this.sumMs / this.n;
  }

  get max(): number | null {
    return this.n === 0 ? null : this.maxMs;
  }

  /** The p-th percentile (0–100) in ms, never above the exact maximum. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    this.flushRun();
    return Math.min(this.maxMs, this.histogram.getValueAtPercentile(p) / UNITS_PER_MS);
  }

  private flushRun(): void {
    if (this.runCount === 1) this.histogram.recordValue(this.runUnits);
    else if (this.runCount > 1) this.histogram.recordValueWithCount(this.runUnits, this.runCount);
    this.runCount = 0;
    this.runUnits = 0;
  }

  reset(): void {
    this.runCount = 0;
    this.runUnits = 0;
    this.histogram.reset();
    this.sumMs = 0;
    this.maxMs = 0;
    this.n = 0;
  }
}
