import { describe, expect, it } from "vitest";
import type { Shed } from "../../../src/sim/config.js";
import { LoadShedder } from "../../../src/sim/mitigations/shed.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, constant, openSource } from "../helpers.js";

const shed = (over: Partial<Shed>): Shed => ({
  kind: "shed",
  maxConcurrent: null,
  latencyFactor: null,
  windowMs: 1000,
  ...over,
});

describe("shed (unit)", () => {
  it("refuses a new request once maxConcurrent are in progress", () => {
    const s = new LoadShedder(shed({ maxConcurrent: 3 }));
    expect(s.admit(0, 0)).toBe(true);
    expect(s.admit(0, 2)).toBe(true);
    expect(s.admit(0, 3)).toBe(false);
    expect(s.admit(0, 10)).toBe(false);
    expect(new LoadShedder(shed({})).admit(0, 1e9)).toBe(true);
  });

  it("latencyFactor: baseline = mean of the first window; shed while the recent mean exceeds factor × baseline", () => {
    const s = new LoadShedder(shed({ latencyFactor: 3, windowMs: 1000 }));
    // The first window (from the first answer, at 100 ms) sets a 10 ms baseline.
    for (let t = 100; t < 1100; t += 10) s.record(t, 10);
    expect(s.admit(1100, 0)).toBe(true);
    // 25 ms is under 3 × 10: admitted. 40 ms is over: refused.
    for (let t = 1100; t < 2100; t += 10) s.record(t, 25);
    expect(s.admit(2100, 0)).toBe(true);
    for (let t = 2100; t < 3100; t += 10) s.record(t, 40);
    expect(s.admit(3100, 0)).toBe(false);
    // Shedding records nothing; once the slow answers slide out of the window it admits again.
    expect(s.admit(4200, 0)).toBe(true);
  });

  it("no baseline, no latency shedding: the first window never sheds on latency", () => {
    const s = new LoadShedder(shed({ latencyFactor: 1.01 }));
    s.record(0, 1);
    s.record(500, 1000);
    expect(s.admit(900, 0)).toBe(true);
  });
});

describe("shed (in a run)", () => {
  // cache: none; 500 reads/s against 2 DB servers at 50 ms (40/s): a hopeless overload.
  const overload = baseConfig({
    durationMs: 2000,
    traffic: [openSource(500)],
    cache: null,
    db: { service: constant(50), servers: 2 },
  });

  it("shed: an instance never holds more than maxConcurrent requests in progress", () => {
    const m = simulate({
      ...overload,
      strategy: { ...overload.strategy, admission: shed({ maxConcurrent: 10 }) },
    }).metrics;
    expect(m.requests.shed).toBeGreaterThan(0);
    // Each request in progress holds exactly one DB query here, so the DB holds at most 10: 2 in
    // service, 8 waiting.
    expect(m.db.peakInFlight).toBe(2);
    expect(m.db.peakQueue).toBe(8);
    // Hence an admitted request waits for at most the 9 ahead of it and its own: 5 × 50 ms.
    expect(m.latencyMs.max).toBeLessThanOrEqual(250 + 1e-6);
    const naive = simulate(overload).metrics;
    expect(naive.db.peakQueue).toBeGreaterThan(100);
    expect(naive.requests.shed).toBe(0);
  });

  it("latencyFactor sheds after a DB slowdown, not before", () => {
    // Unlimited DB at 10 ms: baseline latency 10 ms. A 10× slowdown during [2 s, 3 s).
    const base = baseConfig({
      durationMs: 5000,
      bucketMs: 500,
      traffic: [openSource(200)],
      cache: null,
      db: { service: constant(10) },
      strategy: { admission: shed({ latencyFactor: 3, windowMs: 1000 }) },
    });
    const calm = simulate(base).metrics;
    expect(calm.requests.shed).toBe(0);
    const out = simulate({
      ...base,
      events: [{ atMs: 2000, kind: "dbSlowdown", factor: 10, forMs: 1000 }],
    });
    expect(out.metrics.requests.shed).toBeGreaterThan(0);
    // Errors (failed + shed) appear only once slow answers (100 ms) have come back.
    const errors = out.series.errors;
    expect(errors.slice(0, 4).every((e) => e === 0)).toBe(true); // before 2 s
    expect((errors[4] as number) + (errors[5] as number)).toBeGreaterThan(0); // during [2 s, 3 s)
    expect(out.metrics.requests.failed).toBe(0);
    // A second after the slowdown ends the window holds only fast answers again: no shedding.
    expect(errors.slice(8)).toEqual([0, 0]);
  });
});
