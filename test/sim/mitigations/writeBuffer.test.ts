import { describe, expect, it } from "vitest";
import type { SimConfig } from "../../../src/sim/config.js";
import { Kernel } from "../../../src/sim/kernel/kernel.js";
import { WriteQueue } from "../../../src/sim/mitigations/writeBuffer.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource } from "../helpers.js";
import { dbQueriesPerBucket } from "./support.js";

describe("write buffer", () => {
  it("drains in order, one item per 1/rate, starting at once when idle", () => {
    const kernel = new Kernel();
    const drained: Array<[number, string]> = [];
    const queue = new WriteQueue<string>(kernel, { kind: "buffer", ratePerSec: 10 }, (item) =>
      drained.push([kernel.now, item]),
    );
    kernel.at(0, () => {
      for (const item of ["a", "b", "c"]) queue.enqueue(item);
      expect(queue.length).toBe(3);
    });
    kernel.at(150, () => queue.enqueue("d")); // behind c: at 300
    kernel.at(1000, () => queue.enqueue("e")); // idle long enough: at once
    kernel.at(1050, () => queue.enqueue("f")); // but not sooner than 1/rate after e
    kernel.run(2000);
    expect(drained).toEqual([
      [0, "a"],
      [100, "b"],
      [200, "c"],
      [300, "d"],
      [1000, "e"],
      [1100, "f"],
    ]);
    expect(queue.length).toBe(0);
  });

  // Writes only, 400/s on 20 keys; the buffer drains 40/s.
  const writes = (buffered: boolean): SimConfig =>
    baseConfig({
      durationMs: 3000,
      bucketMs: 250,
      traffic: [
        openSource(400, { writeRatio: 1, keys: { count: 20, popularity: "uniform", exponent: 1 } }),
      ],
      db: { writeService: constant(50) },
      strategy: { writes: buffered ? { kind: "buffer", ratePerSec: 40 } : null },
    });

  it("buffer: the DB never receives buffered writes faster than rate", () => {
    const config = writes(true);
    const out = simulate(config);
    // 40/s is one write per 25 ms: exactly 10 per 250 ms bucket once the queue is non-empty.
    expect(dbQueriesPerBucket(out, config).every((n) => n <= 10)).toBe(true);
    expect(out.metrics.db.peakQps).toBeLessThanOrEqual(40 + 1e-9);
    expect(out.metrics.db.queries).toBeGreaterThanOrEqual(119); // drained at full rate throughout
    expect(simulate(writes(false)).metrics.db.peakQps).toBeGreaterThan(300);
  });

  it("writes are acknowledged at once, not after the DB write", () => {
    const buffered = simulate(writes(true)).metrics;
    expect(buffered.requests.ok).toBe(buffered.requests.total);
    expect(buffered.latencyMs.max).toBe(0);
    const direct = simulate(writes(false)).metrics;
    expect(direct.latencyMs.p50).toBeGreaterThanOrEqual(50);
  });

  it("a key is invalidated when its write reaches the DB, not when it is queued", () => {
    // A warm hot key read 100/s; 3 writes to it queued together at 1 s, drained 1/s: the cached
    // value is invalidated at ~1, 2 and 3 s (each after its 10 ms DB write), not all at 1 s.
    const config = baseConfig({
      durationMs: 4000,
      traffic: [openSource(100), openSource(0, { name: "writer", writeRatio: 1 })],
      cache: { initial: "warm" },
      events: [burst(1000, 3, 0, "writer")],
      strategy: { writes: { kind: "buffer", ratePerSec: 1 } },
    });
    const misses = simulate(config).series.cacheMisses;
    expect(misses[0]).toBe(0);
    for (const b of [1, 2, 3]) expect(misses[b]).toBeGreaterThan(0);
    // Unbuffered, all three writes hit the DB at 1 s: misses only in that second.
    const direct = simulate({ ...config, strategy: { ...config.strategy, writes: null } });
    expect(direct.series.cacheMisses.map((m) => m > 0)).toEqual([false, true, false, false]);
  });
});
