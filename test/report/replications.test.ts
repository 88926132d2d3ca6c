import { describe, expect, it } from "vitest";
import { metricCell } from "../../src/report/columns.js";
import { renderMetricsCsv } from "../../src/report/csv.js";
import { compact, percent } from "../../src/report/format.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { recoveryText } from "../../src/report/recovery.js";
import { renderSummary } from "../../src/report/summary.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { planRun } from "../../src/run/compare.js";
import type { RunResult } from "../../src/run/result.js";
import type { SimConfig } from "../../src/sim/config.js";
import type { SimOutput } from "../../src/sim/simulate.js";
import { fakeScenario } from "../cli/helpers.js";
import { metrics, series } from "./fixtures.js";

/** naive peaks at 9,800 ± seed noise, single-flight at 38 ± noise; same noise per seed. */
function fakeOutput(config: SimConfig): SimOutput {
  const noise = config.seed % 7;
  const naive = config.strategy.name === "naive";
  const peak = (naive ? 9800 : 38) + noise;
  return {
    metrics: metrics({ db: { peakQps: peak } }),
    series: series([0, peak, 0]),
    eventsProcessed: 1,
  };
}

function replicated(n: number): RunResult {
  const plan = planRun(fakeScenario(), { replications: n });
  return plan.assemble(plan.configs.map(fakeOutput));
}

describe("renderers with replications", () => {
  it("the terminal table shows mean ± half-width and a paired-differences section", () => {
    const text = renderTerminal(replicated(5), { color: false });
    expect(text).toContain("seed 42, 5 replications)");
    expect(text).toMatch(/│ 9\.8k ± 2\.22 │/);
    expect(text).toContain("Paired differences against naive");
    // Same noise in both strategies on each seed: the paired difference is exact.
    expect(text).toMatch(/│ single-flight\s+│\s+-9\.76k ± 0 │/);
  });

  it("markdown says how many replications and has a paired-differences section", () => {
    const text = renderMarkdown(replicated(3));
    expect(text).toContain("seed 42 (3 replications on seeds derived from it;");
    expect(text).toContain("## Paired differences");
    expect(text).toMatch(/\| single-flight \| -9\.76k ± 0 \|/);
  });

  it("JSON has replications, seeds, ci95 beside metrics and differences", () => {
    const json = JSON.parse(renderJson(replicated(3)));
    expect(Object.keys(json).slice(0, 4)).toEqual(["scenario", "seed", "replications", "seeds"]);
    expect(json.seeds).toHaveLength(3);
    expect(json.seeds[0]).toBe(42);
    const naive = json.strategies[0];
    expect(Object.keys(naive).slice(0, 3)).toEqual(["name", "metrics", "ci95"]);
    expect(Object.keys(naive.ci95)).toEqual(Object.keys(naive.metrics));
    expect(json.differences.baseline).toBe("naive");
    expect(json.differences.strategies[0].metrics.db.peakQps).toBe(-9762);
    expect(json.differences.strategies[0].ci95.db.peakQps).toBe(0);
  });

  it("CSV adds the replication count and one .ci95 column per metric", () => {
    const [header = "", naive = ""] = renderMetricsCsv(replicated(3)).split("\n");
    const columns = header.split(",");
    expect(columns).toContain("replications");
    expect(columns).toContain("db.peakQps.ci95");
    expect(naive.split(",")[columns.indexOf("replications")]).toBe("3");
  });

  it("a cell is mean ± half-width, and just '-' for a metric that is null", () => {
    const naive = replicated(3).strategies[0];
    if (naive === undefined) throw new Error("fixture");
    expect(metricCell(naive, "requests.total", compact)).toBe("1.7M ± 0");
    naive.metrics.cache.hitRate = null;
    expect(metricCell(naive, "cache.hitRate", percent)).toBe("-");
  });

  it("one replication renders byte for byte like a plain run", () => {
    const plain = planRun(fakeScenario(), {});
    const one = planRun(fakeScenario(), { replications: 1 });
    const a = plain.assemble(plain.configs.map(fakeOutput));
    const b = one.assemble(one.configs.map(fakeOutput));
    expect(renderJson(b)).toBe(renderJson(a));
    expect(renderJson(a)).not.toContain("ci95");
    expect(renderMarkdown(b)).toBe(renderMarkdown(a));
    expect(renderMetricsCsv(b)).toBe(renderMetricsCsv(a));
  });
});

describe("recovery verdicts in words", () => {
  const trigger = { startMs: 1000, endMs: 2000 };
  const base = { trigger, baselineGoodput: 1, runs: 1, recoveredRuns: 1 };
  it("says how long, or that it did not recover, or k/N over replications", () => {
    expect(recoveryText({ ...base, verdict: "recovered", recoveryMs: 2000 })).toBe("2s");
    expect(
      recoveryText({ ...base, verdict: "did-not-recover", recoveryMs: null, recoveredRuns: 0 }),
    ).toBe("did not recover");
    expect(
      recoveryText({ ...base, verdict: "recovered", recoveryMs: 2100, recoveryCi95: 400, runs: 5 }),
    ).toBe("2.1s ± 400ms");
    expect(
      recoveryText({
        ...base,
        verdict: "partly-recovered",
        recoveryMs: 3200,
        runs: 5,
        recoveredRuns: 3,
      }),
    ).toBe("3.2s (3/5 recovered)");
    expect(recoveryText(undefined)).toBe("-");
  });

  it("the summary names who did not recover", () => {
    const result = replicated(1);
    const [naive, other] = result.strategies;
    if (naive === undefined || other === undefined) throw new Error("fixture");
    naive.recovery = { ...base, verdict: "did-not-recover", recoveryMs: null, recoveredRuns: 0 };
    other.recovery = { ...base, verdict: "recovered", recoveryMs: 3000 };
    expect(renderSummary(result)).toContain("naive did not recover after the trigger");
    naive.recovery = { ...base, verdict: "recovered", recoveryMs: 1000 };
    expect(renderSummary(result)).toContain(
      "every strategy recovered within 3s of the trigger's end",
    );
  });
});
