import { describe, expect, it } from "vitest";
import { measureRecovery, triggerWindow } from "../../src/run/recovery.js";
import { runScenario } from "../../src/run/runScenario.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { TimelineEvent } from "../../src/sim/config.js";

/** A series of 1 s buckets from t = 0 with 100 requests started in each and `ok` answered. */
function series(ok: number[]) {
  return { t: ok.map((_, i) => i * 1000), requests: ok.map(() => 100), ok };
}

const trigger = { startMs: 5000, endMs: 8000 };

describe("measureRecovery", () => {
  it("recovers at the first bucket after the trigger from which every 5 s window holds", () => {
    // baseline 100%; trigger 5–8 s; goodput back from bucket 10 (10 s): 2 s after the end.
    const ok = [100, 100, 100, 100, 100, 0, 0, 0, 20, 50, 100, 100, 100, 100, 100, 100, 100];
    expect(measureRecovery({ series: series(ok), trigger, bucketMs: 1000 })).toEqual({
      verdict: "recovered",
      recoveryMs: 2000,
      trigger,
      baselineGoodput: 1,
    });
  });

  it("is 0 when goodput never dropped", () => {
    const ok = Array.from({ length: 15 }, () => 99);
    expect(measureRecovery({ series: series(ok), trigger, bucketMs: 1000 }).recoveryMs).toBe(0);
  });

  it("does not recover when goodput climbs back and falls again (no flapping)", () => {
    const ok = [100, 100, 100, 100, 100, 0, 0, 0, 100, 100, 100, 100, 100, 0, 0, 0, 0, 0, 0];
    expect(measureRecovery({ series: series(ok), trigger, bucketMs: 1000 })).toMatchObject({
      verdict: "did-not-recover",
      recoveryMs: null,
    });
  });

  it("tolerates goodput 5% under the baseline, not more", () => {
    const at = (level: number) => [100, 100, 100, 100, 100, 0, 0, 0, ...Array(8).fill(level)];
    expect(measureRecovery({ series: series(at(95)), trigger, bucketMs: 1000 }).verdict).toBe(
      "recovered",
    );
    expect(measureRecovery({ series: series(at(94)), trigger, bucketMs: 1000 }).verdict).toBe(
      "did-not-recover",
    );
  });

  it("averages over the window, so one bad bucket does not undo a recovery", () => {
    const ok = [100, 100, 100, 100, 100, 0, 0, 0, 100, 100, 100, 80, 100, 100, 100, 100];
    expect(measureRecovery({ series: series(ok), trigger, bucketMs: 1000 }).recoveryMs).toBe(0);
  });

  it("did not recover when the run ends less than a window after the trigger", () => {
    const ok = [100, 100, 100, 100, 100, 0, 0, 0, 100, 100];
    expect(measureRecovery({ series: series(ok), trigger, bucketMs: 1000 }).verdict).toBe(
      "did-not-recover",
    );
  });

  it("is null without a trigger or without measured time before it", () => {
    const ok = Array.from({ length: 15 }, () => 100);
    expect(measureRecovery({ series: series(ok), trigger: null, bucketMs: 1000 })).toMatchObject({
      verdict: "no-trigger",
      recoveryMs: null,
    });
    const early = { startMs: 500, endMs: 2000 };
    expect(measureRecovery({ series: series(ok), trigger: early, bucketMs: 1000 })).toMatchObject({
      verdict: "no-baseline",
      recoveryMs: null,
    });
  });
});

describe("triggerWindow", () => {
  const events: TimelineEvent[] = [
    { atMs: 20_000, kind: "dbSlowdown", factor: 10, forMs: 3000 },
    { atMs: 10_000, kind: "expire", keys: { kind: "all" } },
    { atMs: 30_000, kind: "restart", instances: 4, overMs: 8000, downtimeMs: 500 },
    { atMs: 0, kind: "cron", source: "a", everyMs: 1000, requests: 10, withinMs: 0 },
    { atMs: 99_000, kind: "flush" },
  ];

  it("spans the first trigger's start to the last one's end, ignoring cron and late events", () => {
    // restart: the 4th instance restarts at 30 s + 3·8 s/4 = 36 s and is back 0.5 s later.
    expect(triggerWindow(events, 20, 90_000)).toEqual({ startMs: 10_000, endMs: 36_500 });
  });

  it("is null when only recurring workloads are on the timeline", () => {
    expect(triggerWindow(events.slice(3, 4), 20, 90_000)).toBeNull();
  });
});

describe("recovery of a real metastable failure", () => {
  const loaded = loadScenarioFile("scenarios/metastable-retries.yaml");
  const result = runScenario(loaded, { strategies: ["naive", "budget", "no-retries"] });
  const verdict = (name: string) => result.strategies.find((s) => s.name === name)?.recovery;

  it("naive retries keep the database down after the slowdown ends", () => {
    expect(verdict("naive")).toMatchObject({ verdict: "did-not-recover", recoveryMs: null });
    expect(verdict("naive")?.trigger).toEqual({ startMs: 20_000, endMs: 23_000 });
  });

  it("a retry budget and no retries recover within seconds", () => {
    for (const name of ["budget", "no-retries"]) {
      expect(verdict(name)?.verdict).toBe("recovered");
      expect(verdict(name)?.recoveryMs).toBeLessThan(10_000);
    }
  });
});
