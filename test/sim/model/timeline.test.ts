import { describe, expect, it } from "vitest";
import { burst, constant, openSource, run } from "../helpers.js";

describe("partition", () => {
  // cache: none, S = 100 ms, a partition over [1000, 2000).
  const partitioned = (events: ReturnType<typeof burst>[], timeoutMs: number | null = null) =>
    run({
      durationMs: 4000,
      bucketMs: 100,
      cache: null,
      traffic: [openSource(0)],
      client: { timeoutMs },
      db: { service: constant(100) },
      events: [...events, { atMs: 1000, kind: "partition", forMs: 1000 }],
    });

  it("holds requests and answers both ways, releasing them together at heal", () => {
    // Sent at 950: answered at 1050 inside the partition, delivered at 2000 → 1050 ms.
    // Sent at 1200: held until 2000, then served 2000–2100 → 900 ms.
    const out = partitioned([burst(950, 1), burst(1200, 1)]);
    expect(out.metrics.requests).toMatchObject({ total: 2, ok: 2 });
    expect(out.metrics.latencyMs.max).toBe(1050);
    expect(out.metrics.latencyMs.mean).toBe(975);
    // Nothing reaches the DB during the partition.
    expect(out.series.dbQps.slice(10, 20)).toEqual(new Array(10).fill(0));
    expect(out.series.dbQps[20]).toBe(10); // one query in 100 ms
    expect(out.series.ok[20]).toBe(1); // the held answer, at 2000
    expect(out.series.ok[21]).toBe(1); // the held request, answered at 2100
  });

  it("delivers held attempts whose client already gave up, so the DB still does the work", () => {
    const out = partitioned([burst(1200, 1)], 300);
    expect(out.metrics.requests).toMatchObject({ total: 1, ok: 0, failed: 1 });
    expect(out.metrics.latencyMs.max).toBe(300);
    expect(out.metrics.db.queries).toBe(1);
    expect(out.series.dbQps[20]).toBe(10);
  });

  it("lets traffic flow again after heal", () => {
    const out = partitioned([burst(2500, 1)]);
    expect(out.metrics.latencyMs.max).toBe(100);
  });
});

describe("restart", () => {
  it("fails the requests in progress on the instance", () => {
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(0)],
      db: { service: constant(500) },
      events: [
        burst(800, 1),
        { atMs: 1000, kind: "restart", instances: "all", overMs: 0, downtimeMs: 0 },
      ],
    });
    expect(out.metrics.requests).toMatchObject({ total: 1, ok: 0, failed: 1 });
    expect(out.metrics.latencyMs.max).toBe(200);
    // The query itself runs on: the DB does not know the app died.
    expect(out.metrics.db.completed).toBe(1);
  });

  it("a retry after the restart succeeds on the restarted instance", () => {
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(0)],
      client: {
        retry: {
          attempts: 2,
          backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none" },
          budget: null,
        },
      },
      db: { service: constant(500) },
      events: [
        burst(800, 1),
        { atMs: 1000, kind: "restart", instances: "all", overMs: 0, downtimeMs: 0 },
      ],
    });
    expect(out.metrics.requests).toMatchObject({ total: 1, ok: 1, attempts: 2 });
    expect(out.metrics.latencyMs.max).toBe(700);
  });

  it("wipes the L1 cache", () => {
    const withRestart = (restart: boolean) =>
      run({
        durationMs: 1000,
        traffic: [openSource(0)],
        app: { localCache: { ttlMs: 1e9, capacity: null } },
        cache: { initial: "warm", ttlMs: 1e9 },
        events: [
          burst(100, 1),
          burst(200, 1),
          burst(400, 1),
          burst(500, 1),
          ...(restart
            ? [{ atMs: 300, kind: "restart", instances: "all", overMs: 0, downtimeMs: 0 } as const]
            : []),
        ],
      }).metrics.cache;
    // Without: 100 fills L1, 200/400/500 hit it. With: 400 must go back to the shared cache.
    expect(withRestart(false)).toMatchObject({ hits: 4, l1Hits: 3 });
    expect(withRestart(true)).toMatchObject({ hits: 4, l1Hits: 2 });
  });

  it("an instance down for its downtime is skipped; with none up, attempts fail at once", () => {
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(0)],
      db: { service: constant(10) },
      events: [
        burst(1200, 1), // during the downtime: refused
        burst(1600, 1), // after: served
        { atMs: 1000, kind: "restart", instances: "all", overMs: 0, downtimeMs: 500 },
      ],
    });
    expect(out.metrics.requests).toMatchObject({ total: 2, ok: 1, failed: 1 });
    expect(out.metrics.latencyMs.mean).toBe(5);
  });

  it("restarts instances one by one at at + i·over/k", () => {
    // Two instances, round-robin; restart both over 1000 ms: instance 0 at 1000, 1 at 1500, each
    // down 400 ms. Requests at 1100 and 1300 find instance 0 down and go to 1; at 1600 instance 1
    // is down and 0 is back.
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(0)],
      app: { instances: 2 },
      db: { service: constant(10) },
      events: [
        burst(1100, 1),
        burst(1300, 1),
        burst(1600, 1),
        burst(1950, 2),
        { atMs: 1000, kind: "restart", instances: "all", overMs: 1000, downtimeMs: 400 },
      ],
    });
    expect(out.metrics.requests).toMatchObject({ total: 5, ok: 5, failed: 0 });
  });
});

describe("ordering", () => {
  it("an incident at the same instant as an arrival happens first", () => {
    const out = run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(1000, 1), { atMs: 1000, kind: "dbOutage", forMs: 10, mode: "refuse" }],
    });
    expect(out.metrics.db.rejected).toBe(1);
    const after = run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(1010, 1), { atMs: 1000, kind: "dbOutage", forMs: 10, mode: "refuse" }],
    });
    expect(after.metrics.db.rejected).toBe(0); // the outage's end [1000, 1010) is exclusive
  });
});

describe("cache events", () => {
  it("expire of named keys refreshes only those", () => {
    const keys = { count: 4, popularity: "uniform", exponent: 1 } as const;
    const out = run({
      durationMs: 2000,
      traffic: [openSource(400, { keys })],
      cache: { initial: "warm", ttlMs: 1e9 },
      events: [{ atMs: 1000, kind: "expire", keys: { kind: "keys", keys: ["k1", "k3"] } }],
    });
    expect(out.metrics.db.refreshes).toBe(2);
  });

  it("flush drops everything: every key refreshes", () => {
    const keys = { count: 4, popularity: "uniform", exponent: 1 } as const;
    const out = run({
      durationMs: 2000,
      traffic: [openSource(400, { keys })],
      cache: { initial: "warm", ttlMs: 1e9, keepStaleMs: 1e9 },
      events: [{ atMs: 1000, kind: "flush" }],
    });
    expect(out.metrics.db.refreshes).toBe(4);
    expect(out.series.cacheMisses[0]).toBe(0);
  });

  it("warm loads keys in the background with DB load counted; reads then hit", () => {
    const keys = { count: 5, popularity: "uniform", exponent: 1 } as const;
    const out = run({
      durationMs: 2000,
      traffic: [openSource(0, { keys }), openSource(0, { name: "late", keys })],
      cache: { ttlMs: 1e9 },
      events: [
        { atMs: 100, kind: "warm", keys: { kind: "all" }, overMs: 500 },
        burst(1000, 50, 500, "late"),
      ],
    });
    expect(out.metrics.db.queries).toBe(5);
    expect(out.metrics.db.refreshes).toBe(5);
    expect(out.metrics.cache).toMatchObject({ hits: 50, misses: 0 });
  });
});
