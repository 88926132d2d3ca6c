import { describe, expect, it } from "vitest";
import { renderFind, renderSweep } from "../../src/report/experiment.js";
import { findSentence } from "../../src/report/find.js";
import { stretch, sweepCell } from "../../src/report/sweepTerminal.js";
import type { FindResult } from "../../src/run/find.js";
import type { SweepResult } from "../../src/run/sweep.js";

const cell = (mean: number | null, ci95: number | null = null) => ({ mean, ci95 });

function sweep(): SweepResult {
  return {
    scenario: { name: "capacity", file: "capacity.yaml" },
    param: "traffic[0].open.rate",
    seed: 1,
    replications: 3,
    seeds: [1, 2, 3],
    metrics: ["db.peakQps", "requests.failedRatio"],
    strategies: ["naive", "swr"],
    points: [500, 1000, 2000].map((value, i) => ({
      value,
      strategies: [
        {
          name: "naive",
          metrics: { "db.peakQps": cell(value, 10), "requests.failedRatio": cell(i * 0.1, 0.01) },
          recovery: null,
        },
        {
          name: "swr",
          metrics: { "db.peakQps": cell(5, 0), "requests.failedRatio": cell(0, 0) },
          recovery: null,
        },
      ],
    })),
  };
}

function find(): FindResult {
  const probe = (value: number, holds: boolean) => ({
    value,
    holds,
    metrics: { "db.peakQps": value / 10 },
  });
  return {
    scenario: { name: "capacity", file: "capacity.yaml" },
    param: "traffic[0].open.rate",
    condition: "db.peakQps < 500",
    seed: 1,
    values: [500, 3200, 3400, 41_000],
    strategies: [
      {
        name: "naive",
        verdict: "holds-up-to",
        value: 3200,
        failsAt: 3400,
        probes: [probe(500, true), probe(41_000, false), probe(3200, true), probe(3400, false)],
      },
      {
        name: "swr",
        verdict: "holds-everywhere",
        value: 41_000,
        failsAt: null,
        probes: [probe(500, true), probe(41_000, true)],
      },
      {
        name: "broken",
        verdict: "fails-everywhere",
        value: null,
        failsAt: 500,
        probes: [probe(500, false)],
      },
    ],
  };
}

describe("sweep renderers", () => {
  it("the terminal shows a table per metric (a row per value) and a chart per metric", () => {
    const text = renderSweep(sweep(), "table", { color: false, width: 80 });
    expect(text).toContain("sweep of traffic[0].open.rate over 3 values");
    expect(text).toMatch(/│\s+1000 │\s+1k ± 10 │\s+5 ± 0 │/);
    expect(text).toMatch(/│\s+2000 │\s+20% ± 1% │\s+0% ± 0% │/);
    expect(text).toContain("db.peakQps by traffic[0].open.rate (values equally spaced)");
    expect(text).toContain("* naive   o swr");
  });

  it("CSV is long: param, value, strategy, metric, mean, ci95", () => {
    const lines = renderSweep(sweep(), "csv").split("\n");
    expect(lines[0]).toBe("param,value,strategy,metric,mean,ci95");
    expect(lines[1]).toBe("traffic[0].open.rate,500,naive,db.peakQps,500,10");
    expect(lines).toHaveLength(1 + 3 * 2 * 2 + 1);
  });

  it("markdown has a table and a mermaid chart per metric; JSON parses back", () => {
    const md = renderSweep(sweep(), "md");
    expect(md).toContain("## requests.failedRatio");
    expect(md).toContain('x-axis "traffic[0].open.rate" ["500", "1000", "2000"]');
    expect(md).toContain("| 1000 | 10% ± 1% | 0% ± 0% |");
    expect(JSON.parse(renderSweep(sweep(), "json"))).toEqual(sweep());
  });

  it("says why a recovery time is missing", () => {
    const stuck = {
      name: "naive",
      metrics: { recoveryMs: cell(null) },
      recovery: "did-not-recover" as const,
    };
    expect(sweepCell(stuck, "recoveryMs")).toBe("did not recover");
    expect(sweepCell({ ...stuck, metrics: { recoveryMs: cell(2500, 400) } }, "recoveryMs")).toBe(
      "2.5s ± 400ms",
    );
  });

  it("stretches a few points over the chart's width, bridging missing ones", () => {
    expect(stretch([0, 10], 5)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(stretch([0, null, 10], 3)).toEqual([0, 5, 10]);
    expect(stretch([null, null], 3)).toBeNull();
  });
});

describe("find renderers", () => {
  it("says it in one sentence", () => {
    expect(findSentence(find())).toBe(
      "naive survives up to 3,200; swr up to 41,000 (the highest tested); broken fails even at 500 (the lowest tested).",
    );
  });

  it("the terminal shows the sentence, a summary and the probes", () => {
    const text = renderFind(find(), "table");
    expect(text).toContain("Largest traffic[0].open.rate for which db.peakQps < 500 holds");
    expect(text).toMatch(/│ naive\s+│ tipping point\s+│ 3,200\s+│ 3,400\s+│ 4\s+│/);
    expect(text).toContain("db.peakQps = 320");
  });

  it("JSON carries the structure and the sentence; CSV a row per probe; markdown the tables", () => {
    const json = JSON.parse(renderFind(find(), "json"));
    expect(json.strategies[0].value).toBe(3200);
    expect(json.summary).toBe(findSentence(find()));
    expect(renderFind(find(), "csv").split("\n")[1]).toBe("naive,holds-up-to,3200,3400,500,true");
    expect(renderFind(find(), "md")).toContain("| swr | holds at the highest | 41,000 | - | 2 |");
  });
});
