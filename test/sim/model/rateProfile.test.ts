import { describe, expect, it } from "vitest";
import { RateProfile } from "../../../src/sim/model/rateProfile.js";

describe("RateProfile", () => {
  it("a constant rate: the next arrival is e/rate after the last", () => {
    const p = new RateProfile(1000, [], [], 10_000); // 1 per ms
    expect(p.nextArrival(0, 1)).toBeCloseTo(1, 12);
    expect(p.nextArrival(5, 2.5)).toBeCloseTo(7.5, 12);
    expect(p.rateAt(3)).toBeCloseTo(1000, 9);
  });

  it("k6 stages ramp linearly from each rate to the next target, a 0s stage steps, the last holds", () => {
    const p = new RateProfile(
      100,
      [
        { durationMs: 1000, target: 300 },
        { durationMs: 0, target: 50 },
        { durationMs: 2000, target: 50 },
      ],
      [],
      10_000,
    );
    expect(p.rateAt(0)).toBeCloseTo(100, 9);
    expect(p.rateAt(500)).toBeCloseTo(200, 9);
    expect(p.rateAt(999.999)).toBeCloseTo(300, 2);
    expect(p.rateAt(1000)).toBeCloseTo(50, 9);
    expect(p.rateAt(2500)).toBeCloseTo(50, 9);
    expect(p.rateAt(9000)).toBeCloseTo(50, 9);
    // Past the end there is no rate.
    expect(p.rateAt(10_000)).toBe(0);
  });

  it("inverts the integrated rate exactly on a ramp", () => {
    // From 0 to 2000/s over 10 s: rate(t) = 0.0002·t per ms, Λ(t) = 0.0001·t².
    const p = new RateProfile(0, [{ durationMs: 10_000, target: 2000 }], [], 20_000);
    expect(p.nextArrival(0, 100)).toBeCloseTo(1000, 6); // Λ(1000) = 100
    const q = new RateProfile(0, [{ durationMs: 10_000, target: 2000 }], [], 20_000);
    // From t = 1000, mass 300 more: Λ(t) = 400 → t = 2000.
    expect(q.nextArrival(1000, 300)).toBeCloseTo(2000, 6);
    // Past the ramp: Λ(10 000) = 10 000, then 2 per ms.
    const r = new RateProfile(0, [{ durationMs: 10_000, target: 2000 }], [], 20_000);
    expect(r.nextArrival(0, 10_004)).toBeCloseTo(10_002, 6);
  });

  it("inverts a ramp down, and gives Infinity when the rate never accumulates the draw", () => {
    // 1000/s down to 0 over 1 s: Λ(t) = t − t²/2000 per ms; total mass 500.
    const p = new RateProfile(1000, [{ durationMs: 1000, target: 0 }], [], 5000);
    expect(p.nextArrival(0, 375)).toBeCloseTo(500, 6); // Λ(500) = 375
    expect(p.nextArrival(500, 126)).toBe(Number.POSITIVE_INFINITY); // only 125 left
    const zero = new RateProfile(0, [], [], 5000);
    expect(zero.nextArrival(0, 1e-9)).toBe(Number.POSITIVE_INFINITY);
  });

  it("a spike replaces the staged rate in its window, then the stages resume where they are", () => {
    const p = new RateProfile(
      0,
      [{ durationMs: 10_000, target: 1000 }],
      [{ startMs: 2000, endMs: 3000, ratePerSec: 5000 }],
      10_000,
    );
    expect(p.rateAt(1000)).toBeCloseTo(100, 9);
    expect(p.rateAt(1999)).toBeCloseTo(199.9, 6);
    expect(p.rateAt(2000)).toBeCloseTo(5000, 9);
    expect(p.rateAt(2999)).toBeCloseTo(5000, 9);
    expect(p.rateAt(3000)).toBeCloseTo(300, 9);
    expect(p.rateAt(6000)).toBeCloseTo(600, 9);
    // Mass over the spike window: 5 per ms → an arrival 1 ms after 2000 needs e = 5.
    expect(p.nextArrival(2000, 5)).toBeCloseTo(2001, 9);
  });

  it("a spike clipped to the run, and overlapping spikes: the later one wins its window", () => {
    const p = new RateProfile(
      100,
      [],
      [
        { startMs: 1000, endMs: 3000, ratePerSec: 1000 },
        { startMs: 2000, endMs: 4000, ratePerSec: 2000 },
        { startMs: 4500, endMs: 9000, ratePerSec: 700 },
      ],
      5000,
    );
    expect(p.rateAt(500)).toBeCloseTo(100, 9);
    expect(p.rateAt(1500)).toBeCloseTo(1000, 9);
    expect(p.rateAt(2500)).toBeCloseTo(2000, 9);
    expect(p.rateAt(4200)).toBeCloseTo(100, 9);
    expect(p.rateAt(4800)).toBeCloseTo(700, 9);
    expect(p.rateAt(5000)).toBe(0);
  });
});
