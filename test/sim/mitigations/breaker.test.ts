import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Coalescing, SimConfig } from "../../../src/sim/config.js";
import { CircuitBreaker } from "../../../src/sim/mitigations/breaker.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource } from "../helpers.js";
import { breaker, dbQueriesPerBucket } from "./support.js";

describe("breaker (unit)", () => {
  it("never admits more than maxConcurrent rebuilds at once", () => {
    const b = new CircuitBreaker(breaker({ maxConcurrent: 2 }));
    expect(b.tryEnter(0)).toBe(true);
    expect(b.tryEnter(0)).toBe(true);
    expect(b.tryEnter(1)).toBe(false);
    expect(b.rebuildsInFlight).toBe(2);
    b.exit(2, true);
    expect(b.tryEnter(2)).toBe(true);
    expect(b.tryEnter(2)).toBe(false);
    expect(new CircuitBreaker(breaker({ maxConcurrent: null })).tryEnter(0)).toBe(true);
  });

  it("opens when the failure ratio exceeds the threshold with at least minCalls", () => {
    const b = new CircuitBreaker(breaker({ minCalls: 4, threshold: 0.5, openForMs: 1000 }));
    const call = (t: number, ok: boolean) => {
      expect(b.tryEnter(t)).toBe(true);
      b.exit(t, ok);
    };
    call(0, false);
    call(1, false);
    call(2, false); // 3 failures, but fewer than minCalls calls
    expect(b.state).toBe("closed");
    call(3, true); // 3/4 > 0.5 with 4 calls
    expect(b.state).toBe("open");
    const c = new CircuitBreaker(breaker({ minCalls: 4, threshold: 0.5 }));
    for (const [t, ok] of [
      [0, false],
      [1, true],
      [2, false],
      [3, true],
    ] as const) {
      c.tryEnter(t);
      c.exit(t, ok);
    }
    expect(c.state).toBe("closed"); // exactly 0.5 is not above the threshold
  });

  it("failures older than the window no longer count", () => {
    const b = new CircuitBreaker(breaker({ minCalls: 3, threshold: 0.5, windowMs: 1000 }));
    for (const t of [0, 10]) {
      b.tryEnter(t);
      b.exit(t, false);
    }
    // Two failures long ago, then one success and one failure: 1 of 2 in the window.
    for (const [t, ok] of [
      [5000, true],
      [5001, false],
    ] as const) {
      b.tryEnter(t);
      b.exit(t, ok);
    }
    expect(b.state).toBe("closed");
  });

  it("while open no rebuild is admitted; after openFor, half-open admits `probes`", () => {
    const b = new CircuitBreaker(
      breaker({ minCalls: 1, threshold: 0, openForMs: 1000, probes: 2 }),
    );
    b.tryEnter(0);
    b.exit(100, false);
    expect(b.state).toBe("open");
    for (const t of [100, 500, 1099.999]) expect(b.tryEnter(t)).toBe(false);
    expect(b.tryEnter(1100)).toBe(true);
    expect(b.state).toBe("half-open");
    expect(b.tryEnter(1101)).toBe(true);
    expect(b.tryEnter(1102)).toBe(false); // both probes out
    b.exit(1150, true);
    expect(b.state).toBe("half-open");
    expect(b.tryEnter(1151)).toBe(false); // still only the probes
    b.exit(1160, true);
    expect(b.state).toBe("closed"); // all probes succeeded
    expect(b.tryEnter(1161)).toBe(true);
    b.exit(1162, true);
  });

  it("a rebuild admitted before it opened is not a probe when it ends half-open", () => {
    const b = new CircuitBreaker(
      breaker({ minCalls: 1, threshold: 0, openForMs: 1000, probes: 1 }),
    );
    expect(b.tryEnter(0)).toBe(true); // a slow rebuild, admitted while closed
    expect(b.tryEnter(10)).toBe(true);
    b.exit(20, false, 10); // opens
    expect(b.state).toBe("open");
    expect(b.tryEnter(1020)).toBe(true); // the probe
    b.exit(1030, true, 0); // the old rebuild succeeds: not the probe, so still half-open
    expect(b.state).toBe("half-open");
    b.exit(1040, false, 1020); // the probe fails: open again
    expect(b.state).toBe("open");
  });

  it("a failing probe opens it again for a full openFor", () => {
    const b = new CircuitBreaker(
      breaker({ minCalls: 1, threshold: 0, openForMs: 1000, probes: 1 }),
    );
    b.tryEnter(0);
    b.exit(0, false);
    expect(b.tryEnter(1000)).toBe(true);
    b.exit(1200, false);
    expect(b.state).toBe("open");
    expect(b.tryEnter(2199)).toBe(false);
    expect(b.tryEnter(2200)).toBe(true);
  });

  it("property: admitted rebuilds never exceed maxConcurrent, and an open breaker admits none", () => {
    const op = fc.record({
      dtMs: fc.integer({ min: 0, max: 400 }),
      kind: fc.constantFrom("enter", "exit-ok", "exit-fail"),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(op, { maxLength: 200 }),
        (maxConcurrent, minCalls, probes, ops) => {
          const b = new CircuitBreaker(
            breaker({
              maxConcurrent,
              minCalls,
              probes,
              threshold: 0.4,
              windowMs: 1000,
              openForMs: 500,
            }),
          );
          let now = 0;
          let inFlight = 0;
          for (const { dtMs, kind } of ops) {
            now += dtMs;
            if (kind === "enter") {
              const before = b.state;
              const admitted = b.tryEnter(now);
              if (admitted) inFlight++;
              if (inFlight > maxConcurrent) return false;
              if (admitted && b.state === "open") return false;
              if (admitted && before === "open" && b.state !== "half-open") return false;
            } else if (inFlight > 0) {
              inFlight--;
              b.exit(now, kind === "exit-ok");
            }
            if (b.rebuildsInFlight !== inFlight) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("breaker (in a run)", () => {
  // 1000 keys read uniformly, cold: almost every read is a rebuild. 100 ms loads.
  const manyKeys = baseConfig({
    durationMs: 1000,
    bucketMs: 100,
    traffic: [openSource(1000, { keys: { count: 1000, popularity: "uniform", exponent: 1 } })],
    db: { service: constant(100) },
  });

  it("breaker: never more than maxConcurrent rebuilds per instance; while open no rebuild reaches the DB", () => {
    const limited = (instances: number) =>
      simulate({
        ...manyKeys,
        app: { ...manyKeys.app, instances },
        strategy: { ...manyKeys.strategy, protection: breaker({ maxConcurrent: 3 }) },
      }).metrics;
    const one = limited(1);
    expect(one.db.peakInFlight).toBe(3);
    // Refused rebuilds with nothing stale to serve fail.
    expect(one.requests.failed).toBeGreaterThan(0);
    const two = limited(2);
    expect(two.db.peakInFlight).toBeGreaterThan(3);
    expect(two.db.peakInFlight).toBeLessThanOrEqual(6);
    expect(simulate(manyKeys).metrics.db.peakInFlight).toBeGreaterThan(50);
  });

  // Every query fails; 10 ms queries; the breaker opens after 5 failures for 500 ms.
  const failing = (probes: number): SimConfig => ({
    ...manyKeys,
    durationMs: 3000,
    traffic: [openSource(500, { keys: { count: 1000, popularity: "uniform", exponent: 1 } })],
    db: { ...manyKeys.db, service: constant(10), failureRate: 1 },
    strategy: {
      ...manyKeys.strategy,
      protection: breaker({ minCalls: 5, threshold: 0.5, openForMs: 500, probes }),
    },
  });

  it("while open, DB queries stop; each half-open lets exactly `probes` through", () => {
    for (const probes of [1, 3]) {
      const config = failing(probes);
      const out = simulate(config);
      const perBucket = dbQueriesPerBucket(out, config);
      // It opens within the first 100 ms (5 failures at 500 reads/s, 10 ms each); the queries of
      // that bucket are the ones admitted before it opened.
      const initial = perBucket[0] as number;
      expect(initial).toBeGreaterThanOrEqual(5);
      const later = perBucket.slice(1);
      // Then only probes: a half-open every ~openFor + 10 ms (5 over the remaining 2.9 s), each
      // admitting `probes` rebuilds that all fail; nothing else reaches the DB.
      const sumLater = later.reduce((a, b) => a + b, 0);
      expect(sumLater % probes).toBe(0);
      expect(sumLater / probes).toBeGreaterThanOrEqual(4);
      expect(sumLater / probes).toBeLessThanOrEqual(6);
      // The 400 ms right after opening: no query at all.
      expect(later.slice(0, 4)).toEqual([0, 0, 0, 0]);
      // Naive keeps hammering the failing DB.
      const naive = simulate({ ...config, strategy: { ...config.strategy, protection: null } });
      expect(naive.metrics.db.queries).toBeGreaterThan(1000);
    }
  });

  it("degraded mode: a failed or refused rebuild serves the stale value", () => {
    // Warm, ttl 300 ms, stale copies kept 10 s, every DB query fails.
    const base = baseConfig({
      durationMs: 3000,
      traffic: [openSource(200)],
      cache: { ttlMs: 300, keepStaleMs: 10_000, initial: "warm" },
      db: { service: constant(10), failureRate: 1 },
      strategy: { protection: breaker({ minCalls: 3, openForMs: 1000 }) },
    });
    const m = simulate(base).metrics;
    expect(m.requests.failed).toBe(0);
    // Refused while open: served stale at once. Waited for a failed rebuild: a miss, then stale.
    expect(m.cache.staleServed).toBeGreaterThan(100);
    expect(m.cache.misses).toBe(m.db.queries);
    expect(m.cache.hits + m.cache.staleServed + m.cache.misses).toBe(m.requests.total);
    expect(m.cache.maxStaleAgeMs).toBeGreaterThan(2000); // the value from t = 300 ms, still served
    // Without the breaker there is no degraded mode: the failures reach the clients.
    const naive = simulate({ ...base, strategy: { ...base.strategy, protection: null } }).metrics;
    expect(naive.requests.failed).toBeGreaterThan(100);
    expect(naive.cache.staleServed).toBe(0);
  });

  it.each<[string, Coalescing | null]>([
    ["no coalescing", null],
    ["single-flight", { kind: "single-flight" }],
    // With `stale: false` lock losers and hot misses wait (misses) whatever the breaker does.
    ["lock", { kind: "lock", ttlMs: 1000, pollMs: 10, stale: true }],
    ["lease", { kind: "lease", tokenEveryMs: 1000, waitMs: 10, stale: true }],
  ])("a refused rebuild is stale served, not a miss (%s)", (_, coalescing) => {
    // Warm, stale copies kept; the breaker is open from the start (every DB query fails and
    // minCalls is 1), so after the first rebuild every rebuild is refused for 5 s.
    const m = simulate(
      baseConfig({
        durationMs: 2000,
        traffic: [openSource(100)],
        app: { instances: 2 },
        cache: { latency: constant(1), ttlMs: 100, keepStaleMs: 10_000, initial: "warm" },
        db: { service: constant(10), failureRate: 1 },
        strategy: {
          coalescing,
          protection: breaker({ minCalls: 1, threshold: 0, openForMs: 5000 }),
        },
      }),
    ).metrics;
    expect(m.requests.failed).toBe(0);
    // One failed rebuild per instance (its reader waited: a miss); every other read took the
    // stale copy at once.
    expect(m.db.queries).toBeLessThanOrEqual(2);
    expect(m.cache.misses).toBeLessThanOrEqual(m.db.queries);
    expect(m.cache.staleServed).toBe(m.requests.total - m.cache.hits - m.cache.misses);
    expect(m.cache.staleServed).toBeGreaterThan(150);
  });

  it("a rebuild longer than the breaker's timeout fails at the timeout", () => {
    const at = (keepStaleMs: number) =>
      simulate(
        baseConfig({
          durationMs: 1000,
          traffic: [openSource(0)],
          cache: { ttlMs: 100, keepStaleMs, initial: "warm" },
          db: { service: constant(200) },
          strategy: { protection: breaker({ timeoutMs: 50 }) },
          events: [burst(500, 1)],
        }),
      ).metrics;
    const bare = at(0);
    expect(bare.requests.failed).toBe(1);
    expect(bare.latencyMs.max).toBeCloseTo(50, 6);
    expect(bare.db.queries).toBe(1); // the query itself runs on (no cancelOnTimeout)
    const stale = at(10_000);
    expect(stale.requests.ok).toBe(1);
    expect(stale.latencyMs.max).toBeCloseTo(50, 6);
  });
});
