import { describe, expect, it } from "vitest";
import { evaluateExpectations, metricAt } from "../../src/run/expectations.js";
import { metrics } from "../report/fixtures.js";

describe("metricAt", () => {
  const m = metrics({ db: { peakQps: 38, loadsPerRefresh: { mean: 1.5, max: 3 } } });

  it("follows a dotted path under metrics", () => {
    expect(metricAt(m, "db.peakQps")).toBe(38);
    expect(metricAt(m, "db.loadsPerRefresh.max")).toBe(3);
    expect(metricAt(m, "requests.total")).toBe(1_700_000);
  });

  it("is null for null metrics, objects, unknown paths and inherited properties", () => {
    expect(metricAt(metrics({ latencyMs: { p99: null } }), "latencyMs.p99")).toBeNull();
    expect(
      metricAt(metrics({ db: { loadsPerRefresh: null } }), "db.loadsPerRefresh.max"),
    ).toBeNull();
    expect(metricAt(m, "db.loadsPerRefresh")).toBeNull();
    expect(metricAt(m, "db.nope")).toBeNull();
    expect(metricAt(m, "db.peakQps.toFixed")).toBeNull();
    expect(metricAt(m, "constructor")).toBeNull();
  });
});

describe("evaluateExpectations", () => {
  const m = metrics({ db: { peakQps: 40 }, latencyMs: { p99: null } });

  it("treats bounds as inclusive", () => {
    expect(
      evaluateExpectations(m, {
        "db.peakQps": { min: 40, max: 40 },
      }),
    ).toEqual([{ metric: "db.peakQps", min: 40, max: 40, actual: 40, ok: true }]);
  });

  it("fails a value outside either bound", () => {
    const results = evaluateExpectations(m, {
      "db.peakQps": { max: 39.999 },
      "requests.total": { min: 2_000_000 },
    });
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(results[0]).toEqual({ metric: "db.peakQps", max: 39.999, actual: 40, ok: false });
  });

  it("fails a null actual whatever the bounds", () => {
    expect(evaluateExpectations(m, { "latencyMs.p99": { max: 1e9 } })).toEqual([
      { metric: "latencyMs.p99", max: 1e9, actual: null, ok: false },
    ]);
    expect(evaluateExpectations(m, { "latencyMs.p99": {} })[0]?.ok).toBe(false);
  });

  it("keeps the order the bounds were given in", () => {
    const results = evaluateExpectations(m, {
      "requests.ok": { min: 0 },
      "db.peakQps": { max: 100 },
      "cache.hitRate": { min: 0.9 },
    });
    expect(results.map((r) => r.metric)).toEqual(["requests.ok", "db.peakQps", "cache.hitRate"]);
  });
});
