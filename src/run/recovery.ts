import type { SimConfig, TimelineEvent } from "../sim/config.js";
import type { Series } from "../sim/result.js";

/**
 * Recovery after an incident (the metastability verdict): once the last timeline trigger is
 * over, how long until goodput is back at its pre-trigger level and stays there.
 *
 * Goodput is measured as a ratio, requests answered ok per request started, over windows of
 * buckets, not as ok per second: under k6 stages or a spike the offered load moves by itself,
 * and a per-second level from before the trigger would call a ramp down a collapse and a ramp up
 * a recovery. The ratio asks "is the system answering what it is offered?" whatever the rate.
 */

/** Length of the window goodput is averaged over, so one noisy bucket neither recovers nor fails. */
export const RECOVERY_WINDOW_MS = 5000;
/** Goodput counts as back when it is at least this share of the pre-trigger level. */
export const RECOVERY_TOLERANCE = 0.05;

export type RecoveryVerdict = "recovered" | "did-not-recover" | "no-trigger" | "no-baseline";

export interface TriggerWindow {
  /** When the first trigger starts, ms. */
  startMs: number;
  /** When the last trigger's effect ends, ms. */
  endMs: number;
}

export interface Recovery {
  verdict: RecoveryVerdict;
  /** From the end of the last trigger to the start of the recovered bucket; null unless recovered. */
  recoveryMs: number | null;
  trigger: TriggerWindow | null;
  /** Goodput (ok per request started) over the measured time before the first trigger. */
  baselineGoodput: number | null;
}

/**
 * When a timeline event's disturbance ends, or null when the event is not an incident: cron
 * bursts recur through the whole run (a workload, not a trigger) and `warm` is a remedy.
 */
export function triggerEndMs(event: TimelineEvent, instances: number): number | null {
  switch (event.kind) {
    case "expire":
    case "flush":
      return event.atMs;
    case "dbOutage":
    case "dbSlowdown":
    case "spike":
    case "partition":
      return event.atMs + event.forMs;
    case "burst":
      return event.atMs + event.withinMs;
    case "restart": {
      // The last of k instances restarts at at + (k − 1)·over/k and is back after its downtime.
      const k =
        event.instances === "all"
          ? instances
          : typeof event.instances === "number"
            ? Math.min(event.instances, instances)
            : event.instances.length;
      return event.atMs + (k > 0 ? ((k - 1) * event.overMs) / k : 0) + event.downtimeMs;
    }
    case "cron":
    case "warm":
      return null;
  }
}

/** The span from the first trigger's start to the last one's end, among events inside the run. */
export function triggerWindow(
  events: readonly TimelineEvent[],
  instances: number,
  durationMs: number,
): TriggerWindow | null {
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (event.atMs >= durationMs) continue;
    const end = triggerEndMs(event, instances);
    if (end === null) continue;
    startMs = Math.min(startMs, event.atMs);
    endMs = Math.max(endMs, end);
  }
  return startMs === Number.POSITIVE_INFINITY ? null : { startMs, endMs };
}

/** Goodput over buckets [from, to): ok / requests started, null when nothing started. */
function goodput(series: Pick<Series, "ok" | "requests">, from: number, to: number): number | null {
  let ok = 0;
  let started = 0;
  for (let i = from; i < to; i++) {
    ok += series.ok[i] ?? 0;
    started += series.requests[i] ?? 0;
  }
  return started === 0 ? null : ok / started;
}

export interface RecoveryInput {
  series: Pick<Series, "t" | "ok" | "requests">;
  trigger: TriggerWindow | null;
  bucketMs: number;
}

/**
 * The recovery of one run. The baseline is the goodput of the whole buckets measured before the
 * first trigger starts. The run has recovered at the first bucket starting at or after the last
 * trigger's end from which every window of RECOVERY_WINDOW_MS (rounded up to whole buckets)
 * up to the end of the run has goodput at least (1 − RECOVERY_TOLERANCE) × baseline; a window
 * in which nothing started counts as holding. Requiring every later window, not just one, is
 * what makes the verdict about metastability: a system that climbs out and falls back in has
 * not recovered. A run that ends before one full window after the trigger did not recover.
 */
export function measureRecovery({ series, trigger, bucketMs }: RecoveryInput): Recovery {
  if (trigger === null) {
    return { verdict: "no-trigger", recoveryMs: null, trigger: null, baselineGoodput: null };
  }
  const n = series.t.length;
  let before = 0;
  while (before < n && (series.t[before] ?? 0) + bucketMs <= trigger.startMs) before++;
  const baseline = before === 0 ? null : goodput(series, 0, before);
  if (baseline === null) {
    return { verdict: "no-baseline", recoveryMs: null, trigger, baselineGoodput: null };
  }

  const window = Math.max(1, Math.ceil(RECOVERY_WINDOW_MS / bucketMs));
  const threshold = (1 - RECOVERY_TOLERANCE) * baseline;
  // holdsFrom[s]: every window starting at s or later (up to the last full one) holds.
  const lastStart = n - window;
  const holdsFrom = new Array<boolean>(Math.max(0, lastStart + 2)).fill(true);
  for (let s = lastStart; s >= 0; s--) {
    const g = goodput(series, s, s + window);
    holdsFrom[s] = (g === null || g >= threshold) && (holdsFrom[s + 1] ?? true);
  }
  for (let b = 0; b <= lastStart; b++) {
    const startMs = series.t[b] ?? 0;
    if (startMs < trigger.endMs) continue;
    if (holdsFrom[b]) {
      return {
        verdict: "recovered",
        recoveryMs: startMs - trigger.endMs,
        trigger,
        baselineGoodput: baseline,
      };
    }
  }
  return { verdict: "did-not-recover", recoveryMs: null, trigger, baselineGoodput: baseline };
}

/** The recovery of one run of `config`, from its series. */
export function recoveryOf(config: SimConfig, series: RecoveryInput["series"]): Recovery {
  // Hand-made configs (tests, tools) may leave out what a run without incidents does not need.
  const partial = config as Partial<SimConfig>;
  return measureRecovery({
    series,
    trigger: triggerWindow(
      partial.events ?? [],
      partial.app?.instances ?? 1,
      config.durationMs ?? Number.POSITIVE_INFINITY,
    ),
    bucketMs: config.bucketMs,
  });
}
