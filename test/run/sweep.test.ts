import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/run/errors.js";
import { runPlanSync } from "../../src/run/plan.js";
import { planSweep } from "../../src/run/sweep.js";
import { ScenarioError } from "../../src/scenario/errors.js";
import { simulate } from "../../src/sim/simulate.js";
import { CAPACITY_SCENARIO } from "./experiments.fixture.js";

describe("planSweep", () => {
  it("plans every value × strategy × replication, value-major, on the same seeds", () => {
    const plan = planSweep(CAPACITY_SCENARIO, {
      param: "traffic[0].open.rate",
      values: [100, 200],
      replications: 2,
    });
    expect(plan.configs).toHaveLength(2 * 2 * 2);
    const rate = (i: number) => {
      const load = plan.configs[i]?.traffic[0]?.load;
      return load?.kind === "open" ? load.ratePerSec : null;
    };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(rate)).toEqual([100, 100, 100, 100, 200, 200, 200, 200]);
    expect(plan.configs.map((c) => c.seed).slice(0, 4)).toEqual(
      plan.configs.map((c) => c.seed).slice(4),
    );
  });

  it("gives the chosen metrics per value and strategy (means, and intervals with replications)", () => {
    const plan = planSweep(CAPACITY_SCENARIO, {
      param: "traffic[0].open.rate",
      values: [100, 2000],
      metrics: ["db.peakQps", "requests.failedRatio"],
      replications: 2,
    });
    const result = runPlanSync(plan, simulate);
    expect(result.param).toBe("traffic[0].open.rate");
    expect(result.strategies).toEqual(["naive", "bigger"]);
    expect(result.replications).toBe(2);
    const [low, high] = result.points;
    expect(low?.value).toBe(100);
    expect(Object.keys(low?.strategies[0]?.metrics ?? {})).toEqual([
      "db.peakQps",
      "requests.failedRatio",
    ]);
    expect(low?.strategies[0]?.metrics["requests.failedRatio"]?.mean).toBe(0);
    expect(high?.strategies[0]?.metrics["requests.failedRatio"]?.mean).toBeGreaterThan(0.5);
    expect(high?.strategies[1]?.metrics["requests.failedRatio"]?.mean).toBeLessThan(0.05);
    expect(high?.strategies[0]?.metrics["db.peakQps"]?.ci95).not.toBeNull();
  });

  it("rejects unknown metrics, bad paths and values the format rejects, before running", () => {
    const sweep = (param: string, values: Array<string | number>, metrics?: string[]) =>
      planSweep(CAPACITY_SCENARIO, { param, values, ...(metrics ? { metrics } : {}) });
    expect(() => sweep("db.servers", [1], ["db.peak"])).toThrow(UsageError);
    expect(() => sweep("traffic[2].open.rate", [1])).toThrow(UsageError);
    expect(() => sweep("db.servers", [-3])).toThrow(ScenarioError);
    expect(() => sweep("db.servers", [-3])).toThrow("with db.servers = -3: ");
    expect(() => sweep("db.servers", [])).toThrow(UsageError);
  });
});
