import { describe, expect, it } from "vitest";
import { slowdownFactor } from "../../../src/sim/model/slowdown.js";

describe("slowdownFactor (SPEC §8, n = queries in service including the starting one)", () => {
  it("none is 1", () => {
    expect(slowdownFactor({ kind: "none" }, 50)).toBe(1);
  });

  it("linear is 1 + k·(n − 1)", () => {
    const s = { kind: "linear", perInFlight: 0.1 } as const;
    expect(slowdownFactor(s, 1)).toBe(1);
    expect(slowdownFactor(s, 11)).toBeCloseTo(2, 12);
  });

  it("usl is 1 + α·(n − 1) + β·n·(n − 1)", () => {
    const s = { kind: "usl", contention: 0.05, coherency: 0.001 } as const;
    expect(slowdownFactor(s, 1)).toBe(1);
    expect(slowdownFactor(s, 10)).toBeCloseTo(1 + 0.05 * 9 + 0.001 * 90, 12);
  });

  it("table interpolates linearly in n and clamps at both ends", () => {
    const s = {
      kind: "table",
      points: [
        [10, 1],
        [20, 3],
        [40, 4],
      ] as Array<[number, number]>,
    } as const;
    expect(slowdownFactor(s, 1)).toBe(1);
    expect(slowdownFactor(s, 10)).toBe(1);
    expect(slowdownFactor(s, 15)).toBeCloseTo(2, 12);
    expect(slowdownFactor(s, 20)).toBe(3);
    expect(slowdownFactor(s, 30)).toBeCloseTo(3.5, 12);
    expect(slowdownFactor(s, 40)).toBe(4);
    expect(slowdownFactor(s, 400)).toBe(4);
  });
});
