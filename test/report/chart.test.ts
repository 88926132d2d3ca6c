import { describe, expect, it } from "vitest";
import { stripAnsi } from "../../src/report/ansi.js";
import { downsampleMax, groupStarts, renderChart } from "../../src/report/chart.js";
import { homepage, series, strategy } from "./fixtures.js";

function longRun() {
  const result = homepage();
  const values = Array.from({ length: 170 }, (_, i) => (i === 77 ? 9800 : i % 7));
  result.strategies = [
    strategy("naive", {}, { series: series(values) }),
    strategy("single-flight", {}, { series: series(values.map((v) => Math.min(v, 38))) }),
  ];
  return result;
}

describe("downsampleMax", () => {
  it("keeps the peak of each group, so a one-bucket spike survives", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i === 501 ? 50 : 1));
    const down = downsampleMax(values, 90);
    expect(down).toHaveLength(90);
    expect(Math.max(...down)).toBe(50);
    expect(down.filter((v) => v === 50)).toHaveLength(1);
  });

  it("leaves short series alone", () => {
    expect(downsampleMax([3, 1, 2], 10)).toEqual([3, 1, 2]);
    expect(groupStarts(10, 4)).toEqual([0, 2, 5, 7]);
  });
});

describe("renderChart", () => {
  it("names every strategy in the legend, with its marker when there is no colour", () => {
    const text = renderChart(homepage(), { color: false });
    expect(text).toContain('* naive   o single-flight   + bigger, "quoted" pool');
    expect(text).not.toContain("\x1b[");
  });

  it("colours each strategy's line and legend entry when asked", () => {
    const text = renderChart(longRun(), { color: true });
    expect(text).toContain("\x1b[31m──\x1b[39m naive");
    expect(text).toContain("\x1b[32m──\x1b[39m single-flight");
    expect(text).toContain("\x1b[31m╭\x1b[39m");
    expect(stripAnsi(text)).toContain("╭");
  });

  it("fits the width, labels simulated time and keeps the spike", () => {
    const text = renderChart(longRun(), { color: false, width: 80 });
    const lines = text.split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain("(each column: the peak of its buckets)");
    expect(lines[1]).toMatch(/^\s+9\.8k ┤\s+\*+$/);
    expect(text).toMatch(/\n\s+30s\s+60s\s+90s/);
  });

  it("uses the line glyphs for a single strategy even without colour", () => {
    const result = longRun();
    result.strategies = result.strategies.slice(0, 1);
    const text = renderChart(result, { color: false });
    expect(text).toContain("╭╮");
    expect(text).toContain("── naive");
  });

  it("draws all-zero series flat instead of failing", () => {
    const result = homepage();
    result.strategies = [strategy("idle", {}, { series: series([0, 0, 0, 0]) })];
    const text = renderChart(result, { color: false });
    expect(text).toContain("0 ┼───");
  });

  it("says when there is nothing to draw", () => {
    const result = homepage();
    result.strategies = [];
    expect(renderChart(result, { color: false })).toBe(
      "DB queries per second, by simulated time: no data\n",
    );
  });

  it("is deterministic", () => {
    expect(renderChart(longRun(), { color: true })).toBe(renderChart(longRun(), { color: true }));
  });
});
