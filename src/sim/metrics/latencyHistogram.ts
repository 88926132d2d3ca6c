/** Stored unit: nanoseconds, so rounding to an integer costs < 1% from 50 ns (0.00005 ms) up. */
const UNITS_PER_MS = 1_000_000;

/**
 * The bucket layout of HdrHistogram (hdr-histogram-js) for three significant digits and a lowest
 * value of 1: each bucket after the first holds 1024 sub-buckets of width 2^bucket; the first holds
 * 2048 of width 1. Counts live in a flat array indexed as the library indexes them, and
 * `percentile` is the library's getValueAtPercentile over those counts, so the answers are the
 * library's (a test feeds both the same values and compares every percentile), without its cost
 * on the simulator's hot path.
 */
const SUB_HALF_MAGNITUDE = 10;
const SUB_HALF_COUNT = 1024;
const TWO_POW_32 = 4294967296;

/** The library's countsArrayIndex. */
function indexOf(units: number): number {
  if (units < TWO_POW_32) {
    // floor(log2(v)) is 31 − clz32(v) for a 32-bit integer, and v / 2^b floored is v >>> b.
    const bucket = Math.max(31 - Math.clz32(units) - SUB_HALF_MAGNITUDE, 0);
    return (bucket + 1) * SUB_HALF_COUNT + (units >>> bucket) - SUB_HALF_COUNT;
  }
  const bucket = Math.max(Math.floor(Math.log2(units)) - SUB_HALF_MAGNITUDE, 0);
  return (bucket + 1) * SUB_HALF_COUNT + Math.floor(units / 2 ** bucket) - SUB_HALF_COUNT;
}

/** The library's valueFromIndex (lowest value of the index's range) and the range's width. */
function bucketOfIndex(index: number): { lowest: number; width: number } {
  let bucket = Math.floor(index / SUB_HALF_COUNT) - 1;
  let sub = (index % SUB_HALF_COUNT) + SUB_HALF_COUNT;
  if (bucket < 0) {
    sub -= SUB_HALF_COUNT;
    bucket = 0;
  }
  const width = 2 ** bucket;
  return { lowest: sub * width, width };
}

/** The library's ulp (a double's unit in the last place, as it computes it). */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}

/**
 * Latencies in a histogram of bounded memory: values are stored in nanoseconds with three
 * significant digits (≤ 0.1% relative error, well inside the 1% SPEC §7 allows, for any latency
 * from 50 ns to hours); mean and max are kept exactly beside it.
 */
export class LatencyHistogram {
  private counts = new Float64Array(64 * SUB_HALF_COUNT);
  /** Indices with a count (to clear them), and the range they span (to scan it). */
  private readonly touched: number[] = [];
  private lowIndex = Number.POSITIVE_INFINITY;
  private highIndex = -1;
  private sumMs = 0;
  private maxMs = 0;
  private n = 0;
  /** A run of equal stored values not yet counted: runs of fresh hits all take one round trip. */
  private runUnits = 0;
  private runCount = 0;

  record(latencyMs: number): void {
    const units = Math.max(1, Math.round(latencyMs * UNITS_PER_MS));
    if (units === this.runUnits) this.runCount++;
    else {
      this.countRun();
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
    this.countRun();
    return Math.min(this.maxMs, this.valueAtPercentile(p) / UNITS_PER_MS);
  }

  reset(): void {
    this.runCount = 0;
    this.runUnits = 0;
    for (const i of this.touched) this.counts[i] = 0;
    this.touched.length = 0;
    this.lowIndex = Number.POSITIVE_INFINITY;
    this.highIndex = -1;
    this.sumMs = 0;
    this.maxMs = 0;
    this.n = 0;
  }

  /**
   * getValueAtPercentile of hdr-histogram-js over the range in use only: the lowest index whose
   * running count from the bottom reaches countAtPercentile. High percentiles (the per-bucket
   * p99) find it walking down from the top, where the running count is n minus what lies above.
   */
  private valueAtPercentile(p: number): number {
    const fpCount = (Math.min(p, 100) / 100.0) * this.n;
    const countAtPercentile = Math.max(Math.ceil(fpCount - ulp(fpCount)), 1);
    const counts = this.counts;
    let found = -1;
    if (p >= 50) {
      let below = this.n; // running count up to and including index i
      for (let i = this.highIndex; i >= this.lowIndex; i--) {
        const c = counts[i] as number;
        if (c === 0) continue;
        if (below - c < countAtPercentile) {
          found = below >= countAtPercentile ? i : -1;
          break;
        }
        below -= c;
      }
    } else {
      let total = 0;
      for (let i = this.lowIndex; i <= this.highIndex; i++) {
        total += counts[i] as number;
        if (total >= countAtPercentile) {
          found = i;
          break;
        }
      }
    }
    if (found < 0) return 0;
    const { lowest, width } = bucketOfIndex(found);
    return p === 0 ? lowest : lowest + width - 1;
  }

  private countRun(): void {
    if (this.runCount === 0) return;
    const i = indexOf(this.runUnits);
    if (i >= this.counts.length) this.grow(i);
    const counts = this.counts;
    if (counts[i] === 0) {
      this.touched.push(i);
      if (i < this.lowIndex) this.lowIndex = i;
      if (i > this.highIndex) this.highIndex = i;
    }
    (counts[i] as number) += this.runCount;
    this.runCount = 0;
    this.runUnits = 0;
  }

  private grow(index: number): void {
    let size = this.counts.length;
    while (size <= index) size *= 2;
    const bigger = new Float64Array(size);
    bigger.set(this.counts);
    this.counts = bigger;
  }
}
