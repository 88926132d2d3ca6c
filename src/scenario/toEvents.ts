import type { KeySelector, TimelineEvent } from "../sim/config.js";
import type { EventOutput, KeySelectorOutput } from "./eventSchema.js";
import type { ScenarioOutput } from "./schema.js";

export function toKeySelector(selector: KeySelectorOutput): KeySelector {
  if (selector === "all") return { kind: "all" };
  if (Array.isArray(selector)) return { kind: "keys", keys: [...selector] };
  return { kind: "hottest", count: selector.hottest };
}

/** Events in time order; simultaneous ones keep their file order (Array.prototype.sort is stable). */
export function toEvents(scenario: ScenarioOutput): TimelineEvent[] {
  const open = scenario.traffic.filter((s) => s.kind === "open");
  // Validation guarantees a single open source whenever one is left unnamed.
  const source = (named: string | undefined) => named ?? open[0]?.name ?? "";
  return scenario.events.map((event) => toEvent(event, source)).sort((a, b) => a.atMs - b.atMs);
}

function toEvent(event: EventOutput, source: (named: string | undefined) => string): TimelineEvent {
  const atMs = event.at;
  switch (event.kind) {
    case "expire":
      return { atMs, kind: "expire", keys: toKeySelector(event.value) };
    case "flush":
      return { atMs, kind: "flush" };
    case "db":
      return event.value.kind === "outage"
        ? { atMs, kind: "dbOutage", forMs: event.value.forMs, mode: event.value.mode }
        : { atMs, kind: "dbSlowdown", factor: event.value.factor, forMs: event.value.forMs };
    case "spike":
      return {
        atMs,
        kind: "spike",
        source: source(event.value.source),
        ratePerSec: event.value.rate,
        forMs: event.value.for,
      };
    case "burst":
      return {
        atMs,
        kind: "burst",
        source: source(event.value.source),
        requests: event.value.requests,
        withinMs: event.value.within,
      };
    case "partition":
      return { atMs, kind: "partition", forMs: event.value.for };
    case "restart": {
      const { instances } = event.value;
      return {
        atMs,
        kind: "restart",
        instances: Array.isArray(instances) ? [...instances] : instances,
        overMs: event.value.over,
        downtimeMs: event.value.downtime,
      };
    }
    case "cron":
      return {
        atMs,
        kind: "cron",
        source: source(event.value.source),
        everyMs: event.value.every,
        requests: event.value.requests,
        withinMs: event.value.within,
      };
    case "warm":
      return {
        atMs,
        kind: "warm",
        keys: toKeySelector(event.value.keys),
        overMs: event.value.over,
      };
  }
}
