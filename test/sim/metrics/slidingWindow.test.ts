import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlidingWindow } from "../../../src/sim/metrics/slidingWindow.js";

describe("SlidingWindow", () => {
  it("counts and sums what was added within the window", () => {
    const w = new SlidingWindow(1000); // 20 slots of 50 ms
    w.add(0, 5);
    w.add(10, 7);
    w.add(520, 1);
    expect(w.count(600)).toBe(3);
    expect(w.sum(600)).toBe(13);
    // Slot 0 ([0, 50)) leaves when slot 20 ([1000, 1050)) begins.
    expect(w.count(999.999)).toBe(3);
    expect(w.count(1000)).toBe(1);
    expect(w.sum(1000)).toBe(1);
    // The value added at 520 (slot 10) leaves at 1500.
    expect(w.count(1499)).toBe(1);
    expect(w.count(1500)).toBe(0);
    expect(w.sum(1500)).toBe(0);
  });

  it("a long idle gap empties it; clear() empties it at once", () => {
    const w = new SlidingWindow(1000);
    w.add(0, 1);
    expect(w.count(1_000_000)).toBe(0);
    w.add(1_000_000, 2);
    expect(w.sum(1_000_001)).toBe(2);
    w.clear();
    expect(w.count(1_000_002)).toBe(0);
    w.add(1_000_003, 3);
    expect(w.sum(1_000_003)).toBe(3);
  });

  it("property: matches an exact window up to one slot's slack", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ dt: fc.integer({ min: 0, max: 300 }), v: fc.integer({ min: 0, max: 9 }) }),
          {
            maxLength: 100,
          },
        ),
        (ops) => {
          const windowMs = 1000;
          const slotMs = windowMs / 20;
          const w = new SlidingWindow(windowMs);
          const log: Array<[number, number]> = [];
          let now = 0;
          for (const { dt, v } of ops) {
            now += dt;
            w.add(now, v);
            log.push([now, v]);
            // Exactly the entries whose slot is among the last 20 (the current one included).
            const slot = Math.floor(now / slotMs);
            const kept = log.filter(([t]) => Math.floor(t / slotMs) > slot - 20);
            if (w.count(now) !== kept.length) return false;
            if (w.sum(now) !== kept.reduce((a, [, x]) => a + x, 0)) return false;
          }
          return true;
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
