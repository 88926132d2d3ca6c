import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown.js";
import { homepage, series, strategy } from "./fixtures.js";

describe("renderMarkdown", () => {
  const text = renderMarkdown(homepage());

  it("starts with the title and the description", () => {
    expect(text).toMatch(
      /^# homepage\n\nThe homepage key \(60 s TTL\) expires under 10,000 requests per second\.\n\n/,
    );
    expect(text).toContain("seed 42, 20s simulated (the first 10s are warm-up and not measured)");
  });

  it("has the comparison as a GitHub table, one row per strategy, markers escaped", () => {
    expect(text).toContain("| strategy | requests | ok | failed |");
    expect(text).toMatch(/\n\|:---\|(---:\|)+\n/);
    expect(text).toContain("| naive ! | 100k | 86k | 12k (12%) |");
    expect(text).toContain("| single-flight | 1.7M |");
    expect(text).toContain('| bigger, "quoted" pool \\* |');
    expect(text).toContain("- ! naive: 2k requests (2%) still in flight at the end");
  });

  it("charts DB QPS as a mermaid xychart, one line per strategy, with a legend", () => {
    const chart = text.slice(text.indexOf("```mermaid"), text.lastIndexOf("```") + 3);
    expect(chart).toContain("xychart-beta");
    expect(chart).toContain('x-axis "simulated time (s)" 10 --> 19');
    expect(chart).toContain('y-axis "queries/s" 0 --> 9800');
    expect(chart.match(/^ {4}line \[/gm)).toHaveLength(3);
    expect(chart).toContain("    line [0, 0, 0, 9800, 4200, 600, 20, 0, 0, 0]");
    expect(chart).toContain('plotColorPalette: "#d62728, #2ca02c, #1f77b4"');
    expect(text).toContain(
      'Lines: naive (red), single-flight (green), bigger, "quoted" pool (blue).',
    );
  });

  it("downsamples long series to the peak of each group", () => {
    const result = homepage();
    const values = Array.from({ length: 1000 }, (_, i) => (i === 333 ? 777.777 : 1));
    result.strategies = [strategy("naive", {}, { series: series(values) })];
    const md = renderMarkdown(result);
    const line = md.split("\n").find((l) => l.startsWith("    line ["));
    expect(line?.split(",")).toHaveLength(120);
    expect(line).toContain("777.78");
    expect(md).toContain("Each point is the peak of its buckets.");
  });

  it("lists the expectations with pass and fail, and the strategies not run", () => {
    expect(text).toContain("## Expectations\n\n2 of 3 passed.");
    expect(text).toContain("| naive | `db.peakQps` | >= 1000 | 9800 | ✅ pass |");
    expect(text).toContain("| single-flight | `db.loadsPerRefresh.max` | <= 20 | 38 | ❌ FAIL |");
    expect(text).toContain("Not run (left out by `--strategies`): lock.");
  });

  it("is deterministic and ends with one newline", () => {
    expect(renderMarkdown(homepage())).toBe(text);
    expect(text.endsWith(".\n")).toBe(true);
  });
});
