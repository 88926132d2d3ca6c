import { describe, expect, it } from "vitest";
import { compareStrategies, selectStrategies } from "../../src/run/compare.js";
import { UsageError } from "../../src/run/errors.js";
import type { SimConfig } from "../../src/sim/config.js";
import { fakeScenario, fakeSimulate } from "./helpers.js";

describe("selectStrategies", () => {
  const loaded = { name: "homepage", strategyNames: ["naive", "lock", "swr"] };

  it("selects all by default", () => {
    expect(selectStrategies(loaded, undefined)).toEqual({
      selected: ["naive", "lock", "swr"],
      skipped: [],
    });
  });

  it("keeps file order whatever order they were asked in", () => {
    expect(selectStrategies(loaded, ["swr", "naive"])).toEqual({
      selected: ["naive", "swr"],
      skipped: ["lock"],
    });
  });

  it("rejects unknown names, listing the valid ones", () => {
    expect(() => selectStrategies(loaded, ["naive", "lcok", "x"])).toThrow(
      new UsageError('unknown strategies "lcok", "x"; scenario "homepage" has: naive, lock, swr'),
    );
    expect(() => selectStrategies(loaded, [])).toThrow(UsageError);
  });
});

describe("compareStrategies", () => {
  it("runs each selected strategy once, in file order, on the scenario's seed", () => {
    const seen: SimConfig[] = [];
    const result = compareStrategies(fakeScenario(), {}, fakeSimulate(seen));
    expect(seen.map((c) => [c.strategy.name, c.seed])).toEqual([
      ["naive", 42],
      ["single-flight", 42],
    ]);
    expect(result.seed).toBe(42);
    expect(result.skipped).toEqual([]);
    expect(result.scenario).toEqual({
      name: "homepage",
      description: "The homepage key expires under load.",
      file: "scenarios/homepage.yaml",
      durationMs: 20_000,
      warmupMs: 10_000,
      bucketMs: 1000,
    });
  });

  it("uses the seed it is given and lists strategies left out", () => {
    const seen: SimConfig[] = [];
    const result = compareStrategies(
      fakeScenario(),
      { seed: 9, strategies: ["single-flight"] },
      fakeSimulate(seen),
    );
    expect(seen.map((c) => c.seed)).toEqual([9]);
    expect(result.seed).toBe(9);
    expect(result.strategies.map((s) => s.name)).toEqual(["single-flight"]);
    expect(result.skipped).toEqual(["naive"]);
  });

  it("evaluates each strategy's expectations and marks traffic overrides", () => {
    const result = compareStrategies(
      fakeScenario({ trafficOverridden: (s) => s === "naive" }),
      {},
      fakeSimulate(),
    );
    const [naive, singleFlight] = result.strategies;
    expect(naive?.expectations).toEqual([
      { metric: "db.peakQps", min: 1000, actual: 9800, ok: true },
    ]);
    expect(singleFlight?.expectations).toEqual([
      { metric: "db.peakQps", max: 40, actual: 38, ok: true },
    ]);
    expect(naive?.trafficOverridden).toBe(true);
    expect(singleFlight?.trafficOverridden).toBe(false);
    expect(naive?.recoveryMs).toBeNull();
  });

  it("gives a strategy no expectations when the scenario has none for it", () => {
    const result = compareStrategies(fakeScenario({ expect: {} }), {}, fakeSimulate());
    expect(result.strategies.every((s) => s.expectations.length === 0)).toBe(true);
  });
});
