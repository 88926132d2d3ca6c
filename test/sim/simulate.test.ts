import { describe, expect, it } from "vitest";
import { Simulation, simulate } from "../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource, run, sum } from "./helpers.js";

/** A run that exercises most of the core: many keys, retries with jitter, limits, timeouts. */
const BUSY = baseConfig({
  durationMs: 5000,
  warmupMs: 500,
  bucketMs: 250,
  traffic: [
    openSource(400, { keys: { count: 50, popularity: "zipf", exponent: 1 }, writeRatio: 0.05 }),
  ],
  client: {
    timeoutMs: 80,
    retry: {
      attempts: 3,
      backoff: { kind: "exponential", baseMs: 10, capMs: 100, jitter: "full" },
      budget: null,
    },
  },
  app: { instances: 3 },
  cache: { latency: { kind: "uniform", minMs: 0.5, maxMs: 1.5 }, ttlMs: 400 },
  db: {
    service: { kind: "lognormal", medianMs: 20, p99Ms: 90 },
    servers: 4,
    queue: { limit: 20, timeoutMs: 50 },
    failureRate: 0.02,
  },
  events: [{ atMs: 2000, kind: "expire", keys: { kind: "all" } }, burst(3000, 100, 10)],
});

describe("determinism", () => {
  it("the same config gives identical output (deep equal and byte-identical JSON)", () => {
    const a = simulate(BUSY);
    const b = simulate(structuredClone(BUSY));
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // The run is not trivial.
    expect(a.metrics.requests.retries).toBeGreaterThan(0);
    expect(a.metrics.db.rejected + a.metrics.db.queueTimedOut).toBeGreaterThan(0);
  });

  it("advancing in slices of events gives exactly the result of one call", () => {
    const whole = simulate(BUSY);
    for (const slice of [1, 7, 1000]) {
      const run = new Simulation(BUSY);
      let slices = 0;
      while (!run.advance(slice)) slices++;
      expect(slices).toBeGreaterThan(0);
      expect(JSON.stringify(run.finish())).toBe(JSON.stringify(whole));
    }
  });

  it("a run cannot be read before it reaches its end", () => {
    const run = new Simulation(BUSY);
    expect(run.advance(10)).toBe(false);
    expect(run.eventsProcessed).toBe(10);
    expect(() => run.finish()).toThrow(/before the run reached its end/);
  });

  it("a run does not depend on the runs before it (no shared state between simulate() calls)", () => {
    const first = JSON.stringify(simulate(BUSY));
    simulate({ ...BUSY, seed: 77, db: { ...BUSY.db, servers: 1 } });
    expect(JSON.stringify(simulate(BUSY))).toBe(first);
  });

  it("another seed gives other arrivals", () => {
    const a = simulate(BUSY);
    const b = simulate({ ...BUSY, seed: 2 });
    expect(b.series.requests).not.toEqual(a.series.requests);
  });

  it("common random numbers: a strategy change that does not touch traffic keeps the arrivals", () => {
    const a = simulate(BUSY);
    const shorterTimeout = simulate({ ...BUSY, client: { ...BUSY.client, timeoutMs: 30 } });
    const moreServers = simulate({ ...BUSY, db: { ...BUSY.db, servers: 40 } });
    for (const other of [shorterTimeout, moreServers]) {
      expect(other.series.requests).toEqual(a.series.requests);
      expect(other.metrics.requests.total).toBe(a.metrics.requests.total);
      // …while the outcome does differ, so the comparison means something.
      expect(other.metrics.requests.ok).not.toBe(a.metrics.requests.ok);
    }
  });

  it("common random numbers: a request gets the same DB service draws under every strategy", () => {
    // cache: none, unlimited servers, exponential service: each request's latency is its own draw,
    // so with or without a (never binding) queue limit the latency distribution is identical.
    const base = baseConfig({
      durationMs: 3000,
      cache: null,
      db: { service: { kind: "exponential", meanMs: 20 } },
    });
    const a = simulate(base);
    const b = simulate({ ...base, db: { ...base.db, queue: { limit: 1000, timeoutMs: null } } });
    expect(b.metrics.latencyMs).toEqual(a.metrics.latencyMs);
    const c = simulate({ ...base, seed: 9 });
    expect(c.metrics.latencyMs).not.toEqual(a.metrics.latencyMs);
  });
});

describe("metric identities (SPEC §8 Accounting)", () => {
  it("total = ok + failed + shed + inFlight; in flight = arrivals of the last service time", () => {
    // Constant 500 ms service, no timeout: exactly the arrivals of [1500, 2000) are unanswered.
    const out = run({
      durationMs: 2000,
      bucketMs: 500,
      cache: null,
      traffic: [openSource(200)],
      db: { service: constant(500) },
    });
    const r = out.metrics.requests;
    expect(r.total).toBe(r.ok + r.failed + r.shed + r.inFlight);
    expect(r.inFlight).toBe(out.series.requests[3]);
    expect(r.inFlight).toBeGreaterThan(0);
    expect(out.metrics.db.inProgress).toBe(r.inFlight);
    expect(r.retries).toBe(r.attempts - r.total);
    expect(r.okRatio).toBe(r.ok / r.total);
    expect(r.amplification).toBe(r.attempts / r.total);
  });

  it("the identities hold on a busy run with retries, rejections, timeouts and writes", () => {
    const { metrics: m, series } = simulate(BUSY);
    const r = m.requests;
    expect(r.total).toBe(r.ok + r.failed + r.shed + r.inFlight);
    expect(r.retries).toBe(r.attempts - r.total);
    expect(sum(series.requests)).toBe(r.total);
    expect(m.db.queries).toBe(Math.round(sum(series.dbQps) * 0.25));
    expect(m.cache.misses).toBe(sum(series.cacheMisses));
  });

  it("DB conservation is exact with no warmup: queries = completed + failed + rejected + queueTimedOut + cancelled + inProgress", () => {
    const configs = [
      { ...BUSY, warmupMs: 0 },
      { ...BUSY, warmupMs: 0, db: { ...BUSY.db, cancelOnTimeout: true } },
      {
        ...BUSY,
        warmupMs: 0,
        events: [
          ...BUSY.events,
          { atMs: 1000, kind: "dbOutage", forMs: 300, mode: "refuse" } as const,
        ],
      },
    ];
    for (const config of configs) {
      const db = simulate(config).metrics.db;
      const accounted =
        db.completed + db.failed + db.rejected + db.queueTimedOut + db.cancelled + db.inProgress;
      expect(accounted).toBe(db.queries);
    }
    expect(simulate(configs[1] as typeof BUSY).metrics.db.cancelled).toBeGreaterThan(0);
  });

  it("DB conservation with a warmup is off by exactly the queries offered before it and answered in it", () => {
    // Constant 100 ms service, unlimited servers: the answers in the window that were offered
    // before it are those offered in [warmup − 100, warmup), counted by a no-warmup run's series.
    const base = { durationMs: 3000, bucketMs: 100, cache: null, db: { service: constant(100) } };
    const noWarmup = run(base).series;
    const db = run({ ...base, warmupMs: 1000 }).metrics.db;
    const accounted =
      db.completed + db.failed + db.rejected + db.queueTimedOut + db.cancelled + db.inProgress;
    const carriedIn = Math.round((noWarmup.dbQps[9] as number) * 0.1);
    expect(carriedIn).toBeGreaterThan(0);
    expect(accounted - db.queries).toBe(carriedIn);
  });

  it("hitRate and loadsPerRefresh are null under cache: none; every read is a DB query", () => {
    const out = run({ durationMs: 2000, cache: null });
    expect(out.metrics.cache.hitRate).toBeNull();
    expect(out.metrics.db.loadsPerRefresh).toBeNull();
    expect(out.metrics.db.refreshes).toBe(0);
    expect(out.metrics.db.queries).toBe(out.metrics.requests.total);
    expect(out.metrics.requests.total).toBeGreaterThan(0);
  });

  // SPEC §8 classifies only attempts that reach the cache.
  it("counts no cache reads under cache: none", () => {
    const out = run({ durationMs: 2000, cache: null });
    expect(out.metrics.cache.hits + out.metrics.cache.misses + out.metrics.cache.staleServed).toBe(
      0,
    );
    expect(sum(out.series.cacheMisses)).toBe(0);
  });
});

describe("windows and series", () => {
  it("series have one value per bucket of [warmup, duration), t absolute, the last possibly partial", () => {
    const out = run({ durationMs: 2700, warmupMs: 500, bucketMs: 1000 });
    expect(out.series.t).toEqual([500, 1500, 2500]);
    for (const [name, values] of Object.entries(out.series)) {
      expect(values, name).toHaveLength(3);
    }
  });

  it("requests arriving before the warmup are not counted", () => {
    // Same arrivals (CRN); with bucket = warmup the no-warmup run's first bucket is what drops out.
    const base = { durationMs: 4000, bucketMs: 1000, cache: null, traffic: [openSource(300)] };
    const all = run(base);
    const warm = run({ ...base, warmupMs: 1000 });
    expect(warm.metrics.requests.total).toBe(
      all.metrics.requests.total - (all.series.requests[0] as number),
    );
    expect(warm.series.requests).toEqual(all.series.requests.slice(1));
    expect(warm.metrics.requests.attempts).toBe(warm.metrics.requests.total);
  });

  it("series ok counts requests finishing in a bucket, also those that arrived in the warmup", () => {
    // Constant 300 ms service: requests from [700, 1000) finish in the first measured bucket.
    const base = { durationMs: 3000, bucketMs: 1000, cache: null, db: { service: constant(300) } };
    const all = run(base);
    const warm = run({ ...base, warmupMs: 1000 });
    expect(warm.series.ok).toEqual(all.series.ok.slice(1));
    expect(warm.metrics.requests.ok).toBeLessThan(sum(warm.series.ok));
  });
});
