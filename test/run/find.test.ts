import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/run/errors.js";
import { findTippingPoints } from "../../src/run/find.js";
import { parseRange } from "../../src/run/sweepValues.js";
import type { SimConfig } from "../../src/sim/config.js";
import { CAPACITY_SCENARIO, recordingBatch } from "./experiments.fixture.js";

const param = "traffic[0].open.rate";
const condition = "requests.failed / requests.total < 0.01";

describe("findTippingPoints", () => {
  it("finds the largest rate each strategy survives, by bisection", async () => {
    const batches: SimConfig[][] = [];
    const values = parseRange("100:3000:100");
    const result = await findTippingPoints(
      CAPACITY_SCENARIO,
      { param, values, condition },
      recordingBatch(batches),
    );
    const [naive, bigger] = result.strategies;
    expect(naive?.verdict).toBe("holds-up-to");
    expect(bigger?.verdict).toBe("holds-up-to");
    // 5 servers × 10 ms ≈ 500 queries/s; 20 servers ≈ 2,000/s.
    expect(naive?.value).toBeGreaterThanOrEqual(300);
    expect(naive?.value).toBeLessThanOrEqual(500);
    expect(bigger?.value).toBeGreaterThanOrEqual(1500);
    expect(bigger?.value).toBeLessThanOrEqual(2000);
    expect(values.indexOf(naive?.failsAt as number)).toBe(
      values.indexOf(naive?.value as number) + 1,
    );
    // Both ends first, then one probe per step: about 2 + log2(30) probes each.
    for (const s of result.strategies) expect(s.probes.length).toBeLessThanOrEqual(2 + 5);
    expect(naive?.probes.slice(0, 2).map((p) => p.value)).toEqual([100, 3000]);
    expect(naive?.probes[0]?.metrics).toHaveProperty("requests.failed");
  });

  it("batches every strategy's probes of one step into one call", async () => {
    const batches: SimConfig[][] = [];
    await findTippingPoints(
      CAPACITY_SCENARIO,
      { param, values: [100, 200, 400, 800, 1600, 3200], condition, replications: 2 },
      recordingBatch(batches),
    );
    // Step 1: 2 strategies × 2 ends × 2 replications.
    expect(batches[0]).toHaveLength(8);
    expect(new Set(batches[0]?.map((c) => c.strategy.name))).toEqual(new Set(["naive", "bigger"]));
    for (const batch of batches.slice(1)) expect(batch.length % 2).toBe(0);
  });

  it("says when it fails even at the lowest value or holds at the highest", async () => {
    const result = await findTippingPoints(
      CAPACITY_SCENARIO,
      { param, values: [5000, 4000], condition, strategies: ["naive"] },
      recordingBatch(),
    );
    expect(result.values).toEqual([4000, 5000]);
    expect(result.strategies.map((s) => [s.name, s.verdict, s.value, s.failsAt])).toEqual([
      ["naive", "fails-everywhere", null, 4000],
    ]);
    const easy = await findTippingPoints(
      CAPACITY_SCENARIO,
      { param, values: [10, 50], condition, strategies: ["bigger"] },
      recordingBatch(),
    );
    expect(easy.strategies[0]).toMatchObject({
      verdict: "holds-everywhere",
      value: 50,
      failsAt: null,
    });
  });

  it("is deterministic and a strategy's answer does not depend on the others searched", async () => {
    const opts = { param, values: parseRange("100:3000:100"), condition };
    const both = await findTippingPoints(CAPACITY_SCENARIO, opts, recordingBatch());
    const alone = await findTippingPoints(
      CAPACITY_SCENARIO,
      { ...opts, strategies: ["bigger"] },
      recordingBatch(),
    );
    expect(alone.strategies[0]).toEqual(both.strategies[1]);
  });

  it("rejects a bad condition before running anything", async () => {
    const batches: SimConfig[][] = [];
    await expect(
      findTippingPoints(
        CAPACITY_SCENARIO,
        { param, values: [1], condition: "db.peakQps <" },
        recordingBatch(batches),
      ),
    ).rejects.toThrow(UsageError);
    expect(batches).toHaveLength(0);
  });
});
