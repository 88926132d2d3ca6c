import * as hdr from "hdr-histogram-js";
import { describe, expect, it } from "vitest";
import { namedStream } from "../../../src/sim/kernel/random.js";
import { LatencyHistogram } from "../../../src/sim/metrics/latencyHistogram.js";

describe("LatencyHistogram", () => {
  it("answers every percentile exactly as hdr-histogram-js fed value by value would", () => {
    const s = namedStream(9, "test/latency-exact");
    let mismatches = 0;
    for (let trial = 0; trial < 60; trial++) {
      const reference = hdr.build({ numberOfSignificantValueDigits: 3 });
      const h = new LatencyHistogram();
      let max = 0;
      const n = 1 + Math.floor(s.next() * 3_000);
      const check = () => {
        for (const p of [0, 1, 50, 95, 99, 99.9, 99.99, 100]) {
          const expected = Math.min(max, reference.getValueAtPercentile(p) / 1_000_000);
          if (h.percentile(p) !== expected) mismatches++;
        }
      };
      for (let i = 0; i < n; i++) {
        // 1 ns to a day, runs of equal values included.
        const v = s.next() < 0.2 ? 1 : 10 ** (s.next() * 14 - 6);
        reference.recordValue(Math.max(1, Math.round(v * 1_000_000)));
        h.record(v);
        if (v > max) max = v;
        if (s.next() < 0.01) check();
      }
      check();
      h.reset();
      expect(h.count).toBe(0);
    }
    // Powers of two and their neighbours, where a bucket index could be off by one.
    const reference = hdr.build({ numberOfSignificantValueDigits: 3 });
    const h = new LatencyHistogram();
    let max = 0;
    for (let k = 0; k < 46; k++) {
      for (const units of [2 ** k - 1, 2 ** k, 2 ** k + 1]) {
        if (units < 1) continue;
        reference.recordValue(units);
        h.record(units / 1_000_000);
        max = Math.max(max, units / 1_000_000);
      }
    }
    for (let p = 0; p <= 100; p += 0.5) {
      const expected = Math.min(max, reference.getValueAtPercentile(p) / 1_000_000);
      if (h.percentile(p) !== expected) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

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
