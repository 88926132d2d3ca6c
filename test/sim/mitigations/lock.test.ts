import { describe, expect, it } from "vitest";
import type { Coalescing } from "../../../src/sim/config.js";
import { Recorder } from "../../../src/sim/metrics/recorder.js";
import { SharedCache } from "../../../src/sim/model/sharedCache.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource } from "../helpers.js";

const lock = (ttlMs: number, pollMs: number, stale = false): { coalescing: Coalescing } => ({
  coalescing: { kind: "lock", ttlMs, pollMs, stale },
});

describe("lock", () => {
  it("set-if-absent with a TTL, released only by its owner", () => {
    const cache = new SharedCache(1, null, new Recorder(0, 1000, 1000, 1, true));
    expect(cache.tryLock(0, 1, 0, 100)).toBe(true);
    expect(cache.tryLock(0, 2, 50, 100)).toBe(false);
    cache.unlock(0, 2); // not the owner: no effect
    expect(cache.tryLock(0, 2, 99.9, 100)).toBe(false);
    expect(cache.tryLock(0, 2, 100, 100)).toBe(true); // expired: taken over
    cache.unlock(0, 1); // the late first owner cannot free the second's lock
    expect(cache.tryLock(0, 3, 150, 100)).toBe(false);
    cache.unlock(0, 2);
    expect(cache.tryLock(0, 3, 150, 100)).toBe(true);
    cache.flush();
    expect(cache.tryLock(0, 4, 151, 100)).toBe(true);
  });

  // A hot key at 1000/s on 5 instances, 50 ms loads, 1 ms cache round trips.
  const hot = baseConfig({
    durationMs: 2000,
    traffic: [openSource(1000)],
    app: { instances: 5 },
    cache: { latency: constant(1), ttlMs: 300 },
    db: { service: constant(50) },
    strategy: lock(1000, 10),
  });

  it("lock: at most one load per key across the cluster while its holder is within the lock TTL", () => {
    const m = simulate(hot).metrics;
    expect(m.db.loadsPerRefresh?.max).toBe(1);
    expect(m.db.queries).toBe(m.db.refreshes);
    expect(m.db.refreshes).toBeGreaterThanOrEqual(5);
    // Losers polled until the value appeared: everyone got an answer.
    expect(m.requests.failed).toBe(0);
    expect(m.cache.gets).toBeGreaterThan(m.requests.total); // the polls
    // Single-flight on 5 instances would allow up to 5; naive far more.
    const naive = simulate({ ...hot, strategy: { ...hot.strategy, coalescing: null } }).metrics;
    expect(naive.db.loadsPerRefresh?.max).toBeGreaterThan(20);
  });

  it("a lock TTL shorter than the load lets a second loader in (the double load it causes)", () => {
    // 20 ms lock, 100 ms load, pollers every 5 ms: the lock expires four times per load.
    const m = simulate({
      ...hot,
      db: { ...hot.db, service: constant(100) },
      strategy: { ...hot.strategy, ...lock(20, 5) },
    }).metrics;
    expect(m.db.loadsPerRefresh?.max).toBeGreaterThanOrEqual(2);
    expect(m.db.loadsPerRefresh?.max).toBeLessThanOrEqual(6); // one per lock TTL, at most
  });

  it("stale: true serves the stale copy kept by cache.keepStale instead of waiting", () => {
    // Warm, ttl 300 ms, stale copies kept 5 s; 200 reads/s, 100 ms loads.
    const base = baseConfig({
      durationMs: 2000,
      traffic: [openSource(200)],
      app: { instances: 3 },
      cache: { latency: constant(1), ttlMs: 300, keepStaleMs: 5000, initial: "warm" },
      db: { service: constant(100) },
    });
    const stale = simulate({ ...base, strategy: { ...base.strategy, ...lock(1000, 10, true) } });
    const wait = simulate({ ...base, strategy: { ...base.strategy, ...lock(1000, 10, false) } });
    // Only the lock holder waits (a miss: its own load); everyone else gets the stale value at once.
    expect(stale.metrics.cache.staleServed).toBeGreaterThan(10);
    expect(stale.metrics.cache.misses).toBe(stale.metrics.db.queries);
    expect(stale.metrics.requests.failed).toBe(0);
    // Without `stale`, losers poll: ~20 readers wait per 100 ms load.
    expect(wait.metrics.cache.staleServed).toBe(0);
    expect(wait.metrics.cache.misses).toBeGreaterThan(5 * wait.metrics.db.queries);
  });

  it("stale: true after an `expire` event: the expired copy stays readable until its keep-until", () => {
    // keepStale 0 but the 60 s value is expired at t = 1 s: it stays readable as stale while the
    // lock holder reloads it (200 ms).
    const base = baseConfig({
      durationMs: 2000,
      traffic: [openSource(200)],
      app: { instances: 3 },
      cache: { latency: constant(1), initial: "warm" },
      db: { service: constant(200) },
      strategy: lock(1000, 10, true),
    });
    const expired = simulate({
      ...base,
      events: [{ atMs: 1000, kind: "expire", keys: { kind: "all" } }],
    }).metrics;
    expect(expired.db.queries).toBe(1);
    expect(expired.cache.misses).toBe(1); // the holder
    expect(expired.cache.staleServed).toBeGreaterThan(20); // ~40 reads during the reload
    // A flush instead leaves nothing to serve: the readers poll.
    const flushed = simulate({ ...base, events: [{ atMs: 1000, kind: "flush" }] }).metrics;
    expect(flushed.cache.staleServed).toBe(0);
    expect(flushed.cache.misses).toBeGreaterThan(20);
    expect(flushed.db.queries).toBe(1);
  });

  it("a failed load releases the lock: the next poller takes it and loads", () => {
    const m = simulate(
      baseConfig({
        durationMs: 1000,
        traffic: [openSource(0)],
        app: { instances: 2 },
        cache: { latency: constant(1) },
        db: { service: constant(50), failureRate: 1 },
        strategy: lock(10_000, 10),
        events: [burst(0, 4)],
      }),
    ).metrics;
    // The holder fails at ~51 ms and unlocks; a poller takes the lock, fails, and so on: each of
    // the 4 readers ends up loading once (a 10 s lock TTL would otherwise block them).
    expect(m.db.queries).toBe(4);
    expect(m.requests.failed).toBe(4);
  });
});
