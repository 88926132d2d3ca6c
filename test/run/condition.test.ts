import { describe, expect, it } from "vitest";
import { conditionPaths, evaluateCondition, parseCondition } from "../../src/run/condition.js";
import { UsageError } from "../../src/run/errors.js";

const metrics: Record<string, number | null> = {
  "requests.failed": 5,
  "requests.total": 1000,
  "db.peakQps": 480,
  "latencyMs.p99": null,
  "requests.shed": 0,
};
const holds = (source: string) =>
  evaluateCondition(parseCondition(source), (p) => metrics[p] ?? null);

describe("conditions", () => {
  it("compares arithmetic on metrics with numbers", () => {
    expect(holds("requests.failed / requests.total < 0.01")).toBe(true);
    expect(holds("requests.failed / requests.total < 0.001")).toBe(false);
    expect(holds("db.peakQps < 500")).toBe(true);
    expect(holds("db.peakQps * 2 + 40 >= 1_000")).toBe(true);
    expect(holds("-db.peakQps > -500")).toBe(true);
  });

  it("binds * over +, and over or, and honours parentheses", () => {
    expect(holds("2 + 3 * 4 <= 14")).toBe(true);
    expect(holds("(2 + 3) * 4 <= 14")).toBe(false);
    expect(holds("db.peakQps > 1000 and db.peakQps > 0 or db.peakQps < 500")).toBe(true);
    expect(holds("db.peakQps > 1000 and (db.peakQps > 0 or db.peakQps < 500)")).toBe(false);
  });

  it("is false when a metric is null or a division is by zero", () => {
    expect(holds("latencyMs.p99 < 1e9")).toBe(false);
    expect(holds("requests.failed / requests.shed < 1e9")).toBe(false);
    expect(holds("requests.failed / requests.shed < 1e9 or db.peakQps < 500")).toBe(true);
  });

  it("lists the metrics it reads", () => {
    expect(conditionPaths(parseCondition("db.peakQps < 1 or 2 > db.peakQps + cache.hits"))).toEqual(
      ["db.peakQps", "cache.hits"],
    );
  });

  it("reports errors with the column", () => {
    const cases: Array<[string, RegExp]> = [
      ["db.peakQps <", /column 13: expected a metric, a number or "\(", found the end/],
      ["db.peakQps < 500 500", /column 18: unexpected "500"/],
      ["db.peakQps", /column 1: expected a comparison/],
      ["db.peakQsp < 5", /column 1: unknown metric "db.peakQsp"; expected one of db\./],
      ["(db.peakQps < 5", /column 16: expected "\)"/],
      ["db.peakQps < 5 % 2", /column 16: unexpected "%"/],
      ["(db.peakQps < 5) + 1 < 2", /column 18: expected a number here/],
      ["", /the condition is empty/],
    ];
    for (const [source, message] of cases) {
      expect(() => parseCondition(source), source).toThrow(UsageError);
      expect(() => parseCondition(source), source).toThrow(message);
    }
  });
});
