import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../../../src/sim/config.js";
import { burst, constant, openSource, run, sum } from "../helpers.js";

const expireAll = (atMs: number): TimelineEvent => ({
  atMs,
  kind: "expire",
  keys: { kind: "all" },
});

describe("naive stampede arithmetic", () => {
  // One hot key, warm cache with a TTL longer than the run (so only `expire` causes refreshes),
  // cache latency 0, unlimited DB servers, constant recompute δ, no timeout. After an expiry the
  // first arrival misses and loads; every arrival during the next δ also misses and starts its own
  // overlapping load, so one refresh = 1 + Poisson(λ·δ) loads (RTT = 0).
  const lambda = 5000; // per second
  const delta = 20; // ms → λ·δ = 100

  it("loadsPerRefresh.max of the expiry refresh ≈ 1 + λ·δ", () => {
    const out = run({
      durationMs: 1500,
      traffic: [openSource(lambda)],
      cache: { initial: "warm", ttlMs: 1e9 },
      db: { service: constant(delta) },
      events: [expireAll(1000)],
    });
    const m = out.metrics;
    expect(m.db.refreshes).toBe(1);
    const loads = m.db.loadsPerRefresh?.max as number;
    const mean = lambda * (delta / 1000);
    // One Poisson(λδ) draw: σ = √(λδ) = 10; 4σ.
    expect(Math.abs(loads - (1 + mean))).toBeLessThan(4 * Math.sqrt(mean));
    // Every miss was its own load, and the only one of the run.
    expect(m.db.queries).toBe(loads);
    expect(m.cache.misses).toBe(loads);
    expect(m.cache.hits + m.cache.misses).toBe(m.requests.total);
  });

  it("over several expiries the mean loads per refresh ≈ 1 + λ·δ", () => {
    const expiries = [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500];
    const lam = 2000;
    const out = run({
      durationMs: 5000,
      traffic: [openSource(lam)],
      cache: { initial: "warm", ttlMs: 1e9 },
      db: { service: constant(delta) },
      events: expiries.map(expireAll),
    });
    const m = out.metrics;
    const mean = lam * (delta / 1000); // 40
    expect(m.db.refreshes).toBe(expiries.length);
    expect(m.db.loadsPerRefresh?.mean).toBeCloseTo(m.cache.misses / expiries.length, 9);
    // Mean of 9 independent Poisson(40): σ = √(40/9) ≈ 2.1; 4σ.
    const got = m.db.loadsPerRefresh?.mean as number;
    expect(Math.abs(got - (1 + mean))).toBeLessThan(4 * Math.sqrt(mean / expiries.length));
  });

  it("a cache round trip widens the window to δ + RTT", () => {
    // RTT 10 ms: misses are the arrivals in [a₁, a₁ + δ + RTT), so 1 + Poisson(λ(δ + RTT)).
    const lam = 2000;
    const rtt = 10;
    const expiries = [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500];
    const out = run({
      durationMs: 5000,
      traffic: [openSource(lam)],
      cache: { initial: "warm", ttlMs: 1e9, latency: constant(rtt) },
      db: { service: constant(delta) },
      events: expiries.map(expireAll),
    });
    const mean = (lam * (delta + rtt)) / 1000; // 60
    const got = out.metrics.db.loadsPerRefresh?.mean as number;
    // Mean of 9 Poisson(60): σ = √(60/9) ≈ 2.6; 4σ. (λδ alone, 41, is 7σ away.)
    expect(Math.abs(got - (1 + mean))).toBeLessThan(4 * Math.sqrt(mean / expiries.length));
  });
});

describe("shared cache in a run", () => {
  it("a warm start gives hits from t = 0 and no DB load", () => {
    const out = run({ durationMs: 3000, cache: { initial: "warm", ttlMs: 1e9 } });
    const m = out.metrics;
    expect(m.cache.hits).toBe(m.requests.total);
    expect(m.cache.misses).toBe(0);
    expect(m.db.queries).toBe(0);
    expect(m.cache.hitRate).toBe(1);
    expect(out.series.requests[0]).toBeGreaterThan(0);
  });

  it("a cold start misses first", () => {
    const out = run({ durationMs: 3000, cache: { initial: "cold", ttlMs: 1e9 } });
    expect(out.metrics.cache.misses).toBeGreaterThan(0);
    expect(out.metrics.db.refreshes).toBe(1);
    expect(out.series.cacheMisses.slice(1)).toEqual([0, 0]);
  });

  it("TTL expiry causes one refresh at ttl", () => {
    // Warm at 0 with ttl 1000: nothing touches the DB before 1000; the refreshed value (set at
    // ≈ 1010) lives past the end of the run.
    const out = run({
      durationMs: 2000,
      traffic: [openSource(200)],
      cache: { initial: "warm", ttlMs: 1000 },
    });
    expect(out.series.dbQps[0]).toBe(0);
    expect(out.series.cacheMisses[0]).toBe(0);
    expect(out.series.cacheMisses[1]).toBeGreaterThan(0);
    expect(out.metrics.db.refreshes).toBe(1);
  });

  it("steady start spreads expiries: keys refresh at different times", () => {
    const keys = { count: 20, popularity: "uniform", exponent: 1 } as const;
    const common = { durationMs: 2000, bucketMs: 100, traffic: [openSource(2000, { keys })] };
    const warm = run({ ...common, cache: { initial: "warm", ttlMs: 1000 } });
    const steady = run({ ...common, cache: { initial: "steady", ttlMs: 1000 } });
    const busyBuckets = (xs: number[]) => xs.filter((x) => x > 0).length;
    // warm: all 20 keys expire at 1000 together: misses only right after it.
    expect(busyBuckets(warm.series.cacheMisses)).toBeLessThanOrEqual(2);
    expect(busyBuckets(steady.series.cacheMisses)).toBeGreaterThan(5);
  });

  it("LRU capacity evicts: fewer slots than keys keeps missing", () => {
    // Four uniform keys, TTL longer than the run; the first second warms up.
    const keys = { count: 4, popularity: "uniform", exponent: 1 } as const;
    const common = { durationMs: 3000, warmupMs: 1000, traffic: [openSource(500, { keys })] };
    const roomy = run({ ...common, cache: { ttlMs: 1e9, capacity: 4 } });
    const tight = run({ ...common, cache: { ttlMs: 1e9, capacity: 2 } });
    expect(roomy.metrics.cache.misses).toBe(0);
    expect(tight.metrics.cache.misses).toBeGreaterThan(100);
    // With instant loads any policy under uniform independent references hits capacity/keys = 1/2
    // of reads; 10 ms loads shift that a little (a key being reloaded misses), so this is not an
    // estimate with a variance, only a check that rules out "never evicts" (≈ 1) and "evicts
    // everything" (≈ 0). The binomial noise alone (σ ≈ 0.016 over ≈ 1000 reads) is far smaller.
    expect(tight.metrics.cache.hitRate).toBeGreaterThan(0.3);
    expect(tight.metrics.cache.hitRate).toBeLessThan(0.7);
  });

  it("keepStale: a naive read of an expired value is a miss, not a stale serve", () => {
    const out = run({
      durationMs: 2000,
      cache: { initial: "warm", ttlMs: 1e9, keepStaleMs: 1e9 },
      events: [expireAll(1000)],
    });
    expect(out.metrics.cache.staleServed).toBe(0);
    expect(out.metrics.cache.misses).toBeGreaterThan(0);
    expect(out.metrics.db.refreshes).toBe(1);
  });

  it("writes invalidate: misses after writes", () => {
    const common = { durationMs: 3000, cache: { initial: "warm", ttlMs: 1e9 } } as const;
    const readOnly = run({ ...common, traffic: [openSource(200)] });
    const withWrites = run({ ...common, traffic: [openSource(200, { writeRatio: 0.1 })] });
    expect(readOnly.metrics.cache.misses).toBe(0);
    expect(withWrites.metrics.cache.misses).toBeGreaterThan(0);
    // Writes are DB queries; every refresh follows an invalidation.
    expect(withWrites.metrics.db.refreshes).toBeGreaterThan(10);
    expect(withWrites.metrics.db.queries).toBeGreaterThan(withWrites.metrics.cache.misses);
  });

  it("onWrite: update keeps the key cached", () => {
    const out = run({
      durationMs: 3000,
      cache: { initial: "warm", ttlMs: 1e9, onWrite: "update" },
      traffic: [openSource(200, { writeRatio: 0.1 })],
    });
    expect(out.metrics.cache.misses).toBe(0);
    expect(out.metrics.cache.sets).toBeGreaterThan(10);
    expect(out.metrics.cache.staleSets).toBe(0);
  });

  describe("a write racing a load sets a stale value", () => {
    // Reader misses at 100; its load reads the DB at version 0 during 100–200. A write commits
    // version 1 at 120 (write service 10) and invalidates; the load then sets version 0 at 200.
    const race = (writeAtMs: number) =>
      run({
        durationMs: 1000,
        traffic: [
          openSource(0, { name: "readers" }),
          openSource(0, { name: "writers", writeRatio: 1 }),
        ],
        cache: { ttlMs: 1e9 },
        db: { service: constant(100), writeService: constant(10) },
        events: [burst(100, 1, 0, "readers"), burst(writeAtMs, 1, 0, "writers")],
      }).metrics.cache;

    it("counts the set as stale when the write commits during the load", () => {
      expect(race(110)).toMatchObject({ sets: 1, staleSets: 1 });
    });

    it("does not when the write committed before the load read the DB (control)", () => {
      expect(race(50)).toMatchObject({ sets: 1, staleSets: 0 });
    });
  });
});

describe("L1 local cache", () => {
  it("serves repeat reads on an instance without the shared cache, up to its TTL", () => {
    const out = run({
      durationMs: 1000,
      traffic: [openSource(0)],
      app: { localCache: { ttlMs: 150, capacity: null } },
      cache: { initial: "warm", ttlMs: 1e9 },
      // 100: shared hit, fills L1 until 250; 200: L1 hit; 300: expired → shared hit; 400: L1.
      events: [burst(100, 1), burst(200, 1), burst(300, 1), burst(400, 1)],
    });
    expect(out.metrics.cache).toMatchObject({ hits: 4, l1Hits: 2, gets: 2 });
  });

  it("under cache: none holds what the DB returned, for its own TTL", () => {
    const out = run({
      durationMs: 1000,
      traffic: [openSource(0)],
      app: { localCache: { ttlMs: 150, capacity: null } },
      cache: null,
      db: { service: constant(10) },
      // 100: DB load, L1 filled at 110 until 260; 200: L1 hit; 300: expired → DB; 400: L1 hit.
      events: [burst(100, 1), burst(200, 1), burst(300, 1), burst(400, 1)],
    });
    expect(out.metrics.db.queries).toBe(2);
    expect(out.metrics.cache).toMatchObject({ l1Hits: 2, gets: 0, hitRate: null });
  });
});

describe("load balancing", () => {
  it("round-robin spreads attempts over instances: each L1 warms separately", () => {
    const out = run({
      durationMs: 1000,
      traffic: [openSource(0)],
      app: { instances: 3, localCache: { ttlMs: 1e9, capacity: null } },
      cache: { initial: "warm", ttlMs: 1e9 },
      events: [100, 200, 300, 400, 500, 600, 700].map((t) => burst(t, 1)),
    });
    // Instances 0, 1, 2 each miss L1 once; the next four reads hit their instance's L1.
    expect(out.metrics.cache).toMatchObject({ hits: 7, l1Hits: 4, gets: 3 });
    expect(sum(out.series.requests)).toBe(7);
  });
});
