import { describe, expect, it } from "vitest";
import { RefreshGroups } from "../../../src/sim/metrics/refreshGroups.js";

describe("RefreshGroups", () => {
  it("chains overlapping loads of one key into one refresh; a gap starts another", () => {
    const g = new RefreshGroups(2);
    // Key 0: A starts, B starts, A ends, C starts (B still running), B ends, C ends → 3 loads.
    g.loadStarted(0, true);
    g.loadStarted(0, true);
    g.loadEnded(0);
    g.loadStarted(0, true);
    g.loadEnded(0);
    g.loadEnded(0);
    // Then a lone load.
    g.loadStarted(0, true);
    g.loadEnded(0);
    // Key 1 interleaved does not join key 0's group.
    g.loadStarted(1, true);
    g.loadStarted(0, true);
    g.loadEnded(1);
    g.loadEnded(0);
    expect(g.refreshes).toBe(4);
    expect(g.maxLoadsPerRefresh).toBe(3);
    expect(g.meanLoads).toBe(6 / 4);
  });

  it("counts a group by its first load's start; closes running groups at finish", () => {
    const g = new RefreshGroups(1);
    g.loadStarted(0, false); // before the window
    g.loadStarted(0, true);
    g.loadEnded(0);
    g.loadEnded(0);
    expect(g.refreshes).toBe(0);
    expect(g.meanLoads).toBeNull();
    expect(g.maxLoadsPerRefresh).toBeNull();
    g.loadStarted(0, true);
    g.loadStarted(0, true);
    g.finish();
    expect(g.refreshes).toBe(1);
    expect(g.maxLoadsPerRefresh).toBe(2);
  });
});
