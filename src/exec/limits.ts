import { UsageError } from "../run/errors.js";
import type { SimConfig } from "../sim/config.js";
import { estimateCost } from "../sim/cost.js";

/** Events one simulation may run unless `--max-events` says otherwise: tens of minutes of work. */
export const DEFAULT_MAX_EVENTS = 2e9;

/** A rough speed, for telling a user what a refused run would have cost them. */
const NOMINAL_EVENTS_PER_SEC = 1.5e6;

/** A number as --max-events reads it back: no thousands separators. */
function flagValue(n: number): string {
  return n < 1e6 ? String(Math.round(n)) : n.toExponential(1).replace("e+", "e");
}

/** A number for reading: separators below a million, 1.5e6 style above. */
function compact(n: number): string {
  if (!Number.isFinite(n)) return "unbounded";
  return n < 1e6 ? Math.round(n).toLocaleString("en-US") : flagValue(n);
}

function roughDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "forever";
  if (seconds < 120) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400).toLocaleString("en-US")} days`;
}

/**
 * Refuses, before anything runs, a simulation whose least cost is past the event limit: the
 * message gives the estimate and the flag that allows it. A closed loop whose clients never let
 * time advance is refused whatever the limit, since it could only hang.
 */
export function checkCost(config: SimConfig, maxEventsPerRun: number, label: string): void {
  const { requests, events } = estimateCost(config);
  if (!Number.isFinite(requests)) {
    throw new UsageError(
      `${label}: closed-loop clients with zero think time and zero latency would never let simulated time advance; give them a think time or a latency`,
    );
  }
  if (events <= maxEventsPerRun) return;
  const suggestion = Number(events.toPrecision(2)) * 2;
  throw new UsageError(
    `${label}: about ${compact(requests)} requests, at least ${compact(events)} events ` +
      `(${roughDuration(events / NOMINAL_EVENTS_PER_SEC)} at about ${compact(NOMINAL_EVENTS_PER_SEC)} events/s), ` +
      `past the limit of ${compact(maxEventsPerRun)} events per run; ` +
      `to run it anyway pass --max-events ${flagValue(suggestion)}`,
  );
}
