import { describe, expect, it } from "vitest";
import { KeyedRandom, namedStream } from "../../../src/sim/kernel/random.js";

describe("namedStream", () => {
  it("is a pure function of (seed, name) and different for another seed or name", () => {
    const draw = (seed: number, name: string) => {
      const s = namedStream(seed, name);
      return Array.from({ length: 5 }, () => s.next());
    };
    expect(draw(1, "a")).toEqual(draw(1, "a"));
    expect(draw(1, "a")).not.toEqual(draw(2, "a"));
    expect(draw(1, "a")).not.toEqual(draw(1, "b"));
  });

  it("draws in (0, 1] with mean 1/2", () => {
    const s = namedStream(11, "test/uniform");
    const n = 100_000;
    let total = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      if (!(u > 0 && u <= 1)) outside++;
      total += u;
    }
    expect(outside).toBe(0);
    // Uniform variance 1/12: the mean's σ = 1/√(12n) ≈ 0.0009; 4σ.
    expect(Math.abs(total / n - 0.5)).toBeLessThan(4 / Math.sqrt(12 * n));
  });
});

describe("KeyedRandom", () => {
  it("gives the same uniform for the same key parts, whatever was drawn before", () => {
    const a = new KeyedRandom(42);
    const b = new KeyedRandom(42);
    const first = a.uniform(1, 2, 3, 4);
    for (let i = 0; i < 100; i++) b.uniform(i, i, i, i);
    expect(b.uniform(1, 2, 3, 4)).toBe(first);
    expect(new KeyedRandom(43).uniform(1, 2, 3, 4)).not.toBe(first);
  });

  it("changes with every key part, including sequence numbers above 2^32", () => {
    const k = new KeyedRandom(1);
    const base = k.uniform(1, 2, 3, 4);
    expect(k.uniform(0, 2, 3, 4)).not.toBe(base);
    expect(k.uniform(1, 5, 3, 4)).not.toBe(base);
    expect(k.uniform(1, 2, 1, 4)).not.toBe(base);
    expect(k.uniform(1, 2, 3, 0)).not.toBe(base);
    expect(k.uniform(1, 2 + 2 ** 32, 3, 4)).not.toBe(base);
  });

  it("is uniform in (0, 1]: mean 1/2 and deciles even over consecutive sequence numbers", () => {
    const k = new KeyedRandom(5);
    const n = 100_000;
    const deciles = new Array<number>(10).fill(0);
    let total = 0;
    let outside = 0;
    for (let seq = 0; seq < n; seq++) {
      const u = k.uniform(0, seq, 1, 2);
      if (!(u > 0 && u <= 1)) outside++;
      total += u;
      const d = Math.min(9, Math.floor(u * 10));
      deciles[d] = (deciles[d] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    // Mean: σ = 1/√(12n); 4σ.
    expect(Math.abs(total / n - 0.5)).toBeLessThan(4 / Math.sqrt(12 * n));
    // Each decile count is Binomial(n, 0.1): σ = √(n·0.1·0.9) ≈ 95; 4σ.
    const sigma = Math.sqrt(n * 0.1 * 0.9);
    for (const count of deciles) expect(Math.abs(count - n / 10)).toBeLessThan(4 * sigma);
  });
});
