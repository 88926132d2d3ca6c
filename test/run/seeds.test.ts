import { describe, expect, it } from "vitest";
import { replicationSeed, replicationSeeds } from "../../src/run/seeds.js";

describe("replication seeds", () => {
  it("replication 0 runs on the master seed itself", () => {
    expect(replicationSeed(37, 0)).toBe(37);
    expect(replicationSeed(Number.MAX_SAFE_INTEGER, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("are the documented derivation, pinned so results stay reproducible across versions", () => {
    expect(replicationSeeds(37, 5)).toEqual([37, 2360492583, 1311793716, 913087273, 1598953442]);
  });

  it("are distinct within a run and differ between master seeds", () => {
    const seeds = replicationSeeds(1, 1000);
    expect(new Set(seeds).size).toBe(1000);
    expect(replicationSeed(1, 1)).not.toBe(replicationSeed(2, 1));
    expect(seeds.every((s) => Number.isSafeInteger(s) && s >= 0)).toBe(true);
  });
});
