import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import type { RunResult } from "../../src/sim/result.js";
import { homepage } from "./fixtures.js";

/** SPEC §6: every field and the order they appear in (plus `min`, the other bound of §8). */
const SPEC_EXAMPLE = {
  scenario: {
    name: "homepage",
    file: "scenarios/homepage.yaml",
    durationMs: 180000,
    warmupMs: 10000,
    bucketMs: 1000,
  },
  seed: 42,
  strategies: [
    {
      name: "naive",
      metrics: {
        requests: {
          total: 0,
          ok: 0,
          failed: 0,
          shed: 0,
          inFlight: 0,
          attempts: 0,
          retries: 0,
          okRatio: 0,
          failedRatio: 0,
          amplification: 0,
        },
        latencyMs: { mean: 0, p50: 0, p95: 0, p99: 0, p999: 0, max: 0 },
        cache: {
          hits: 0,
          misses: 0,
          staleServed: 0,
          earlyRefreshes: 0,
          staleSets: 0,
          hitRate: 0,
          peakMissesPerSec: 0,
          maxStaleAgeMs: 0,
        },
        db: {
          queries: 0,
          completed: 0,
          failed: 0,
          rejected: 0,
          peakQps: 0,
          peakInFlight: 0,
          meanInFlight: 0,
          peakQueue: 0,
          refreshes: 0,
          loadsPerRefresh: { mean: 0, max: 0 },
        },
      },
      series: {
        t: [],
        requests: [],
        ok: [],
        errors: [],
        dbQps: [],
        cacheMisses: [],
        p99LatencyMs: [],
        dbInFlight: [],
      },
      recoveryMs: null,
      expectations: [{ metric: "db.peakQps", min: 0, max: 40, actual: 12, ok: true }],
    },
  ],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Checks that `actual` has every key of `spec`, with the spec's keys first and in its order. */
function expectSpecShape(spec: Json, actual: Json, path: string): void {
  if (Array.isArray(spec)) {
    expect(Array.isArray(actual), path).toBe(true);
    const element = spec[0];
    if (element !== undefined && typeof element === "object" && element !== null) {
      for (const [i, item] of (actual as Json[]).entries())
        expectSpecShape(element, item, `${path}[${i}]`);
    }
    return;
  }
  if (spec === null || typeof spec !== "object") return;
  expect(actual !== null && typeof actual === "object" && !Array.isArray(actual), path).toBe(true);
  const actualKeys = Object.keys(actual as object);
  const specKeys = Object.keys(spec);
  const present = specKeys.filter((k) => k in (actual as object));
  const optional = /\.expectations\[\d+\]$/.test(path) ? ["min", "max"] : [];
  expect(
    specKeys.filter((k) => !present.includes(k) && !optional.includes(k)),
    path,
  ).toEqual([]);
  expect(actualKeys.slice(0, present.length), path).toEqual(present);
  for (const key of present) {
    expectSpecShape(
      spec[key] as Json,
      (actual as Record<string, Json>)[key] as Json,
      `${path}.${key}`,
    );
  }
}

/** The same result built with every object's keys in reverse order. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  ) as T;
}

describe("renderJson", () => {
  const result: RunResult = homepage();
  const text = renderJson(result);

  it("has every SPEC §6 field, in the spec's order, before any extra field", () => {
    const parsed = JSON.parse(text) as Json;
    expectSpecShape(SPEC_EXAMPLE as unknown as Json, parsed, "$");
  });

  it("keeps the extra fields after the spec's", () => {
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(["scenario", "seed", "strategies", "skipped"]);
    expect(Object.keys(parsed.scenario).at(-1)).toBe("description");
    expect(Object.keys(parsed.strategies[0]).at(-1)).toBe("trafficOverridden");
    expect(Object.keys(parsed.strategies[0].metrics.requests).at(-1)).toBe("throttled");
    expect(Object.keys(parsed.strategies[0].expectations[0])).toEqual([
      "metric",
      "min",
      "actual",
      "ok",
    ]);
  });

  it("is byte-identical for equal input, whatever order its keys were built in", () => {
    expect(renderJson(homepage())).toBe(text);
    expect(renderJson(reversed(homepage()))).toBe(text);
  });

  it("uses a 2-space indent and ends with a newline", () => {
    expect(text.startsWith('{\n  "scenario": {\n    "name": "homepage",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(false);
  });

  it("writes null metrics as null", () => {
    const parsed = JSON.parse(text);
    expect(parsed.strategies[0].recoveryMs).toBeNull();
    expect(parsed.strategies[0].series.p99LatencyMs[0]).toBeNull();
  });
});
