import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SimConfig, StrategyConfig, TimelineEvent } from "../../../src/sim/config.js";
import { type SimOutput, simulate } from "../../../src/sim/simulate.js";
import { baseConfig, type ConfigOverrides, constant, NAIVE, openSource } from "../helpers.js";

/**
 * A small homepage: one hot key read through 8 instances at 2,000/s, 1 ms cache round trip, a
 * 5 s TTL with a stale copy, a slow pooled DB, timeouts and jittered retries. Runs of fresh reads
 * alternate with stampedes at every expiry, so both paths and the switches between them are used.
 */
function hotKey(over: ConfigOverrides = {}): SimConfig {
  return baseConfig({
    durationMs: 30_000,
    warmupMs: 2_000,
    traffic: [openSource(2_000)],
    client: {
      timeoutMs: 1_000,
      retry: {
        attempts: 3,
        backoff: { kind: "exponential", baseMs: 50, capMs: 1_000, jitter: "full" },
        budget: null,
      },
    },
    app: { instances: 8 },
    cache: { latency: constant(1), ttlMs: 5_000, keepStaleMs: 5_000, initial: "warm" },
    db: {
      service: { kind: "lognormal", medianMs: 30, p99Ms: 120 },
      servers: 8,
      queue: { limit: 32, timeoutMs: 500 },
      slowdown: { kind: "linear", perInFlight: 0.02 },
    },
    ...over,
  });
}

function both(config: SimConfig): { skipped: SimOutput; perRequest: SimOutput } {
  return {
    skipped: simulate(config),
    perRequest: simulate(structuredClone(config), { skipAhead: false }),
  };
}

/** The whole result, metrics and series, must be the same to the last bit. */
function expectSameResult(config: SimConfig): { skipped: SimOutput; perRequest: SimOutput } {
  const runs = both(config);
  expect(runs.skipped.metrics).toEqual(runs.perRequest.metrics);
  expect(runs.skipped.series).toEqual(runs.perRequest.series);
  return runs;
}

const STRATEGIES: Record<string, Partial<StrategyConfig>> = {
  naive: {},
  jitter: { ttlJitter: 0.1 },
  "single-flight": { coalescing: { kind: "single-flight" } },
  lock: { coalescing: { kind: "lock", ttlMs: 2_000, pollMs: 20, stale: false } },
  "lock-stale": { coalescing: { kind: "lock", ttlMs: 2_000, pollMs: 20, stale: true } },
  lease: { coalescing: { kind: "lease", tokenEveryMs: 2_000, waitMs: 20, stale: false } },
  swr: { freshness: { kind: "stale-while-revalidate", softMs: 4_000, hardMs: 8_000 } },
  xfetch: { freshness: { kind: "xfetch", beta: 1, background: false } },
  "xfetch-background": { freshness: { kind: "xfetch", beta: 2, background: true } },
  "early-exp-decay": { freshness: { kind: "early-exp-decay", beta: 30 } },
  "early-log-test": { freshness: { kind: "early-log-test", beta: 1 } },
  refresh: { background: { kind: "refresh", keys: { kind: "all" }, everyMs: 4_000 } },
  layered: {
    ttlJitter: 0.1,
    freshness: { kind: "stale-while-revalidate", softMs: 4_000, hardMs: 8_000 },
    coalescing: { kind: "single-flight" },
    protection: {
      kind: "breaker",
      maxConcurrent: 2,
      timeoutMs: 300,
      windowMs: 1_000,
      threshold: 0.5,
      minCalls: 5,
      openForMs: 500,
      probes: 1,
    },
  },
};

describe("FreshReadSkipper", () => {
  describe("skip-ahead over fresh reads gives exactly the per-request result", () => {
    for (const [name, strategy] of Object.entries(STRATEGIES)) {
      it(`under ${name}`, () => {
        const { skipped, perRequest } = expectSameResult(
          hotKey({ strategy: { ...NAIVE, name, ...strategy } }),
        );
        // And it did skip: most reads had no events of their own (early-exp-decay's reads are
        // certain hits only early in a value's life).
        const share = name === "early-exp-decay" ? 0.9 : 0.5;
        expect(skipped.eventsProcessed).toBeLessThan(perRequest.eventsProcessed * share);
      });
    }
  });

  it("is exact across timeline events, stages, spikes, bursts and other sources", () => {
    const events: TimelineEvent[] = [
      { atMs: 3_000, kind: "spike", source: "web", ratePerSec: 6_000, forMs: 1_500 },
      { atMs: 7_200, kind: "expire", keys: { kind: "all" } },
      { atMs: 9_000, kind: "burst", source: "web", requests: 300, withinMs: 0 },
      { atMs: 11_000, kind: "partition", forMs: 400 },
      { atMs: 13_000, kind: "restart", instances: 3, overMs: 600, downtimeMs: 200 },
      { atMs: 15_000, kind: "dbOutage", forMs: 700, mode: "refuse" },
      { atMs: 17_000, kind: "dbSlowdown", factor: 3, forMs: 2_000 },
      { atMs: 19_500, kind: "flush" },
      { atMs: 21_000, kind: "cron", source: "web", everyMs: 3_000, requests: 50, withinMs: 100 },
      { atMs: 24_000, kind: "dbOutage", forMs: 500, mode: "hang" },
      { atMs: 26_000, kind: "warm", keys: { kind: "all" }, overMs: 0 },
    ];
    const source = openSource(1_500, {
      load: {
        kind: "open",
        ratePerSec: 500,
        stages: [
          { durationMs: 5_000, target: 2_500 },
          { durationMs: 10_000, target: 2_500 },
          { durationMs: 5_000, target: 800 },
        ],
      },
    });
    const writer = openSource(2, { name: "editor", writeRatio: 1 });
    const reader = openSource(300, { name: "app" });
    expectSameResult(hotKey({ traffic: [source, writer, reader], events }));
  });

  it("is exact with closed-loop clients, random balancing and a retry budget beside it", () => {
    const clients = openSource(0, {
      name: "clients",
      load: { kind: "closed", clients: 20, think: { kind: "exponential", meanMs: 50 } },
    });
    expectSameResult(
      hotKey({
        traffic: [openSource(2_000), clients],
        app: { instances: 8, balancing: "random" },
        client: {
          timeoutMs: 1_000,
          retry: {
            attempts: 3,
            backoff: { kind: "exponential", baseMs: 50, capMs: 1_000, jitter: "full" },
            budget: { size: 10, ratio: 0.1 },
          },
          throttle: null,
        },
      }),
    );
  });

  it("is exact for any seed, rate and round trip (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 50, max: 3_000 }),
        fc.constantFrom(0.2, 1, 3),
        (seed, ratePerSec, rttMs) => {
          const config = hotKey({
            seed,
            durationMs: 12_000,
            traffic: [openSource(ratePerSec)],
            cache: { latency: constant(rttMs), ttlMs: 3_000, keepStaleMs: 0, initial: "steady" },
          });
          const { skipped, perRequest } = both(config);
          expect(JSON.stringify(skipped.metrics)).toBe(JSON.stringify(perRequest.metrics));
          expect(JSON.stringify(skipped.series)).toBe(JSON.stringify(perRequest.series));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("stands aside where its reasoning does not hold (several keys, varying round trip)", () => {
    for (const over of [
      { traffic: [openSource(2_000, { keys: { count: 2, popularity: "uniform", exponent: 1 } })] },
      { cache: { latency: { kind: "exponential" as const, meanMs: 1 }, initial: "warm" as const } },
    ]) {
      const { skipped, perRequest } = expectSameResult(hotKey(over));
      expect(skipped.eventsProcessed).toBe(perRequest.eventsProcessed);
    }
  });
});
