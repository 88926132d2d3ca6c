import { describe, expect, it } from "vitest";
import type { DbConfig } from "../../../src/sim/config.js";
import { Kernel } from "../../../src/sim/kernel/kernel.js";
import { Recorder } from "../../../src/sim/metrics/recorder.js";
import { Database, type DbError, DbQuery } from "../../../src/sim/model/database.js";
import { burst, type ConfigOverrides, constant, openSource, run, sum } from "../helpers.js";

const END = 100_000;

function setup(over: Partial<DbConfig> = {}) {
  const kernel = new Kernel();
  const recorder = new Recorder(0, END, 1000, 1, false);
  const db = new Database(
    kernel,
    {
      service: constant(100),
      writeService: constant(10),
      servers: null,
      queue: { limit: null, timeoutMs: null },
      slowdown: { kind: "none" },
      cancelOnTimeout: false,
      failureRate: 0,
      ...over,
    },
    recorder,
  );
  const answers: Array<{ id: number; atMs: number; error: DbError | null }> = [];
  const query = (id: number, uFail = 1, isWrite = false) =>
    new DbQuery(isWrite, 0.5, 0.5, uFail, (error) => answers.push({ id, atMs: kernel.now, error }));
  const offerAt = (atMs: number, q: DbQuery) => kernel.at(atMs, () => db.offer(q));
  const metrics = () => recorder.finish(db.inProgressCount(), false).metrics.db;
  return { kernel, db, answers, query, offerAt, metrics };
}

describe("Database", () => {
  it("serves at most `servers` at once, FIFO from the queue", () => {
    const { kernel, db, answers, query, offerAt, metrics } = setup({ servers: 2 });
    for (let i = 0; i < 5; i++) offerAt(0, query(i));
    kernel.at(50, () => {
      expect(db.inServiceCount).toBe(2);
      expect(db.waitingCount).toBe(3);
    });
    kernel.run(END);
    expect(answers).toEqual([
      { id: 0, atMs: 100, error: null },
      { id: 1, atMs: 100, error: null },
      { id: 2, atMs: 200, error: null },
      { id: 3, atMs: 200, error: null },
      { id: 4, atMs: 300, error: null },
    ]);
    const m = metrics();
    expect(m.peakInFlight).toBe(2);
    expect(m.peakQueue).toBe(3);
    expect(m.completed).toBe(5);
  });

  it("writes use writeService", () => {
    const { kernel, answers, query, offerAt } = setup();
    offerAt(0, query(0, 1, true));
    kernel.run(END);
    expect(answers).toEqual([{ id: 0, atMs: 10, error: null }]);
  });

  it("rejects at once past the queue limit (limit counts waiting queries)", () => {
    const { kernel, answers, query, offerAt, metrics } = setup({
      servers: 1,
      queue: { limit: 2, timeoutMs: null },
    });
    for (let i = 0; i < 5; i++) offerAt(0, query(i));
    kernel.run(END);
    expect(answers.map((a) => [a.id, a.atMs, a.error])).toEqual([
      [3, 0, "rejected"],
      [4, 0, "rejected"],
      [0, 100, null],
      [1, 200, null],
      [2, 300, null],
    ]);
    const m = metrics();
    expect(m.rejected).toBe(2);
    expect(m.peakQueue).toBe(2);
  });

  it("times out queued queries after the wait timeout; in-service ones are not affected", () => {
    const { kernel, answers, query, offerAt, metrics } = setup({
      servers: 1,
      queue: { limit: null, timeoutMs: 250 },
    });
    for (let i = 0; i < 6; i++) offerAt(0, query(i));
    kernel.run(END);
    expect(answers.map((a) => [a.id, a.atMs, a.error])).toEqual([
      [0, 100, null],
      [1, 200, null],
      [3, 250, "queue-timeout"],
      [4, 250, "queue-timeout"],
      [5, 250, "queue-timeout"],
      [2, 300, null],
    ]);
    expect(metrics().queueTimedOut).toBe(3);
  });

  it("fails a query whose failure draw is ≤ failureRate after its full service time", () => {
    const { kernel, answers, query, offerAt, metrics } = setup({ failureRate: 0.3 });
    offerAt(0, query(0, 0.3));
    offerAt(0, query(1, 0.30001));
    kernel.run(END);
    expect(answers).toEqual([
      { id: 0, atMs: 100, error: "failed" },
      { id: 1, atMs: 100, error: null },
    ]);
    expect(metrics().failed).toBe(1);
  });

  it("linear slowdown: the i-th of n queries starting together takes S·(1 + k·(i − 1))", () => {
    const { kernel, answers, query, offerAt } = setup({
      slowdown: { kind: "linear", perInFlight: 0.5 },
    });
    for (let i = 0; i < 4; i++) offerAt(0, query(i));
    // One finishes at 100; a query starting then sees n = 3 + 1 in service.
    offerAt(120, query(4));
    kernel.run(END);
    expect(answers.map((a) => [a.id, a.atMs])).toEqual([
      [0, 100],
      [1, 150],
      [2, 200],
      [3, 250],
      [4, 120 + 100 * (1 + 0.5 * 3)],
    ]);
  });

  it("a slowdown event multiplies the service time of queries started in its window", () => {
    const { kernel, db, answers, query, offerAt } = setup();
    kernel.at(10, () => db.beginSlowdown(20));
    kernel.at(20, () => db.endSlowdown(20));
    offerAt(5, query(0));
    offerAt(15, query(1));
    offerAt(25, query(2));
    kernel.run(END);
    expect(answers.map((a) => [a.id, a.atMs])).toEqual([
      [0, 105],
      [2, 125],
      [1, 2015],
    ]);
  });

  it("refuse outage: in-service and queued queries fail at once, new ones are rejected", () => {
    const { kernel, db, answers, query, offerAt, metrics } = setup({ servers: 1 });
    offerAt(0, query(0));
    offerAt(0, query(1));
    kernel.at(50, () => db.beginRefuse());
    offerAt(60, query(2));
    kernel.at(70, () => db.endRefuse());
    offerAt(80, query(3));
    kernel.run(END);
    expect(answers.map((a) => [a.id, a.atMs, a.error])).toEqual([
      [0, 50, "outage"],
      [1, 50, "outage"],
      [2, 60, "rejected"],
      [3, 180, null],
    ]);
    const m = metrics();
    expect([m.failed, m.rejected, m.completed]).toEqual([2, 1, 1]);
  });

  it("hang outage: in-service queries pause and resume; offered ones queue; nothing starts", () => {
    const { kernel, db, answers, query, offerAt } = setup({ servers: 10 });
    offerAt(0, query(0)); // 50 ms served before the hang, 50 after
    kernel.at(50, () => db.beginHang());
    offerAt(100, query(1)); // queued during the hang
    kernel.at(350, () => db.endHang());
    kernel.run(END);
    expect(answers).toEqual([
      { id: 0, atMs: 400, error: null }, // S + the 300 ms overlap
      { id: 1, atMs: 450, error: null },
    ]);
  });

  it("hang outage: queue limit and wait timeout still apply", () => {
    const { kernel, db, answers, query, offerAt } = setup({
      queue: { limit: 1, timeoutMs: 100 },
    });
    kernel.at(0, () => db.beginHang());
    offerAt(10, query(0));
    offerAt(20, query(1));
    kernel.at(500, () => db.endHang());
    kernel.run(END);
    expect(answers.map((a) => [a.id, a.atMs, a.error])).toEqual([
      [1, 20, "rejected"],
      [0, 110, "queue-timeout"],
    ]);
  });

  it("abandon: without cancelOnTimeout the query runs on and answers", () => {
    const { kernel, db, answers, query, metrics } = setup();
    const q = query(0);
    kernel.at(0, () => db.offer(q));
    kernel.at(30, () => expect(db.abandon(q)).toBe(false));
    kernel.run(END);
    expect(answers).toEqual([{ id: 0, atMs: 100, error: null }]);
    const m = metrics();
    expect([m.completed, m.cancelled]).toEqual([1, 0]);
    expect(m.meanInFlight).toBeCloseTo(100 / END, 12);
  });

  it("abandon with cancelOnTimeout frees the server (the next queued query starts) and never answers", () => {
    const { kernel, db, answers, query, metrics } = setup({ servers: 1, cancelOnTimeout: true });
    const q0 = query(0);
    const q1 = query(1);
    const q2 = query(2);
    kernel.at(0, () => {
      db.offer(q0);
      db.offer(q1);
      db.offer(q2);
    });
    kernel.at(30, () => expect(db.abandon(q1)).toBe(true)); // leaves the queue
    kernel.at(40, () => expect(db.abandon(q0)).toBe(true)); // leaves its server
    kernel.at(50, () => expect(db.abandon(q0)).toBe(false)); // already gone
    kernel.run(END);
    expect(answers).toEqual([{ id: 2, atMs: 140, error: null }]);
    const m = metrics();
    expect([m.completed, m.cancelled, m.inProgress]).toEqual([1, 2, 0]);
    expect(m.meanInFlight).toBeCloseTo(140 / END, 12);
  });
});

// Through simulate(): cache: none sends every read to the DB, one query per request.
describe("Database in a run", () => {
  it("never serves more than `servers` at once under overload", () => {
    // Offered load λ·S = 500/s · 50 ms = 25 ≫ 4 servers.
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(500)],
      db: { service: constant(50), servers: 4 },
    });
    const db = out.metrics.db;
    expect(db.peakInFlight).toBe(4);
    expect(db.meanInFlight).toBeLessThanOrEqual(4);
    expect(Math.max(...out.series.dbInFlight)).toBeLessThanOrEqual(4);
    expect(db.peakQueue).toBeGreaterThan(100);
  });

  it("the queue limit rejects; peakQueue never exceeds it", () => {
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(500)],
      db: { service: constant(50), servers: 4, queue: { limit: 10, timeoutMs: null } },
    });
    const db = out.metrics.db;
    expect(db.rejected).toBeGreaterThan(0);
    expect(db.peakQueue).toBe(10);
    // Throughput is capped at servers/S = 80/s: everything else is rejected.
    expect(db.completed).toBeLessThanOrEqual(80 * 3);
    expect(out.metrics.requests.failed).toBe(db.rejected);
  });

  it("a queue wait timeout fails the queries still waiting (exact with a burst)", () => {
    // One server, S = 100, wait timeout 250: of six simultaneous queries three are served
    // (0–100, 100–200, 200–300); the other three time out in the queue at 250.
    const out = run({
      durationMs: 1000,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(0, 6)],
      db: { service: constant(100), servers: 1, queue: { limit: null, timeoutMs: 250 } },
    });
    expect(out.metrics.db).toMatchObject({ queries: 6, completed: 3, queueTimedOut: 3 });
    expect(out.metrics.requests).toMatchObject({ ok: 3, failed: 3 });
    // Latencies 100, 200, 300, 250, 250, 250.
    expect(out.metrics.latencyMs.mean).toBe(225);
    expect(out.metrics.latencyMs.max).toBe(300);
  });

  it("linear slowdown: n simultaneous queries take S·(1 + k·(i − 1)), i = 1 … n", () => {
    const out = run({
      durationMs: 1000,
      cache: null,
      traffic: [openSource(0, { keys: { count: 10, popularity: "uniform", exponent: 1 } })],
      events: [burst(100, 10)],
      db: { service: constant(100), slowdown: { kind: "linear", perInFlight: 0.1 } },
    });
    // max: S·(1 + 0.1·9) = 190; mean: S·(1 + 0.1·4.5) = 145.
    expect(out.metrics.latencyMs.max).toBeCloseTo(190, 9);
    expect(out.metrics.latencyMs.mean).toBeCloseTo(145, 9);
    expect(out.metrics.db.peakInFlight).toBe(10);
  });

  it("naive loads of one cold key slow each other down the same way (cache on)", () => {
    const out = run({
      durationMs: 1000,
      traffic: [openSource(0)],
      events: [burst(100, 5)],
      db: { service: constant(100), slowdown: { kind: "linear", perInFlight: 0.5 } },
    });
    // Five misses, five loads: 100, 150, 200, 250, 300.
    expect(out.metrics.cache.misses).toBe(5);
    expect(out.metrics.db.queries).toBe(5);
    expect(out.metrics.latencyMs.max).toBeCloseTo(300, 9);
    expect(out.metrics.latencyMs.mean).toBeCloseTo(200, 9);
    expect(out.metrics.db.loadsPerRefresh).toEqual({ mean: 5, max: 5 });
  });

  it("usl slowdown: factor 1 + α·(n − 1) + β·n·(n − 1) at each start", () => {
    const out = run({
      durationMs: 1000,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(0, 4)],
      db: { service: constant(100), slowdown: { kind: "usl", contention: 0.1, coherency: 0.05 } },
    });
    const factors = [1, 2, 3, 4].map((n) => 1 + 0.1 * (n - 1) + 0.05 * n * (n - 1));
    expect(out.metrics.latencyMs.max).toBeCloseTo(100 * (factors[3] as number), 9);
    expect(out.metrics.latencyMs.mean).toBeCloseTo((100 * sum(factors)) / 4, 9);
  });

  it("a slowdown event multiplies service times started in its window", () => {
    const out = run({
      durationMs: 3000,
      cache: null,
      traffic: [openSource(0)],
      events: [
        burst(500, 1),
        burst(1500, 1),
        { atMs: 1000, kind: "dbSlowdown", factor: 20, forMs: 1000 },
      ],
      db: { service: constant(10) },
    });
    expect(out.metrics.latencyMs.max).toBe(200);
    expect(out.metrics.latencyMs.mean).toBe(105);
  });

  describe("a client timeout shorter than the service time", () => {
    // S = 200 ms, client timeout 50 ms, one attempt: every request times out.
    const base = {
      durationMs: 4000,
      cache: null,
      traffic: [openSource(100)],
      client: { timeoutMs: 50 },
      db: { service: constant(200) },
    } satisfies ConfigOverrides;
    const kept = run(base);
    const cancelled = run({ ...base, db: { ...base.db, cancelOnTimeout: true } });

    it("fails every request either way", () => {
      for (const out of [kept, cancelled]) {
        expect(out.metrics.requests.ok).toBe(0);
        expect(out.metrics.requests.failed).toBeGreaterThan(300);
      }
    });

    it("keeps the DB busy for the full service time without cancelOnTimeout", () => {
      const db = kept.metrics.db;
      expect(db.cancelled).toBe(0);
      expect(db.completed + db.inProgress).toBe(db.queries);
      // Each query occupies its server for 200 ms (less only if cut by the end of the run).
      const area = db.meanInFlight * 4000;
      expect(area).toBeLessThanOrEqual(db.queries * 200 + 1e-6);
      expect(area).toBeGreaterThanOrEqual(db.completed * 200 - 1e-6);
    });

    it("frees the server at the timeout with cancelOnTimeout: no completions, a quarter of the work", () => {
      const db = cancelled.metrics.db;
      expect(db.completed).toBe(0);
      expect(db.cancelled + db.inProgress).toBe(db.queries);
      const area = db.meanInFlight * 4000;
      expect(area).toBeLessThanOrEqual(db.queries * 50 + 1e-6);
      expect(area).toBeGreaterThanOrEqual(db.cancelled * 50 - 1e-6);
      // Same arrivals (CRN): the busy time is ≈ 50/200 of the other run's.
      expect(db.meanInFlight / kept.metrics.db.meanInFlight).toBeCloseTo(0.25, 1);
    });
  });

  it("failureRate p fails about a fraction p of queries (load-independent)", () => {
    const out = run({
      durationMs: 10_000,
      cache: null,
      traffic: [openSource(500)],
      db: { service: constant(1), failureRate: 0.2 },
    });
    const db = out.metrics.db;
    const n = db.completed + db.failed;
    // Binomial(n, 0.2): σ = √(n·0.2·0.8) ≈ 28 for n ≈ 5000; 4σ.
    expect(Math.abs(db.failed - 0.2 * n)).toBeLessThan(4 * Math.sqrt(n * 0.2 * 0.8));
    expect(out.metrics.requests.failed).toBe(db.failed);
  });

  it("a refuse outage fails what is in progress and rejects every query offered during it", () => {
    const out = run({
      durationMs: 3000,
      bucketMs: 1000,
      cache: null,
      traffic: [openSource(300)],
      events: [{ atMs: 1000, kind: "dbOutage", forMs: 1000, mode: "refuse" }],
      db: { service: constant(20) },
    });
    const db = out.metrics.db;
    // Every arrival of [1000, 2000) is rejected at once…
    expect(db.rejected).toBe(out.series.requests[1]);
    // …the queries in service at 1000 (arrived in [980, 1000)) fail, and nothing else does.
    expect(db.failed).toBeGreaterThan(0);
    expect(db.failed).toBeLessThan(20);
    expect(out.metrics.requests.failed).toBe(db.rejected + db.failed);
    expect(out.series.errors[1]).toBe(db.rejected + db.failed);
    expect(out.series.errors[0]).toBe(0);
    expect(out.series.errors[2]).toBe(0);
  });

  it("a hang outage pauses a query in service: its latency is S + the overlap", () => {
    const out = run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(0)],
      // Query A: 100–150 served, paused 150–450, done at 500 → 400. Query B offered at 200 during
      // the hang, starts at 450, done at 550 → 350.
      events: [
        burst(100, 1),
        burst(200, 1),
        { atMs: 150, kind: "dbOutage", forMs: 300, mode: "hang" },
      ],
      db: { service: constant(100) },
    });
    expect(out.metrics.latencyMs.max).toBe(400);
    expect(out.metrics.latencyMs.mean).toBe(375);
    expect(out.metrics.db.failed + out.metrics.db.rejected).toBe(0);
  });

  it("a hang outage lets client timeouts fire", () => {
    const out = run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(0)],
      client: { timeoutMs: 200 },
      events: [burst(100, 1), { atMs: 150, kind: "dbOutage", forMs: 300, mode: "hang" }],
      db: { service: constant(100) },
    });
    expect(out.metrics.requests).toMatchObject({ ok: 0, failed: 1 });
    expect(out.metrics.latencyMs.max).toBe(200);
  });

  it("Little's law: meanInFlight·T = completed·S + the part of the in-progress queries inside T", () => {
    // Constant service: the busy area is exactly S per completed query plus, for each query still
    // in service at the end, the part of its service inside the window (between 0 and S).
    for (const servers of [null, 3]) {
      const out = run({
        durationMs: 5000,
        cache: null,
        traffic: [openSource(200)],
        db: { service: constant(12), servers },
      });
      const db = out.metrics.db;
      const area = db.meanInFlight * 5000;
      expect(area).toBeGreaterThanOrEqual(db.completed * 12 - 1e-6);
      expect(area).toBeLessThanOrEqual((db.completed + db.inProgress) * 12 + 1e-6);
      expect(db.meanInFlight).toBeCloseTo((db.completed / 5000) * 12, 2);
    }
  });

  it("Little's law with exponential service: meanInFlight ≈ throughput × mean service", () => {
    const out = run({
      durationMs: 10_000,
      cache: null,
      traffic: [openSource(200)],
      db: { service: { kind: "exponential", meanMs: 50 } },
    });
    const db = out.metrics.db;
    const predicted = (db.completed / 10_000) * 50;
    // area − completed·E[S] = Σ(Sᵢ − E[S]) + edge terms; the sum has σ = √n·E[S] (exponential:
    // σ(S) = E[S]) ≈ √2000·50 ms, i.e. 0.22 on meanInFlight ≈ 10; 4σ.
    expect(Math.abs(db.meanInFlight - predicted)).toBeLessThan(
      (4 * Math.sqrt(db.completed) * 50) / 10_000,
    );
    expect(sum(out.series.dbInFlight) / out.series.dbInFlight.length).toBeCloseTo(
      db.meanInFlight,
      9,
    );
  });
});
