import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/sim/simulate.js";
import { simConfig } from "./arbitraries.js";
import { RecordingProbe } from "./recordingProbe.js";

describe("simulated time", () => {
  it("never goes backwards, event by event, and ends at the run's duration", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const probe = new RecordingProbe();
        const run = new Simulation(config, { probe });
        let previousMs = run.nowMs;
        let backwards = 0;
        for (let done = false; !done; ) {
          done = run.advance(1);
          if (run.nowMs < previousMs) backwards++;
          previousMs = run.nowMs;
        }
        expect(backwards).toBe(0);
        expect(run.nowMs).toBe(config.durationMs);
        // The model's own calls (requests, loads, locks) come in time order too.
        expect(probe.violations).toEqual([]);
      }),
      { seed: 8301, numRuns: 40 },
    );
  });
});
