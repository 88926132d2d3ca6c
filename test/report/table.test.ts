import { describe, expect, it } from "vitest";
import { stripAnsi } from "../../src/report/ansi.js";
import { renderTable } from "../../src/report/table.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { homepage, strategy } from "./fixtures.js";

function rowsOf(text: string, name: string): string[] {
  return text.split("\n").filter((line) => line.startsWith(`│ ${name} `));
}

describe("renderTable", () => {
  it("has one row per strategy in each of its two tables", () => {
    const text = renderTable(homepage(), { color: false });
    expect(text).toContain("Requests and latency");
    expect(text).toContain("Cache and database");
    for (const name of ["naive !", "single-flight", 'bigger, "quoted" pool *']) {
      expect(rowsOf(text, name)).toHaveLength(2);
    }
  });

  it("shows the headline numbers compactly", () => {
    const text = renderTable(homepage(), { color: false });
    const [requests, cacheDb] = rowsOf(text, "naive !");
    expect(requests).toMatch(/│\s+100k │\s+86k │\s+12k \(12%\) │\s+30k │\s+2k │/);
    expect(requests).toMatch(/│\s+4\.8s │\s+6\.01s │$/);
    expect(cacheDb).toMatch(/│\s+14\.7k │\s+9\.8k │\s+500 │\s+5k │\s+14\.7k\/14\.7k │$/);
  });

  it("flags a strategy that ended mid-collapse and explains the flag", () => {
    const text = renderTable(homepage(), { color: false });
    expect(text).toContain(
      "! naive: 2k requests (2%) still in flight at the end: the run ended mid-collapse",
    );
  });

  it("does not flag 0.1% in flight, and drops the in-flight column when nothing is in flight", () => {
    const result = homepage();
    result.strategies = [strategy("calm", { requests: { total: 10_000, inFlight: 10 } })];
    const text = renderTable(result, { color: false });
    expect(rowsOf(text, "calm")).toHaveLength(2);
    expect(text).not.toContain("mid-collapse");
    result.strategies = [strategy("idle")];
    expect(renderTable(result, { color: false })).not.toContain("in flight\n");
    expect(renderTable(result, { color: false })).not.toMatch(/at end/);
  });

  it("marks strategies that override traffic and lists skipped ones", () => {
    const text = renderTable(homepage(), { color: false });
    expect(text).toContain('* bigger, "quoted" pool overrides traffic');
    expect(text).toContain("not run (left out by --strategies): lock");
  });

  it("shows a shed column only when something was shed", () => {
    expect(renderTable(homepage(), { color: false })).not.toMatch(/│ shed/);
    const result = homepage();
    result.strategies.push(strategy("shedder", { requests: { total: 1000, shed: 250 } }));
    expect(renderTable(result, { color: false })).toMatch(/│\s+shed │/);
    expect(renderTable(result, { color: false })).toContain("250 (25%)");
  });

  it("colours only when asked, and the text is the same either way", () => {
    const plain = renderTable(homepage(), { color: false });
    const coloured = renderTable(homepage(), { color: true });
    expect(plain).not.toContain("\x1b[");
    expect(coloured).toContain("\x1b[");
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it("fits in 120 columns for typical strategy names", () => {
    const result = homepage();
    result.strategies[2] = strategy("stale-while-revalidate");
    for (const line of renderTable(result, { color: false }).split("\n")) {
      if (line.startsWith("!") || line.startsWith("*")) continue;
      expect(line.length).toBeLessThanOrEqual(120);
    }
  });

  it("says so when no strategy ran", () => {
    const result = homepage();
    result.strategies = [];
    expect(renderTable(result, { color: false })).toBe("No strategies were run.\n");
  });
});

describe("renderTerminal", () => {
  it("is the tables, the chart, the summary and the expectations, deterministically", () => {
    const text = renderTerminal(homepage(), { color: false });
    const order = [
      "homepage (scenarios/homepage.yaml, seed 42)",
      "Requests and latency",
      "Cache and database",
      "DB queries per second",
      "single-flight kept peak DB QPS lowest",
      "Expectations: 2 of 3 passed",
      "FAIL  single-flight  db.loadsPerRefresh.max  = 38    expected <= 20",
    ].map((part) => text.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(renderTerminal(homepage(), { color: false })).toBe(text);
  });
});
