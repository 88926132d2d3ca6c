import { describe, expect, it } from "vitest";
import { renderSummary } from "../../src/report/summary.js";
import { homepage, strategy } from "./fixtures.js";

describe("renderSummary", () => {
  it("names the lowest-peak strategy against the highest, then failures and collapses", () => {
    expect(renderSummary(homepage())).toBe(
      "single-flight kept peak DB QPS lowest (38/s vs 9,800/s for naive); naive failed 12% of requests; naive ended mid-collapse (requests still in flight at the end).\n",
    );
  });

  it("breaks ties by file order", () => {
    const result = homepage();
    result.strategies = [
      strategy("a", { db: { peakQps: 5 } }),
      strategy("b", { db: { peakQps: 5 } }),
      strategy("c", { db: { peakQps: 50 } }),
    ];
    expect(renderSummary(result)).toMatch(/^a kept peak DB QPS lowest \(5\/s vs 50\/s for c\)/);
  });

  it("mentions failures of the lowest-peak strategy too", () => {
    const result = homepage();
    result.strategies = [
      strategy("naive", { db: { peakQps: 900 }, requests: { failed: 40, failedRatio: 0.4 } }),
      strategy("shed", { db: { peakQps: 10 }, requests: { failed: 5, failedRatio: 0.05 } }),
    ];
    expect(renderSummary(result)).toBe(
      "shed kept peak DB QPS lowest (10/s vs 900/s for naive); naive failed 40% of requests; shed failed 5% of requests.\n",
    );
  });

  it("handles equal peaks, a single strategy and none", () => {
    const result = homepage();
    result.strategies = [strategy("a"), strategy("b")];
    expect(renderSummary(result)).toBe(
      "all strategies peaked at the same DB load (1/s); no strategy failed a request.\n",
    );
    result.strategies = [strategy("only")];
    expect(renderSummary(result)).toBe(
      "only peaked at 1/s DB queries with a p99 latency of 210ms; no request failed.\n",
    );
    result.strategies = [];
    expect(renderSummary(result)).toBe("No strategies were run.\n");
  });
});
