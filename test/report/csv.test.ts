import { describe, expect, it } from "vitest";
import { csvField, renderMetricsCsv, renderSeriesCsv } from "../../src/report/csv.js";
import { METRIC_PATHS } from "../../src/sim/result.js";
import { homepage } from "./fixtures.js";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    [12.5, "12.5"],
    [null, ""],
    [true, "true"],
  ])("%j → %j", (value, text) => {
    expect(csvField(value)).toBe(text);
  });
});

describe("renderMetricsCsv", () => {
  const lines = renderMetricsCsv(homepage()).split("\n");

  it("has a header of dotted metric names covering every metric path", () => {
    const header = lines[0]?.split(",") ?? [];
    expect(header[0]).toBe("strategy");
    expect(header).toContain("requests.total");
    expect(header).toContain("db.loadsPerRefresh.mean");
    expect(header).toContain("db.loadsPerRefresh.max");
    for (const path of METRIC_PATHS) expect(header).toContain(path);
    expect(header.slice(-4)).toEqual([
      "recoveryMs",
      "recovery",
      "trafficOverridden",
      "expectations.failed",
    ]);
  });

  it("has one row per strategy, quoted per RFC 4180, nulls empty", () => {
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toBe("");
    expect(lines[1]).toMatch(/^naive,100000,86000,12000,0,2000,/);
    expect(lines[1]?.endsWith(",,false,0")).toBe(true);
    expect(lines[2]?.endsWith(",,false,1")).toBe(true);
    expect(lines[3]).toMatch(/^"bigger, ""quoted"" pool",/);
    const header = lines[0]?.split(",") ?? [];
    expect(lines[2]?.split(",")).toHaveLength(header.length);
  });
});

describe("renderSeriesCsv", () => {
  it("is one row per strategy and bucket", () => {
    const lines = renderSeriesCsv(homepage()).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "strategy,t,requests,ok,errors,dbQps,cacheMisses,p99LatencyMs,dbInFlight",
    );
    expect(lines).toHaveLength(1 + 3 * 10);
    expect(lines[1]).toBe("naive,10000,10000,10000,0,0,0,,0");
    expect(lines[4]).toBe("naive,13000,10000,10000,12,9800,9800,1900.5,1960");
    expect(lines[21]).toMatch(/^"bigger, ""quoted"" pool",10000,/);
  });
});
