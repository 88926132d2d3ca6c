import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulation, simulate } from "../../src/sim/simulate.js";
import { simConfig } from "./arbitraries.js";
import { RecordingProbe } from "./recordingProbe.js";

/** Same seed ⇒ identical result: the core reads no clock, no Math.random and no shared state. */
describe("determinism", () => {
  it("same config and seed give byte-identical results", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const first = JSON.stringify(simulate(config));
        const second = JSON.stringify(simulate(structuredClone(config)));
        expect(second).toBe(first);
      }),
      { seed: 8101, numRuns: 40 },
    );
  });

  it("watching a run with a probe does not change its result", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const plain = JSON.stringify(simulate(config));
        const probed = JSON.stringify(simulate(config, { probe: new RecordingProbe() }));
        expect(probed).toBe(plain);
      }),
      { seed: 8102, numRuns: 30 },
    );
  });

  it("advancing a run in slices of any size gives the result of one go", () => {
    fc.assert(
      fc.property(simConfig(), fc.integer({ min: 1, max: 500 }), (config, slice) => {
        const whole = JSON.stringify(simulate(config));
        const run = new Simulation(config);
        while (!run.advance(slice)) {
          // keep going, slice by slice
        }
        expect(JSON.stringify(run.finish())).toBe(whole);
      }),
      { seed: 8103, numRuns: 30 },
    );
  });
});
