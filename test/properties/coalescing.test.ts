import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Coalescing } from "../../src/sim/config.js";
import { simulate } from "../../src/sim/simulate.js";
import { simConfig } from "./arbitraries.js";
import { RecordingProbe } from "./recordingProbe.js";

describe("coalescing", () => {
  it("single-flight: at most one load per key per instance at a time", () => {
    let loads = 0;
    fc.assert(
      fc.property(
        simConfig({ coalescing: fc.constant<Coalescing>({ kind: "single-flight" }) }),
        (config) => {
          const probe = new RecordingProbe();
          simulate(config, { probe });
          expect(probe.violations).toEqual([]);
          expect(probe.maxLoadsPerInstanceKey).toBeLessThanOrEqual(1);
          loads += probe.loadsStarted;
        },
      ),
      { seed: 8501, numRuns: 60 },
    );
    expect(loads).toBeGreaterThan(0);
  });

  it("without coalescing, loads of one key do overlap (the probe sees what single-flight prevents)", () => {
    let overlapped = 0;
    fc.assert(
      fc.property(simConfig({ coalescing: fc.constant(null) }), (config) => {
        const probe = new RecordingProbe();
        simulate(config, { probe });
        if (probe.maxLoadsPerInstanceKey > 1) overlapped++;
      }),
      { seed: 8502, numRuns: 30 },
    );
    expect(overlapped).toBeGreaterThan(0);
  });

  it("lock: a held lock admits one loader, its holder, and every load holds the lock", () => {
    let locks = 0;
    const lock = fc.record({
      kind: fc.constant("lock" as const),
      ttlMs: fc.integer({ min: 50, max: 2000 }),
      pollMs: fc.integer({ min: 1, max: 50 }),
      stale: fc.boolean(),
    });
    fc.assert(
      // A flush deletes locks, so a new holder may follow a load still running: left out here.
      fc.property(simConfig({ coalescing: lock, withoutEvents: ["flush"] }), (config) => {
        const probe = new RecordingProbe({ lockStrategy: true });
        simulate(config, { probe });
        expect(probe.violations).toEqual([]);
        locks += probe.locksAcquired;
      }),
      { seed: 8503, numRuns: 60 },
    );
    expect(locks).toBeGreaterThan(0);
  });
});
