import { describe, expect, it } from "vitest";
import type { DbConfig } from "../../../src/sim/config.js";
import { Kernel } from "../../../src/sim/kernel/kernel.js";
import { Recorder } from "../../../src/sim/metrics/recorder.js";
import { Database, type DbError, DbQuery } from "../../../src/sim/model/database.js";
import { constant } from "../helpers.js";

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
    new DbQuery(isWrite, 0.5, 0.5, uFail, (error) =>
      answers.push({ id, atMs: kernel.now, error }),
    );
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
