import { describe, expect, it } from "vitest";
import { planRun } from "../../src/run/compare.js";
import { UsageError } from "../../src/run/errors.js";
import { replicationSeed } from "../../src/run/seeds.js";
import type { SimConfig } from "../../src/sim/config.js";
import type { SimOutput } from "../../src/sim/simulate.js";
import { fakeScenario } from "../cli/helpers.js";
import { metrics, series } from "../report/fixtures.js";

/** peakQps = seed mod 100 (+1000 for naive), so every replication differs and is predictable. */
function fakeOutput(config: SimConfig): SimOutput {
  const base = config.strategy.name === "naive" ? 1000 : 0;
  const peak = base + (config.seed % 100);
  return {
    metrics: metrics({ db: { peakQps: peak, loadsPerRefresh: null } }),
    series: series([peak, 2 * peak]),
    eventsProcessed: 1,
  };
}

describe("planRun", () => {
  it("lists strategy-major configs: each strategy on every replication's seed", () => {
    const plan = planRun(fakeScenario(), { replications: 3 });
    const seeds = [42, replicationSeed(42, 1), replicationSeed(42, 2)];
    expect(plan.configs.map((c) => [c.strategy.name, c.seed])).toEqual([
      ...seeds.map((s) => ["naive", s]),
      ...seeds.map((s) => ["single-flight", s]),
    ]);
  });

  it("with one replication gives the plain run: no ci95, replications, seeds or differences", () => {
    const plan = planRun(fakeScenario(), {});
    const result = plan.assemble(plan.configs.map(fakeOutput));
    expect(result).not.toHaveProperty("replications");
    expect(result).not.toHaveProperty("seeds");
    expect(result).not.toHaveProperty("differences");
    expect(result.strategies[0]).not.toHaveProperty("ci95");
    expect(result.strategies[0]?.metrics.db.peakQps).toBe(1042);
  });

  it("with replications gives means, t-based 95% half-widths and null where a metric is null", () => {
    const plan = planRun(fakeScenario(), { replications: 3 });
    const result = plan.assemble(plan.configs.map(fakeOutput));
    const peaks = plan.configs.slice(0, 3).map((c) => 1000 + (c.seed % 100));
    const mean = peaks.reduce((a, p) => a + p, 0) / 3;
    const sd = Math.sqrt(peaks.reduce((a, p) => a + (p - mean) ** 2, 0) / 2);
    const naive = result.strategies[0];
    expect(naive?.metrics.db.peakQps).toBeCloseTo(mean, 9);
    expect(naive?.ci95?.db?.peakQps).toBeCloseTo((4.30265273 * sd) / Math.sqrt(3), 6);
    expect(naive?.ci95?.requests?.total).toBe(0);
    expect(naive?.metrics.db.loadsPerRefresh).toBeNull();
    expect(naive?.series.dbQps[1]).toBeCloseTo(2 * mean, 9);
    expect(result.replications).toBe(3);
    expect(result.seeds).toEqual(plan.configs.slice(0, 3).map((c) => c.seed));
  });

  it("pairs each strategy with the first, replication by replication", () => {
    const plan = planRun(fakeScenario(), { replications: 4 });
    const result = plan.assemble(plan.configs.map(fakeOutput));
    // Every replication differs by exactly 1000, so the paired interval is 0.
    expect(result.differences?.baseline).toBe("naive");
    expect(result.differences?.strategies[0]?.name).toBe("single-flight");
    expect(result.differences?.strategies[0]?.metrics.db?.peakQps).toBe(-1000);
    expect(result.differences?.strategies[0]?.ci95.db?.peakQps).toBe(0);
  });

  it("evaluates expectations on the means", () => {
    const plan = planRun(fakeScenario(), { replications: 2 });
    const result = plan.assemble(plan.configs.map(fakeOutput));
    expect(result.strategies[0]?.expectations[0]?.actual).toBe(
      result.strategies[0]?.metrics.db.peakQps,
    );
  });

  it("rejects a replication count that is not a whole number from 1 to 10,000", () => {
    for (const n of [0, -1, 1.5, 10_001]) {
      expect(() => planRun(fakeScenario(), { replications: n })).toThrow(UsageError);
    }
  });
});
