import { describe, expect, it } from "vitest";
import { checkCost, DEFAULT_MAX_EVENTS } from "../../src/exec/limits.js";
import { UsageError } from "../../src/run/errors.js";
import { estimateCost, MIN_EVENTS_PER_REQUEST } from "../../src/sim/cost.js";
import { simulate } from "../../src/sim/simulate.js";
import { baseConfig, burst, constant, openSource } from "../sim/helpers.js";

describe("estimateCost", () => {
  it("an open source at a constant rate: rate × duration requests", () => {
    const cost = estimateCost(baseConfig({ durationMs: 60_000, traffic: [openSource(250)] }));
    expect(cost.requests).toBeCloseTo(15_000, 6);
    expect(cost.events).toBeCloseTo(15_000 * MIN_EVENTS_PER_REQUEST, 6);
  });

  it("integrates stages and spikes exactly, and counts bursts and cron waves", () => {
    const ramp = openSource(0, {
      load: { kind: "open", ratePerSec: 0, stages: [{ durationMs: 10_000, target: 100 }] },
    });
    const config = baseConfig({
      durationMs: 20_000,
      traffic: [ramp],
      events: [
        // Replaces 50/s (mean of the ramp's 4–6 s, which is 40..60/s) by 500/s for 2 s.
        { atMs: 4000, kind: "spike", source: "web", ratePerSec: 500, forMs: 2000 },
        burst(1000, 300),
        { atMs: 0, kind: "cron", source: "web", everyMs: 6000, requests: 10, withinMs: 0 },
      ],
    });
    // Ramp 0→100/s over 10 s (500), then 100/s for 10 s (1000); the spike adds 1000 − 100.
    const cronWaves = 4; // at 0, 6, 12 and 18 s
    expect(estimateCost(config).requests).toBeCloseTo(500 + 1000 + 900 + 300 + 10 * cronWaves, 6);
  });

  it("is below the events runs really take on the per-request path", () => {
    for (const config of [
      baseConfig({ traffic: [openSource(500)] }),
      baseConfig({ traffic: [openSource(500)], cache: null }),
      baseConfig({ traffic: [openSource(500)], cache: { latency: constant(1), ttlMs: 50 } }),
    ]) {
      expect(simulate(config, { skipAhead: false }).eventsProcessed).toBeGreaterThanOrEqual(
        estimateCost(config).events,
      );
    }
  });

  it("closed-loop clients with zero think time and zero latency never let time advance: Infinity", () => {
    const config = baseConfig({
      traffic: [{ ...openSource(0), load: { kind: "closed", clients: 3, think: constant(0) } }],
    });
    expect(estimateCost(config).requests).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("checkCost", () => {
  it("refuses 10^12 requests before they start, with the estimate and the flag that allows it", () => {
    const huge = baseConfig({ durationMs: 1e12, traffic: [openSource(1000)] });
    expect(() => checkCost(huge, DEFAULT_MAX_EVENTS, "big: strategy naive")).toThrow(UsageError);
    expect(() => checkCost(huge, DEFAULT_MAX_EVENTS, "big: strategy naive")).toThrow(
      /^big: strategy naive: about 1\.0e12 requests, at least 2\.0e12 events \(\d+ days at about 1\.5e6 events\/s\), past the limit of 2\.0e9 events per run; to run it anyway pass --max-events 4\.0e12$/,
    );
  });

  it("lets a run under the limit through, and the same run past a lower limit is refused", () => {
    const config = baseConfig({ durationMs: 60_000, traffic: [openSource(1000)] });
    expect(() => checkCost(config, DEFAULT_MAX_EVENTS, "x")).not.toThrow();
    expect(() => checkCost(config, 1000, "x")).toThrow(/--max-events 240000/);
  });

  it("refuses a closed loop that could only hang, whatever the limit", () => {
    const config = baseConfig({
      cache: null,
      db: { service: constant(0) },
      traffic: [{ ...openSource(0), load: { kind: "closed", clients: 1, think: constant(0) } }],
    });
    expect(() => checkCost(config, Infinity, "loop")).toThrow(
      /would never let simulated time advance/,
    );
  });
});
