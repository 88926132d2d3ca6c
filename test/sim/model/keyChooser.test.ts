import { describe, expect, it } from "vitest";
import { keyChooserFor } from "../../../src/sim/model/keyChooser.js";

/** Fraction of a fine grid of u in (0, 1] that maps to each key: the chooser's exact law. */
function law(pick: (u: number) => number, count: number, grid = 100_000): number[] {
  const counts = new Array<number>(count).fill(0);
  for (let i = 0; i < grid; i++) {
    const k = pick((i + 0.5) / grid);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts.map((c) => c / grid);
}

describe("keyChooserFor", () => {
  it("one key is always k0", () => {
    const c = keyChooserFor({ count: 1, popularity: "zipf", exponent: 1 });
    expect([0.001, 0.5, 1].map((u) => c.pick(u))).toEqual([0, 0, 0]);
  });

  it("uniform gives every key 1/count and stays in range at both ends of u", () => {
    const c = keyChooserFor({ count: 4, popularity: "uniform", exponent: 0 });
    // The grid resolves each probability to 1/grid.
    for (const p of law((u) => c.pick(u), 4)) expect(p).toBeCloseTo(0.25, 4);
    expect(c.pick(1)).toBe(0);
    expect(c.pick(Number.MIN_VALUE)).toBe(3);
  });

  it("zipf gives k{i} weight 1/(i+1)^s", () => {
    const c = keyChooserFor({ count: 3, popularity: "zipf", exponent: 1 });
    const total = 1 + 1 / 2 + 1 / 3;
    const expected = [1 / total, 1 / 2 / total, 1 / 3 / total];
    law((u) => c.pick(u), 3).forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i] as number, 4);
    });
    const steep = keyChooserFor({ count: 5, popularity: "zipf", exponent: 2 });
    const weights = [1, 1 / 4, 1 / 9, 1 / 16, 1 / 25];
    const w = weights.reduce((a, b) => a + b, 0);
    law((u) => steep.pick(u), 5).forEach((p, i) => {
      expect(p).toBeCloseTo((weights[i] as number) / w, 4);
    });
    expect(steep.pick(Number.MIN_VALUE)).toBe(4);
  });
});
