import { describe, expect, it } from "vitest";
import { meanInterval } from "../../src/run/interval.js";
import { regularizedBeta, tCdf, tQuantile } from "../../src/run/studentT.js";

describe("tQuantile", () => {
  // Published two-sided 95% critical values (t tables, e.g. NIST/SEMATECH handbook 1.3.6.7.2).
  const table: Array<[number, number]> = [
    [1, 12.706204736],
    [2, 4.30265273],
    [3, 3.182446305],
    [4, 2.776445105],
    [9, 2.262157163],
    [29, 2.045229642],
    [100, 1.983971519],
    [1e7, 1.959964],
  ];
  it.each(table)("matches the table's t(0.975, %d)", (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 6);
  });

  it("is symmetric around zero and 0 at the median", () => {
    expect(tQuantile(0.025, 5)).toBeCloseTo(-tQuantile(0.975, 5), 12);
    expect(tQuantile(0.5, 5)).toBeCloseTo(0, 12);
  });

  it("inverts the CDF", () => {
    for (const df of [1, 3, 7.5, 40]) {
      for (const p of [0.6, 0.9, 0.99, 0.999])
        expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it("rejects probabilities outside (0, 1) and non-positive degrees of freedom", () => {
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe("regularizedBeta", () => {
  it("gives x for a = b = 1 and the closed form for b = 1", () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12);
  });
});

describe("meanInterval", () => {
  it("gives t(0.975, n−1)·s/√n as the half-width", () => {
    const r = meanInterval([1, 2, 3, 4]);
    expect(r.mean).toBe(2.5);
    expect(r.ci95).toBeCloseTo((3.182446305 * Math.sqrt(5 / 3)) / 2, 8);
  });

  it("has no interval for a single value and a zero one for equal values", () => {
    expect(meanInterval([7])).toEqual({ mean: 7, ci95: null });
    expect(meanInterval([7, 7, 7]).ci95).toBe(0);
  });
});
