import { describe, expect, it } from "vitest";
import type { Coalescing, SimConfig } from "../../../src/sim/config.js";
import { Kernel } from "../../../src/sim/kernel/kernel.js";
import { scheduleRefresh } from "../../../src/sim/mitigations/refresh.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../helpers.js";
import { dbQueriesPerBucket } from "./support.js";

describe("refresh", () => {
  it("schedules every key at 0, every, 2·every, … before the end", () => {
    const kernel = new Kernel();
    const calls: Array<[number, number, number]> = [];
    scheduleRefresh(
      kernel,
      { kind: "refresh", keys: { kind: "all" }, everyMs: 300 },
      [4, 7],
      1000,
      (key, index) => calls.push([kernel.now, key, index]),
    );
    kernel.run(1000);
    expect(calls).toEqual([
      [0, 4, 0],
      [0, 7, 1],
      [300, 4, 0],
      [300, 7, 1],
      [600, 4, 0],
      [600, 7, 1],
      [900, 4, 0],
      [900, 7, 1],
    ]);
  });

  // Tiny traffic on a warm cache with a long TTL: the refresh schedule is the only DB load.
  const refreshOnly = (over: Partial<SimConfig["strategy"]> = {}): SimConfig =>
    baseConfig({
      durationMs: 5000,
      traffic: [openSource(2, { keys: { count: 5, popularity: "zipf", exponent: 1 } })],
      app: { instances: 3 },
      cache: { ttlMs: 60_000, initial: "warm" },
      strategy: {
        background: { kind: "refresh", keys: { kind: "hottest", count: 2 }, everyMs: 1000 },
        ...over,
      },
    });

  it("refresh: each named key is reloaded at 0, every, 2·every, … (the DB load counts)", () => {
    const config = refreshOnly();
    const out = simulate(config);
    // 5 rounds (0, 1, 2, 3, 4 s) × the 2 hottest keys, one round per 1 s bucket.
    expect(out.metrics.db.queries).toBe(10);
    expect(dbQueriesPerBucket(out, config)).toEqual([2, 2, 2, 2, 2]);
    expect(out.metrics.cache.misses).toBe(0);
    const named = simulate(
      refreshOnly({
        background: { kind: "refresh", keys: { kind: "keys", keys: ["k3"] }, everyMs: 2000 },
      }),
    );
    expect(named.metrics.db.queries).toBe(3); // 0, 2, 4 s
  });

  it.each<[string, Coalescing | null]>([
    ["no coalescing", null],
    ["single-flight", { kind: "single-flight" }],
    ["lock", { kind: "lock", ttlMs: 1000, pollMs: 10, stale: false }],
    ["lease", { kind: "lease", tokenEveryMs: 500, waitMs: 10, stale: false }],
  ])("refresh reloads still-fresh keys through the coalescing stop (%s)", (_, coalescing) => {
    const out = simulate(refreshOnly({ coalescing }));
    expect(out.metrics.db.queries).toBe(10);
  });

  it("a hot key refreshed more often than its TTL never misses", () => {
    const hot = baseConfig({
      durationMs: 5000,
      traffic: [openSource(200)],
      app: { instances: 2 },
      cache: { ttlMs: 1000, initial: "warm" },
      strategy: { background: { kind: "refresh", keys: { kind: "all" }, everyMs: 700 } },
    });
    for (const coalescing of [
      null,
      { kind: "lock", ttlMs: 1000, pollMs: 10, stale: false },
    ] as const) {
      const m = simulate({ ...hot, strategy: { ...hot.strategy, coalescing } }).metrics;
      expect(m.cache.misses).toBe(0);
      expect(m.latencyMs.max).toBe(0);
      expect(m.db.queries).toBe(8); // 0, 0.7, …, 4.9 s
    }
    const plain = simulate({ ...hot, strategy: { ...hot.strategy, background: null } }).metrics;
    expect(plain.cache.misses).toBeGreaterThan(0);
  });
});
