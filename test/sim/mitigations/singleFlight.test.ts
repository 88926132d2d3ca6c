import { describe, expect, it } from "vitest";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource } from "../helpers.js";

const SINGLE_FLIGHT = { coalescing: { kind: "single-flight" } } as const;

describe("single-flight", () => {
  // A hot key at 1000/s, 50 ms loads, expiring every 300 ms: a naive stampede is ~50 loads.
  const hot = baseConfig({
    durationMs: 2000,
    traffic: [openSource(1000)],
    app: { instances: 3 },
    cache: { ttlMs: 300 },
    db: { service: constant(50) },
    strategy: SINGLE_FLIGHT,
  });

  it("single-flight: at most one load per key per instance at a time", () => {
    const m = simulate(hot).metrics;
    expect(m.db.loadsPerRefresh?.max).toBeLessThanOrEqual(3);
    expect(m.db.refreshes).toBeGreaterThanOrEqual(5);
    expect(m.requests.failed).toBe(0);
    const one = simulate({ ...hot, app: { ...hot.app, instances: 1 } }).metrics;
    expect(one.db.loadsPerRefresh?.max).toBe(1);
    expect(one.db.queries).toBe(one.db.refreshes);
    // Without it, every miss loads.
    const naive = simulate({ ...hot, strategy: { ...hot.strategy, coalescing: null } }).metrics;
    expect(naive.db.loadsPerRefresh?.max).toBeGreaterThan(20);
  });

  it("waiters share the load's result: one query answers every concurrent miss", () => {
    const m = simulate(
      baseConfig({
        durationMs: 1000,
        traffic: [openSource(0)],
        db: { service: constant(100) },
        strategy: SINGLE_FLIGHT,
        events: [burst(0, 20, 50)],
      }),
    ).metrics;
    expect(m.db.queries).toBe(1);
    expect(m.requests.ok).toBe(20);
    expect(m.cache.misses).toBe(20); // each waited for a load (the leader's)
    // All answered together when the load landed at t = 100.
    expect(m.latencyMs.max).toBeLessThanOrEqual(100);
    expect(m.latencyMs.max).toBeGreaterThanOrEqual(50);
  });

  it("errors are shared, not cached: all waiters fail together, and the next read loads again", () => {
    const m = simulate(
      baseConfig({
        durationMs: 1000,
        traffic: [openSource(0)],
        db: { service: constant(100), failureRate: 1 },
        strategy: SINGLE_FLIGHT,
        events: [burst(0, 20), burst(500, 5)],
      }),
    ).metrics;
    // One query per burst: the 20 simultaneous misses shared one failing load; the burst at 500 ms
    // found no cached error and loaded again.
    expect(m.db.queries).toBe(2);
    expect(m.db.failed).toBe(2);
    expect(m.requests.failed).toBe(25);
    // Everyone failed at the same instant, when the shared load failed.
    expect(m.latencyMs.p50).toBeCloseTo(100, 3);
    expect(m.latencyMs.max).toBeCloseTo(100, 6);
  });

  it("a restart drops the in-flight table: callers after it start a new load", () => {
    const m = simulate(
      baseConfig({
        durationMs: 1000,
        traffic: [openSource(0)],
        db: { service: constant(100) },
        strategy: SINGLE_FLIGHT,
        events: [
          burst(0, 10),
          { atMs: 50, kind: "restart", instances: "all", overMs: 0, downtimeMs: 0 },
          burst(60, 5),
        ],
      }),
    ).metrics;
    // The 10 in progress at the restart fail; the 5 after it do not join the old flight (whose
    // process is gone) but start their own load and get its value at 160 ms.
    expect(m.db.queries).toBe(2);
    expect(m.requests.failed).toBe(10);
    expect(m.requests.ok).toBe(5);
    expect(m.latencyMs.max).toBeCloseTo(100, 6);
    // The old flight still finished at the DB; its process was gone, so no set followed.
    expect(m.cache.sets).toBe(1);
  });
});
