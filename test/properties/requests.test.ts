import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sim/simulate.js";
import { simConfig } from "./arbitraries.js";
import { RecordingProbe } from "./recordingProbe.js";

/*
 * With no warmup every request is measured, so the probe's own count of what happened must match
 * the metrics exactly.
 */
describe("requests", () => {
  it("every request ends exactly once, or is counted in flight at the end", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const probe = new RecordingProbe();
        const r = simulate(config, { probe }).metrics.requests;
        expect(probe.violations).toEqual([]);
        expect(probe.started.size).toBe(r.total);
        expect(probe.ended.size).toBe(r.ok + r.failed + r.shed);
        expect(probe.started.size - probe.ended.size).toBe(r.inFlight);
        const outcomes = { ok: 0, failed: 0, shed: 0 } as Record<string, number>;
        for (const outcome of probe.ended.values())
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        expect(outcomes).toEqual({ ok: r.ok, failed: r.failed, shed: r.shed });
      }),
      { seed: 8201, numRuns: 60 },
    );
  });

  it("with a client timeout, every request ends within its attempts' timeouts and backoffs", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        simConfig().filter((config) => config.client.timeoutMs !== null),
        (config) => {
          const probe = new RecordingProbe();
          simulate(config, { probe });
          const { attempts, backoff } = config.client.retry;
          const longestSleepMs =
            backoff.kind === "none" ? 0 : backoff.kind === "fixed" ? backoff.baseMs : backoff.capMs;
          const boundMs =
            attempts * (config.client.timeoutMs as number) + (attempts - 1) * longestSleepMs;
          const late: number[] = [];
          for (const [request, startedMs] of probe.started) {
            if (startedMs + boundMs < config.durationMs && !probe.ended.has(request))
              late.push(startedMs);
          }
          expect(late).toEqual([]);
          checked += probe.started.size;
        },
      ),
      { seed: 8203, numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(0);
  });

  it("total = ok + failed + shed + inFlight, and retries = attempts − total", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const { requests: r, db } = simulate(config).metrics;
        expect(r.total).toBe(r.ok + r.failed + r.shed + r.inFlight);
        expect(r.retries).toBe(r.attempts - r.total);
        expect(r.inFlight).toBeGreaterThanOrEqual(0);
        // Every query offered is answered one way or another, or still in progress at the end.
        expect(
          db.completed + db.failed + db.rejected + db.queueTimedOut + db.cancelled + db.inProgress,
        ).toBe(db.queries);
      }),
      { seed: 8202, numRuns: 60 },
    );
  });
});
