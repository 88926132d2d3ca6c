import { describe, expect, it } from "vitest";
import { type ExecOptions, type Progress, runBatch } from "../../src/exec/executor.js";
import { EVENTS_PER_SLICE } from "../../src/exec/slicedRun.js";
import { RunStopped } from "../../src/exec/stop.js";
import type { SimConfig } from "../../src/sim/config.js";
import { simulate } from "../../src/sim/simulate.js";
import { baseConfig, NAIVE, openSource } from "../sim/helpers.js";

/**
 * Four small runs that differ by seed and strategy name, each a few slices long: without a cache
 * every read is a DB query, so no run of reads can be skipped over in bulk.
 */
const CONFIGS: SimConfig[] = [1, 2, 3, 4].map((seed) =>
  baseConfig({
    seed,
    cache: null,
    durationMs: 30_000,
    traffic: [openSource(4000)],
    strategy: { ...NAIVE, name: `s${seed}` },
  }),
);

function options(over: Partial<ExecOptions> = {}): ExecOptions {
  return {
    jobs: 1,
    maxEventsPerRun: Number.POSITIVE_INFINITY,
    deadlineMs: null,
    now: () => 0,
    ...over,
  };
}

async function stopOf(promise: Promise<unknown>): Promise<RunStopped> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RunStopped);
  return err as RunStopped;
}

// Whole simulations on worker threads: more than vitest's default 5 s on a busy 2-core machine.
// A generous timeout, not a speed check (speed lives in `npm run bench`).
describe("runBatch", { timeout: 60_000 }, () => {
  it("outputs are simulate(config) in batch order, in this thread and on two workers alike", async () => {
    const direct = CONFIGS.map((c) => simulate(c));
    expect(direct[0]?.eventsProcessed).toBeGreaterThan(EVENTS_PER_SLICE);
    const expected = JSON.stringify(direct);
    expect(JSON.stringify(await runBatch(CONFIGS, options()))).toBe(expected);
    expect(JSON.stringify(await runBatch(CONFIGS, options({ jobs: 2 })))).toBe(expected);
    expect(JSON.stringify(await runBatch(CONFIGS, options({ jobs: 8 })))).toBe(expected);
  });

  it("reports progress that never goes back and ends with every simulation done", async () => {
    for (const jobs of [1, 2]) {
      const seen: Progress[] = [];
      await runBatch(CONFIGS, options({ jobs, onProgress: (p) => seen.push(p) }));
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]?.fraction).toBeGreaterThanOrEqual(seen[i - 1]?.fraction ?? 0);
      }
      expect(seen.at(-1)).toEqual({ done: 4, total: 4, fraction: 1 });
      // Slices report the share simulated so far, not only whole runs.
      expect(seen.some((p) => p.fraction > 0 && p.fraction < 0.25)).toBe(true);
    }
  });

  it("a simulation past --max-events stops the batch, naming the strategy and the limit", async () => {
    for (const jobs of [1, 2]) {
      const stop = await stopOf(runBatch(CONFIGS, options({ jobs, maxEventsPerRun: 50_000 })));
      expect(stop.reason).toBe("max-events");
      expect(stop.message).toMatch(/strategy "s\d" \(seed \d\) reached the limit of 50000 events/);
      expect(stop.message).toContain("raise --max-events");
    }
  });

  it("Ctrl-C before the start runs nothing", async () => {
    const signal = AbortSignal.abort();
    const stop = await stopOf(runBatch(CONFIGS, options({ signal })));
    expect(stop.reason).toBe("interrupted");
    expect(stop.message).toBe("interrupted; 0 of 4 simulations had finished");
  });

  it("Ctrl-C during a run stops it at the next slice, in this thread and on workers", async () => {
    for (const jobs of [1, 2]) {
      const interrupt = new AbortController();
      const stop = await stopOf(
        runBatch(
          CONFIGS,
          options({
            jobs,
            onProgress: (p) => {
              if (p.fraction > 0) interrupt.abort();
            },
            signal: interrupt.signal,
          }),
        ),
      );
      expect(stop.reason).toBe("interrupted");
      expect(stop.message).toMatch(/^interrupted; [0-3] of 4 simulations had finished$/);
    }
  });

  it("the wall clock past the deadline stops the batch (--max-wall)", async () => {
    for (const jobs of [1, 2]) {
      // A clock that moves a second per reading: the check before the start passes and the next
      // one (after the first slice, or the pool's first look 100 ms in) is past the deadline.
      let clockMs = 0;
      const now = () => (clockMs += 1000);
      const stop = await stopOf(runBatch(CONFIGS, options({ jobs, now, deadlineMs: 1500 })));
      expect(stop.reason).toBe("max-wall");
      expect(stop.message).toMatch(/^stopped at the --max-wall limit; [0-3] of 4 simulations/);
    }
  });
});
