import type { Stage, TimelineEvent } from "../config.js";

/** One piece of a piecewise-linear rate: rate(t) = rate0 + slope·(t − startMs) on [startMs, endMs). */
interface Segment {
  startMs: number;
  endMs: number;
  rate0PerMs: number;
  slopePerMs2: number;
  /** r0 + √(r0² + 0), the denominator of nextArrival's solution on a flat segment. */
  flatDenominator: number;
}

export interface SpikeWindow {
  startMs: number;
  endMs: number;
  ratePerSec: number;
}

/**
 * An open-loop source's rate over time: k6-style stages from t=0, with spike windows replacing the
 * staged rate while they last. Arrivals come from inverting the integrated rate (time rescaling):
 * one unit-exponential draw per arrival, exact for piecewise-linear rates, no rejected candidates.
 */
export class RateProfile {
  private readonly segments: Segment[];
  private index = 0;

  constructor(initialRatePerSec: number, stages: Stage[], spikes: SpikeWindow[], endMs: number) {
    const staged = stagedSegments(initialRatePerSec, stages, endMs);
    this.segments = applySpikes(staged, spikes, endMs);
  }

  /**
   * The time of the next arrival after `fromMs`, given a unit-exponential draw `e`; Infinity when
   * the rate never accumulates that much before the end.
   */
  nextArrival(fromMs: number, e: number): number {
    const segments = this.segments;
    // The common case first, a flat segment that holds the arrival: the general code below with
    // slope 0 (x = 2R/(r0 + √(r0²)), the same float operations, so the same time) minus its loop.
    const flat = segments[this.index];
    if (flat !== undefined && flat.slopePerMs2 === 0 && fromMs >= flat.startMs) {
      const mass = flat.rate0PerMs * (flat.endMs - fromMs);
      if (fromMs < flat.endMs && mass >= e && mass > 0) {
        return Math.min(fromMs + (2 * e) / flat.flatDenominator, flat.endMs);
      }
    }
    let remaining = e;
    let t = fromMs;
    while (this.index < segments.length) {
      const seg = segments[this.index] as Segment;
      if (t >= seg.endMs) {
        this.index++;
        continue;
      }
      if (t < seg.startMs) t = seg.startMs;
      const r0 = seg.rate0PerMs + seg.slopePerMs2 * (t - seg.startMs);
      const span = seg.endMs - t;
      const mass = r0 * span + 0.5 * seg.slopePerMs2 * span * span;
      if (mass >= remaining && mass > 0) {
        // Solve r0·x + slope·x²/2 = remaining in the stable form 2R/(r0 + √(r0² + 2·slope·R)).
        const disc = Math.max(0, r0 * r0 + 2 * seg.slopePerMs2 * remaining);
        const x = (2 * remaining) / (r0 + Math.sqrt(disc));
        return Math.min(t + x, seg.endMs);
      }
      remaining -= Math.max(0, mass);
      t = seg.endMs;
      this.index++;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** Expected arrivals over the whole profile: the rate integrated from 0 to its end. */
  expectedArrivals(): number {
    let mass = 0;
    for (const seg of this.segments) {
      const span = seg.endMs - seg.startMs;
      mass += seg.rate0PerMs * span + 0.5 * seg.slopePerMs2 * span * span;
    }
    return mass;
  }

  /** The rate at time t, per second (for tests and charts). */
  rateAt(tMs: number): number {
    for (const seg of this.segments) {
      if (tMs >= seg.startMs && tMs < seg.endMs) {
        return (seg.rate0PerMs + seg.slopePerMs2 * (tMs - seg.startMs)) * 1000;
      }
    }
    return 0;
  }
}

function stagedSegments(initialRatePerSec: number, stages: Stage[], endMs: number): Segment[] {
  const segments: Segment[] = [];
  let t = 0;
  let rate = initialRatePerSec / 1000;
  for (const stage of stages) {
    if (t >= endMs) break;
    const target = stage.target / 1000;
    if (stage.durationMs > 0) {
      segments.push(segment(t, t + stage.durationMs, rate, (target - rate) / stage.durationMs));
    }
    t += stage.durationMs;
    rate = target;
  }
  // After the last stage the rate holds.
  if (t < endMs) segments.push(segment(t, endMs, rate, 0));
  return segments;
}

function applySpikes(staged: Segment[], spikes: SpikeWindow[], endMs: number): Segment[] {
  let segments = staged;
  for (const spike of spikes) {
    const start = Math.max(0, spike.startMs);
    const end = Math.min(endMs, spike.endMs);
    if (end <= start) continue;
    const next: Segment[] = [];
    for (const seg of segments) {
      if (seg.endMs <= start || seg.startMs >= end) {
        next.push(seg);
        continue;
      }
      if (seg.startMs < start) next.push(cut(seg, seg.startMs, start));
      if (seg.endMs > end) next.push(cut(seg, end, seg.endMs));
    }
    next.push(segment(start, end, spike.ratePerSec / 1000, 0));
    next.sort((a, b) => a.startMs - b.startMs);
    segments = next;
  }
  return segments;
}

function cut(seg: Segment, startMs: number, endMs: number): Segment {
  return segment(
    startMs,
    endMs,
    seg.rate0PerMs + seg.slopePerMs2 * (startMs - seg.startMs),
    seg.slopePerMs2,
  );
}

function segment(startMs: number, endMs: number, rate0PerMs: number, slopePerMs2: number): Segment {
  const flatDenominator = rate0PerMs + Math.sqrt(Math.max(0, rate0PerMs * rate0PerMs + 0));
  return { startMs, endMs, rate0PerMs, slopePerMs2, flatDenominator };
}

/** The spike windows of the timeline that apply to the open-loop source `sourceName`. */
export function spikeWindows(sourceName: string, events: readonly TimelineEvent[]): SpikeWindow[] {
  const spikes: SpikeWindow[] = [];
  for (const event of events) {
    if (event.kind === "spike" && event.source === sourceName) {
      spikes.push({
        startMs: event.atMs,
        endMs: event.atMs + event.forMs,
        ratePerSec: event.ratePerSec,
      });
    }
  }
  return spikes;
}
