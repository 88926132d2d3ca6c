import { describe, expect, it } from "vitest";
import type { SimConfig } from "../../../src/sim/config.js";
import type { SimProbe } from "../../../src/sim/probe.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, type ConfigOverrides, openSource } from "../helpers.js";

/** A probe that watches nothing: it only makes the run take the full path for every read. */
const silent: SimProbe = {
  requestStarted: () => {},
  requestEnded: () => {},
  loadStarted: () => {},
  loadEnded: () => {},
  lockAcquired: () => {},
  lockReleased: () => {},
  lockHolderLoads: () => {},
};

/** An M/M/c-like database without a cache: 8 servers at 80 % load, so a queue builds. */
function noCache(over: ConfigOverrides = {}): SimConfig {
  return baseConfig({
    durationMs: 20_000,
    warmupMs: 2_000,
    traffic: [openSource(200)],
    cache: null,
    db: { service: { kind: "exponential", meanMs: 32 }, servers: 8 },
    ...over,
  });
}

/** The short path and the full path must give the same result to the last bit. */
function expectSameResult(config: SimConfig): void {
  const short = simulate(config);
  const full = simulate(structuredClone(config), { probe: silent });
  expect(short.metrics).toEqual(full.metrics);
  expect(short.series).toEqual(full.series);
  expect(short.eventsProcessed).toBe(full.eventsProcessed);
}

describe("PlainReads: the short path of a read under cache: none", () => {
  it("gives the full path's result on a plain M/M/c pool", () => {
    expectSameResult(noCache());
  });

  it("gives it with a bounded queue, queue timeouts, failures and lognormal service", () => {
    expectSameResult(
      noCache({
        traffic: [openSource(400)],
        db: {
          service: { kind: "lognormal", medianMs: 25, p99Ms: 150 },
          servers: 8,
          queue: { limit: 20, timeoutMs: 80 },
          failureRate: 0.05,
          slowdown: { kind: "linear", perInFlight: 0.05 },
        },
      }),
    );
  });

  it("gives it with a bounded queue without wait timeout (queries are reused) and failures", () => {
    expectSameResult(
      noCache({
        traffic: [openSource(450)],
        db: {
          service: { kind: "exponential", meanMs: 20 },
          servers: 8,
          queue: { limit: 10, timeoutMs: null },
          failureRate: 0.1,
        },
        events: [
          { atMs: 5_000, kind: "dbOutage", forMs: 300, mode: "hang" },
          { atMs: 5_300, kind: "dbOutage", forMs: 0, mode: "hang" },
          { atMs: 9_000, kind: "dbOutage", forMs: 200, mode: "refuse" },
        ],
      }),
    );
  });

  it("gives it through outages, slow-downs, bursts and cron", () => {
    expectSameResult(
      noCache({
        events: [
          { atMs: 4_000, kind: "dbOutage", forMs: 1_000, mode: "refuse" },
          { atMs: 8_000, kind: "dbOutage", forMs: 700, mode: "hang" },
          { atMs: 11_000, kind: "dbSlowdown", factor: 3, forMs: 2_000 },
          burst(14_000, 300, 50),
          { atMs: 1_000, kind: "cron", source: "web", everyMs: 5_000, requests: 40, withinMs: 10 },
          { atMs: 16_000, kind: "spike", source: "web", ratePerSec: 600, forMs: 1_000 },
        ],
      }),
    );
  });

  it("gives it with writes among the reads, many keys and random balancing", () => {
    expectSameResult(
      noCache({
        traffic: [
          openSource(200, {
            keys: { count: 50, popularity: "zipf", exponent: 1.1 },
            writeRatio: 0.2,
          }),
        ],
        app: { instances: 3, balancing: "random" },
        db: { service: { kind: "exponential", meanMs: 32 }, servers: 8, failureRate: 0.02 },
      }),
    );
  });

  it("gives it for closed-loop clients", () => {
    expectSameResult(
      noCache({
        traffic: [
          {
            name: "web",
            load: { kind: "closed", clients: 12, think: { kind: "exponential", meanMs: 20 } },
            keys: { count: 5, popularity: "uniform", exponent: 1 },
            writeRatio: 0.1,
          },
        ],
      }),
    );
  });
});
