import { describe, expect, it } from "vitest";
import { namedStream } from "../../../src/sim/kernel/random.js";
import { LatencyHistogram } from "../../../src/sim/metrics/latencyHistogram.js";

describe("LatencyHistogram", () => {
  it("is empty until something is recorded", () => {
    const h = new LatencyHistogram();
    expect([h.count, h.mean, h.max, h.percentile(50)]).toEqual([0, null, null, null]);
  });

  it("keeps mean and max exact and percentiles within 1% of the exact order statistics", () => {
    const h = new LatencyHistogram();
    const s = namedStream(4, "test/latency");
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Spread over five decades: 0.01 ms to 1000 ms.
      const v = 10 ** (5 * (1 - s.next()) - 2);
      values.push(v);
      h.record(v);
    }
    const sorted = [...values].sort((a, b) => a - b);
    const exactMean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(h.mean).toBeCloseTo(exactMean, 9);
    expect(h.max).toBe(sorted[sorted.length - 1]);
    for (const p of [50, 95, 99, 99.9]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
      const got = h.percentile(p) as number;
      expect(Math.abs(got - exact) / exact).toBeLessThan(0.01);
    }
    expect(h.percentile(100)).toBeLessThanOrEqual(h.max as number);
  });

  it("keeps 1% relative error for sub-0.1 ms latencies and for hours", () => {
    const s = namedStream(5, "test/latency/small");
    for (const [lo, hi] of [
      [0.005, 0.05],
      [3_600_000, 7_200_000],
    ] as const) {
      const h = new LatencyHistogram();
      const values: number[] = [];
      for (let i = 0; i < 5000; i++) {
        const v = lo + (hi - lo) * (1 - s.next());
        values.push(v);
        h.record(v);
      }
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of [1, 10, 50, 90, 99]) {
        const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
        const got = h.percentile(p) as number;
        expect(Math.abs(got - exact) / exact, `p${p} of [${lo}, ${hi}]`).toBeLessThan(0.01);
      }
    }
  });

  it("reset forgets everything", () => {
    const h = new LatencyHistogram();
    h.record(5);
    h.reset();
    expect([h.count, h.mean, h.max]).toEqual([0, null, null]);
    h.record(7);
    expect(h.percentile(50)).toBeCloseTo(7, 1);
  });
});
