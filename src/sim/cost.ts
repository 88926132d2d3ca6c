import type { SimConfig } from "./config.js";
import { samplerFor } from "./kernel/distributions.js";
import { RateProfile, spikeWindows } from "./model/rateProfile.js";

/**
 * Events a request costs when all goes well: its arrival and its answer. Runs of the scenario
 * library take 3.2 to 26 events per request (cache round trips, retries and loads add more), so
 * a run refused on this estimate would surely have been too big.
 */
export const MIN_EVENTS_PER_REQUEST = 2;

/** A run's size, known before it starts. */
export interface CostEstimate {
  /** Expected requests over the whole run (warmup included); Infinity when time cannot advance. */
  requests: number;
  /** The events the kernel will run if every request goes the quickest way. */
  events: number;
}

/**
 * Expected requests and the least number of events of one run, from its traffic alone: open-loop
 * profiles (stages and spikes) integrated exactly, bursts and cron waves counted, and closed-loop
 * clients cycling no faster than think time plus the quickest answer (a cache or DB round trip).
 * A closed loop with zero think time and zero latency never lets simulated time advance: Infinity.
 */
export function estimateCost(config: SimConfig): CostEstimate {
  const durationMs = config.durationMs;
  let requests = 0;
  for (const source of config.traffic) {
    if (source.load.kind === "open") {
      const spikes = spikeWindows(source.name, config.events);
      const profile = new RateProfile(
        source.load.ratePerSec,
        source.load.stages,
        spikes,
        durationMs,
      );
      requests += profile.expectedArrivals();
    } else {
      const answerMs =
        config.cache === null
          ? samplerFor(config.db.service).meanMs
          : samplerFor(config.cache.latency).meanMs;
      const cycleMs = samplerFor(source.load.think).meanMs + answerMs;
      requests += cycleMs > 0 ? (source.load.clients * durationMs) / cycleMs : Infinity;
    }
  }
  for (const event of config.events) {
    if (event.atMs >= durationMs) continue;
    if (event.kind === "burst") requests += event.requests;
    if (event.kind === "cron") {
      const waves = Math.ceil((durationMs - event.atMs) / event.everyMs);
      requests += event.requests * waves;
    }
  }
  return { requests, events: requests * MIN_EVENTS_PER_REQUEST };
}
