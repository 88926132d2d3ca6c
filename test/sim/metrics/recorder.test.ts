import { describe, expect, it } from "vitest";
import { Recorder } from "../../../src/sim/metrics/recorder.js";

describe("Recorder", () => {
  it("counts requests arriving in [warmup, duration) only; total = ok + failed + shed + inFlight", () => {
    const r = new Recorder(1000, 3000, 1000, 1, true);
    expect(r.requestArrived(999)).toBe(false);
    expect(r.requestArrived(1000)).toBe(true);
    expect(r.requestArrived(2999)).toBe(true);
    expect(r.requestArrived(2500)).toBe(true);
    expect(r.requestArrived(3000)).toBe(false);
    r.requestFinished(true, "ok", 1000, 1100);
    r.requestFinished(true, "shed", 2500, 2500);
    r.requestFinished(false, "failed", 999, 1200); // arrived before the window
    const { metrics, series } = r.finish(0, true);
    expect(metrics.requests).toMatchObject({ total: 3, ok: 1, failed: 0, shed: 1, inFlight: 1 });
    expect(metrics.latencyMs.mean).toBe(50);
    expect(series.t).toEqual([1000, 2000]);
    expect(series.requests).toEqual([1, 2]);
  });

  it("series count every request finishing in the bucket (event time), request metrics only measured ones", () => {
    const r = new Recorder(1000, 3000, 1000, 1, true);
    r.requestFinished(false, "ok", 900, 1100); // arrived in warmup, finished in the window
    r.requestFinished(false, "failed", 500, 999); // finished before the window
    r.requestFinished(true, "ok", 1500, 2100);
    r.requestFinished(true, "failed", 1600, 2200);
    const { metrics, series } = r.finish(0, true);
    expect(metrics.requests).toMatchObject({ ok: 1, failed: 1 });
    expect(series.ok).toEqual([1, 1]);
    expect(series.errors).toEqual([0, 1]);
    expect(series.p99LatencyMs[0]).toBeCloseTo(200, 0);
  });

  it("integrates queries in service per bucket and overall (time average), from the warmup on", () => {
    const r = new Recorder(1000, 3000, 1000, 1, true);
    r.dbInServiceChanged(500, 2); // two in service since before the window
    r.dbInServiceChanged(1500, 1);
    r.dbInServiceChanged(2500, 3);
    const { metrics, series } = r.finish(3, true);
    // Bucket 1000–2000: 2·500 + 1·500 = 1500 → 1.5; 2000–3000: 1·500 + 3·500 → 2.
    expect(series.dbInFlight).toEqual([1.5, 2]);
    expect(metrics.db.meanInFlight).toBe(1.75);
    expect(metrics.db.peakInFlight).toBe(3);
    expect(metrics.db.inProgress).toBe(3);
  });

  it("peakQueue includes a queue carried into the window at the warmup", () => {
    const r = new Recorder(1000, 3000, 1000, 1, true);
    r.dbQueueChanged(500, 7);
    r.dbQueueChanged(1500, 4);
    expect(r.finish(0, true).metrics.db.peakQueue).toBe(7);
    const still = new Recorder(1000, 3000, 1000, 1, true);
    still.dbQueueChanged(500, 3); // unchanged through the whole window
    expect(still.finish(0, true).metrics.db.peakQueue).toBe(3);
    const drained = new Recorder(1000, 3000, 1000, 1, true);
    drained.dbQueueChanged(500, 9);
    drained.dbQueueChanged(800, 0); // empty again before the window
    drained.dbQueueChanged(1500, 2);
    expect(drained.finish(0, true).metrics.db.peakQueue).toBe(2);
  });

  it("scales per-second peaks by the length of a partial last bucket", () => {
    const r = new Recorder(0, 2500, 1000, 1, true);
    for (let i = 0; i < 10; i++) r.dbOffered(100);
    for (let i = 0; i < 8; i++) r.dbOffered(2100); // 8 in 0.5 s = 16/s
    for (let i = 0; i < 3; i++) r.cacheMiss(2200);
    const { metrics, series } = r.finish(0, true);
    expect(series.t).toEqual([0, 1000, 2000]);
    expect(series.dbQps).toEqual([10, 0, 16]);
    expect(metrics.db.peakQps).toBe(16);
    expect(metrics.cache.peakMissesPerSec).toBe(6);
  });

  it("hitRate = hits / (hits + stale + misses), null with no reads or under cache: none", () => {
    const r = new Recorder(0, 1000, 1000, 1, true);
    r.cacheHit(1, false);
    r.cacheHit(2, true);
    r.cacheHit(3, false);
    r.cacheMiss(4);
    const m = r.finish(0, true).metrics.cache;
    expect(m.hitRate).toBe(0.75);
    expect(m.l1Hits).toBe(1);
    expect(new Recorder(0, 1000, 1000, 1, true).finish(0, true).metrics.cache.hitRate).toBeNull();
    const none = new Recorder(0, 1000, 1000, 1, false).finish(0, false).metrics;
    expect(none.cache.hitRate).toBeNull();
    expect(none.db.loadsPerRefresh).toBeNull();
  });

  it("ignores event counters outside the window", () => {
    const r = new Recorder(1000, 2000, 1000, 1, true);
    r.dbOffered(999);
    r.dbAnswered(999, null);
    r.cacheMiss(999);
    r.cacheHit(2000, false);
    r.dbQueueChanged(999, 5);
    r.dbQueueChanged(999.5, 0); // drained before the window
    r.dbOffered(1000);
    r.dbAnswered(1500, "rejected");
    const m = r.finish(0, true).metrics;
    expect([m.db.queries, m.db.completed, m.db.rejected, m.db.peakQueue]).toEqual([1, 0, 1, 0]);
    expect([m.cache.misses, m.cache.hits]).toEqual([0, 0]);
  });
});
