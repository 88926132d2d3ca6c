import { describe, expect, it } from "vitest";
import { staleWhileRevalidate } from "../../../src/sim/mitigations/staleWhileRevalidate.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource } from "../helpers.js";
import { entry, fakeStream } from "./support.js";

const swr = (softMs: number, hardMs: number) =>
  ({ kind: "stale-while-revalidate", softMs, hardMs }) as const;

describe("stale-while-revalidate", () => {
  it("decide: fresh before soft, stale-refresh in [soft, hard), miss from hard on", () => {
    const policy = staleWhileRevalidate(500, 2000);
    const random = fakeStream(0.5);
    const e = entry(100, 500, 10, 1500); // fresh until 600, kept until 2100
    expect(policy.window(100, 1)).toEqual({ freshUntilMs: 600, keepUntilMs: 2100 });
    expect(policy.decide(undefined, 0, random)).toBe("miss");
    expect(policy.decide(e, 599.999, random)).toBe("hit");
    expect(policy.decide(e, 600, random)).toBe("stale-refresh");
    expect(policy.decide(e, 2099.999, random)).toBe("stale-refresh");
    expect(policy.decide(e, 2100, random)).toBe("miss");
    expect(policy.earlyRefreshInBackground).toBe(true);
    expect(random.calls).toBe(0); // no coin flips
  });

  // One hot key, warm; the DB (200 ms) is 200× slower than the cache round trip (1 ms).
  const hot = baseConfig({
    durationMs: 4000,
    traffic: [openSource(100)],
    app: { instances: 2 },
    cache: { latency: constant(1), ttlMs: 500, initial: "warm" },
    db: { service: constant(200) },
    strategy: { freshness: swr(500, 5000) },
  });

  it("stale-while-revalidate: no request waits for the DB while a value is within its hard TTL", () => {
    const out = simulate(hot);
    const m = out.metrics;
    // Every answer took one cache round trip, never a DB query.
    expect(m.latencyMs.max).toBeLessThanOrEqual(1 + 1e-9);
    expect(m.requests.failed).toBe(0);
    // Values went past soft (stale served, refreshed behind) but never past hard: no miss.
    expect(m.cache.staleServed).toBeGreaterThan(0);
    expect(m.cache.misses).toBe(0);
    expect(m.db.queries).toBeGreaterThan(0);
    // The same situation with a plain 500 ms TTL makes readers wait for the 200 ms load.
    const plain = simulate({ ...hot, strategy: { ...hot.strategy, freshness: null } });
    expect(plain.metrics.latencyMs.max).toBeGreaterThanOrEqual(200);
    expect(plain.metrics.cache.misses).toBeGreaterThan(0);
  });

  it("one background refresh per key at a time: stale reads during a refresh start no other load", () => {
    // One instance (no coalescing needed: background loads are one per key per instance).
    const out = simulate({ ...hot, app: { ...hot.app, instances: 1 } });
    const m = out.metrics;
    // ~20 stale reads arrive during each 200 ms refresh, yet each refresh is a single load.
    expect(m.cache.staleServed).toBeGreaterThan(3 * m.db.refreshes);
    expect(m.db.loadsPerRefresh?.max).toBe(1);
    expect(m.db.queries).toBe(m.db.refreshes);
    // Refreshes happen about every soft + load time (≈ 0.7 s) over 4 s.
    expect(m.db.refreshes).toBeGreaterThanOrEqual(4);
    expect(m.db.refreshes).toBeLessThanOrEqual(6);
    // A stale value is served at most from soft expiry until its refresh lands: the first stale
    // read (Poisson at 100/s, so a few tens of ms after expiry) plus 1 + 200 + 0.5 ms.
    expect(m.cache.maxStaleAgeMs).toBeLessThan(300);
  });

  it("past hard the value is a miss: the reader waits for the load", () => {
    // soft 100 ms, hard 300 ms, warm at t=0; one read at `atMs` and no other traffic.
    const at = (atMs: number) =>
      simulate(
        baseConfig({
          durationMs: 2000,
          traffic: [openSource(0)],
          cache: { latency: constant(1), initial: "warm" },
          db: { service: constant(200) },
          strategy: { freshness: swr(100, 300) },
          events: [burst(atMs, 1)],
        }),
      ).metrics;
    const fresh = at(50);
    expect([fresh.cache.hits, fresh.cache.staleServed, fresh.cache.misses]).toEqual([1, 0, 0]);
    const stale = at(200);
    expect([stale.cache.hits, stale.cache.staleServed, stale.cache.misses]).toEqual([0, 1, 0]);
    expect(stale.latencyMs.max).toBeCloseTo(1, 6);
    expect(stale.db.queries).toBe(1); // the background refresh
    const expired = at(1000);
    expect([expired.cache.hits, expired.cache.staleServed, expired.cache.misses]).toEqual([
      0, 0, 1,
    ]);
    // GET (1 ms), DB (200 ms), SET acknowledged (1 ms).
    expect(expired.latencyMs.max).toBeCloseTo(202, 6);
  });
});
