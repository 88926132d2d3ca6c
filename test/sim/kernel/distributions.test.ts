import { describe, expect, it } from "vitest";
import { samplerFor, Z99 } from "../../../src/sim/kernel/distributions.js";
import { namedStream } from "../../../src/sim/kernel/random.js";

describe("samplerFor", () => {
  it("constant always gives its value", () => {
    const s = samplerFor({ kind: "constant", valueMs: 7 });
    expect(s.sample(0.3, 0.9)).toBe(7);
    expect(s.sample(1, 1)).toBe(7);
    expect(s.meanMs).toBe(7);
  });

  it("uniform maps u in (0, 1] onto [min, max) linearly", () => {
    const s = samplerFor({ kind: "uniform", minMs: 10, maxMs: 30 });
    expect(s.sample(1, 1)).toBe(10);
    expect(s.sample(0.5, 1)).toBe(20);
    expect(s.sample(1e-12, 1)).toBeCloseTo(30, 6);
    expect(s.meanMs).toBe(20);
  });

  it("exponential is −mean·ln(u) with the given mean", () => {
    const s = samplerFor({ kind: "exponential", meanMs: 10 });
    expect(s.sample(1, 1)).toBeCloseTo(0, 12);
    expect(s.sample(Math.exp(-1), 1)).toBeCloseTo(10, 12);
    const r = namedStream(1, "test/exp");
    const n = 50_000;
    let total = 0;
    for (let i = 0; i < n; i++) total += s.sample(r.next(), r.next());
    // Exponential σ = mean: the sample mean's σ = 10/√n ≈ 0.045; 4σ.
    expect(Math.abs(total / n - 10)).toBeLessThan((4 * 10) / Math.sqrt(n));
  });

  it("lognormal has the given median and p99 (σ = ln(p99/median)/2.3263)", () => {
    const s = samplerFor({ kind: "lognormal", medianMs: 200, p99Ms: 600 });
    // Box–Muller with u2 = 1 gives z = √(−2 ln u1): pick u1 for z = 0 and z = Z99.
    expect(s.sample(1, 1)).toBeCloseTo(200, 9);
    expect(s.sample(Math.exp(-(Z99 * Z99) / 2), 1)).toBeCloseTo(600, 6);
    const sigma = Math.log(3) / Z99;
    expect(s.meanMs).toBeCloseTo(200 * Math.exp((sigma * sigma) / 2), 9);
    const r = namedStream(2, "test/lognormal");
    const n = 40_000;
    let below = 0;
    let belowP99 = 0;
    for (let i = 0; i < n; i++) {
      const v = s.sample(r.next(), r.next());
      if (v < 200) below++;
      if (v < 600) belowP99++;
    }
    // Binomial counts: σ = √(n·p·(1−p)) → 100 at the median, ≈ 20 at p99; 4σ.
    expect(Math.abs(below - n / 2)).toBeLessThan(4 * Math.sqrt(n * 0.25));
    expect(Math.abs(belowP99 - 0.99 * n)).toBeLessThan(4 * Math.sqrt(n * 0.99 * 0.01));
  });
});
