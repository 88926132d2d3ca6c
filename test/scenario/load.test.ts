import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { SimConfig } from "../../src/sim/config.js";
import { load, MINIMAL, problemsOf } from "./helpers.js";

const FULL = fileURLToPath(new URL("fixtures/full.yaml", import.meta.url));

describe("a full scenario", () => {
  const scenario = loadScenarioFile(FULL);

  it("exposes the scenario header", () => {
    expect(scenario).toMatchObject({
      file: FULL,
      name: "homepage",
      description: "The homepage key (60 s TTL) expires under 10,000 requests per second.",
      seed: 42,
      durationMs: 180_000,
      warmupMs: 10_000,
      bucketMs: 500,
    });
  });

  it("lists strategies in file order", () => {
    expect(scenario.strategyNames).toEqual([
      "naive",
      "jitter",
      "single-flight",
      "lock",
      "lease",
      "swr",
      "xfetch",
      "layered",
      "no-retry",
      "more-traffic",
    ]);
  });

  it("keeps expectations by strategy and metric path", () => {
    expect(scenario.expect).toEqual({
      "single-flight": { "db.peakQps": { max: 40 } },
      naive: { "db.peakQps": { min: 1000 }, "db.loadsPerRefresh.mean": { min: 1, max: 1000 } },
    });
  });

  it("converts every section to the simulator's config", () => {
    const config = scenario.configFor("naive");
    expect(config.traffic).toEqual([
      {
        name: "visitors",
        load: {
          kind: "open",
          ratePerSec: 2000,
          stages: [
            { durationMs: 60_000, target: 2000 },
            { durationMs: 5000, target: 10_000 },
          ],
        },
        keys: { count: 1000, popularity: "zipf", exponent: 0.99 },
        writeRatio: 0.01,
      },
      {
        name: "workers",
        load: { kind: "closed", clients: 50, think: { kind: "uniform", minMs: 10, maxMs: 1000 } },
        keys: { count: 1, popularity: "uniform", exponent: 1 },
        writeRatio: 0,
      },
    ]);
    expect(config.client).toEqual({
      timeoutMs: 2000,
      retry: {
        attempts: 3,
        backoff: { kind: "exponential", baseMs: 100, capMs: 5000, jitter: "full" },
        budget: { ratio: 0.1, size: 10 },
      },
      throttle: { k: 2, windowMs: 120_000 },
    });
    expect(config.app).toEqual({
      instances: 20,
      balancing: "random",
      localCache: { ttlMs: 1500, capacity: 100 },
      db: {
        timeoutMs: 1000,
        retry: {
          attempts: 1,
          backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none" },
          budget: null,
        },
      },
    });
    expect(config.cache).toEqual({
      latency: { kind: "exponential", meanMs: 0.5 },
      ttlMs: 60_000,
      capacity: 500,
      keepStaleMs: 120_000,
      initial: "steady",
      onWrite: "update",
    });
    expect(config.db).toEqual({
      service: { kind: "lognormal", medianMs: 200, p99Ms: 600 },
      writeService: { kind: "constant", valueMs: 50 },
      servers: 500,
      queue: { limit: 5000, timeoutMs: 5000 },
      slowdown: {
        kind: "table",
        points: [
          [1, 1],
          [100, 1.5],
          [400, 4],
        ],
      },
      cancelOnTimeout: true,
      failureRate: 0.001,
    });
    expect(config.strategy).toEqual({
      name: "naive",
      ttlJitter: null,
      freshness: null,
      coalescing: null,
      protection: null,
      admission: null,
      background: null,
      writes: null,
    });
  });

  it("sorts events by time, keeping file order for ties, and resolves sources", () => {
    const events = scenario.configFor("naive").events;
    expect(events.map((e) => [e.atMs, e.kind])).toEqual([
      [0, "flush"],
      [30_000, "spike"],
      [30_000, "burst"],
      [45_000, "partition"],
      [50_000, "restart"],
      [60_000, "expire"],
      [90_000, "dbSlowdown"],
      [100_000, "cron"],
      [110_000, "warm"],
      [115_000, "expire"],
      [116_000, "dbOutage"],
      [120_000, "dbOutage"],
    ]);
    expect(events).toContainEqual({
      atMs: 30_000,
      kind: "burst",
      source: "visitors",
      requests: 10_000,
      withinMs: 50,
    });
    expect(events).toContainEqual({
      atMs: 50_000,
      kind: "restart",
      instances: [0, 3],
      overMs: 30_000,
      downtimeMs: 2000,
    });
    expect(events).toContainEqual({
      atMs: 100_000,
      kind: "cron",
      source: "visitors",
      everyMs: 60_000,
      requests: 500,
      withinMs: 0,
    });
    expect(events).toContainEqual({
      atMs: 110_000,
      kind: "warm",
      keys: { kind: "hottest", count: 10 },
      overMs: 5000,
    });
    expect(events).toContainEqual({
      atMs: 115_000,
      kind: "expire",
      keys: { kind: "keys", keys: ["k0", "k7"] },
    });
    expect(events).toContainEqual({
      atMs: 120_000,
      kind: "dbOutage",
      forMs: 10_000,
      mode: "refuse",
    });
    expect(events).toContainEqual({ atMs: 116_000, kind: "dbOutage", forMs: 1000, mode: "hang" });
    expect(events).toContainEqual({ atMs: 90_000, kind: "dbSlowdown", factor: 20, forMs: 10_000 });
  });

  it("converts every mitigation", () => {
    expect(scenario.configFor("layered").strategy).toEqual({
      name: "layered",
      ttlJitter: 0.1,
      freshness: { kind: "stale-while-revalidate", softMs: 55_000, hardMs: 120_000 },
      coalescing: { kind: "single-flight" },
      protection: {
        kind: "breaker",
        maxConcurrent: 5,
        timeoutMs: 2000,
        windowMs: 10_000,
        threshold: 0.5,
        minCalls: 10,
        openForMs: 5000,
        probes: 1,
      },
      admission: { kind: "shed", maxConcurrent: null, latencyFactor: 3, windowMs: 10_000 },
      background: { kind: "refresh", keys: { kind: "hottest", count: 10 }, everyMs: 30_000 },
      writes: { kind: "buffer", ratePerSec: 100 },
    });
    expect(scenario.configFor("lock").strategy.coalescing).toEqual({
      kind: "lock",
      ttlMs: 5000,
      pollMs: 50,
      stale: false,
    });
    expect(scenario.configFor("lease").strategy.coalescing).toEqual({
      kind: "lease",
      tokenEveryMs: 10_000,
      waitMs: 20,
      stale: true,
    });
    expect(scenario.configFor("xfetch").strategy.freshness).toEqual({
      kind: "xfetch",
      beta: 1.5,
      background: true,
    });
    expect(scenario.configFor("jitter").strategy.ttlJitter).toBe(0.1);
  });

  it("applies a strategy's overrides to its config only", () => {
    const noRetry = scenario.configFor("no-retry");
    expect(noRetry.client.retry.attempts).toBe(1);
    expect(noRetry.client.timeoutMs).toBe(1000);
    expect(noRetry.client.throttle).toEqual({ k: 2, windowMs: 120_000 });
    expect(noRetry.db.service).toEqual({ kind: "constant", valueMs: 5 });
    expect(noRetry.db.slowdown).toEqual({ kind: "none" });
    expect(noRetry.db.servers).toBe(500);
    expect(scenario.configFor("naive").client.retry.attempts).toBe(3);
  });

  it("says which strategies change the traffic", () => {
    expect(scenario.trafficOverridden("more-traffic")).toBe(true);
    expect(scenario.trafficOverridden("no-retry")).toBe(false);
    expect(scenario.trafficOverridden("naive")).toBe(false);
    expect(scenario.configFor("more-traffic").traffic).toHaveLength(1);
  });

  it("replaces the seed when asked, and hands out copies", () => {
    expect(scenario.configFor("naive").seed).toBe(42);
    expect(scenario.configFor("naive", 7).seed).toBe(7);
    const first = scenario.configFor("naive");
    first.traffic.length = 0;
    expect(scenario.configFor("naive").traffic).toHaveLength(2);
  });

  it("refuses an unknown strategy with a ScenarioError", () => {
    expect(() => scenario.configFor("nope")).toThrow(ScenarioError);
    expect(() => scenario.configFor("nope")).toThrow(/unknown strategy "nope"/);
  });
});

describe("file encodings", () => {
  it("reads CRLF line endings and a byte-order mark", () => {
    const text = `\uFEFF${MINIMAL.replaceAll("\n", "\r\n")}`;
    expect(load(text).configFor("naive").cache?.ttlMs).toBe(10_000);
  });

  it("keeps line numbers right with CRLF", () => {
    const text = MINIMAL.replace("ttl: 10s", "ttl: soon").replaceAll("\n", "\r\n");
    expect(problemsOf(text)).toEqual([
      's.yaml:5:15: expected a duration such as 250ms, 60s, 5m or 1h, got "soon"',
    ]);
  });
});

describe("defaults", () => {
  it("fill in everything the minimal scenario leaves out", () => {
    const scenario = load(MINIMAL);
    expect(scenario).toMatchObject({
      name: "s",
      description: "",
      seed: 1,
      durationMs: 60_000,
      warmupMs: 0,
      bucketMs: 1000,
      strategyNames: ["naive"],
      expect: {},
    });
    const expected: SimConfig = {
      name: "s",
      seed: 1,
      durationMs: 60_000,
      warmupMs: 0,
      bucketMs: 1000,
      traffic: [
        {
          name: "web",
          load: { kind: "open", ratePerSec: 100, stages: [] },
          keys: { count: 1, popularity: "uniform", exponent: 1 },
          writeRatio: 0,
        },
      ],
      client: {
        timeoutMs: null,
        retry: {
          attempts: 1,
          backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none" },
          budget: null,
        },
        throttle: null,
      },
      app: { instances: 1, balancing: "round-robin", localCache: null, db: null },
      cache: {
        latency: { kind: "constant", valueMs: 1 },
        ttlMs: 10_000,
        capacity: null,
        keepStaleMs: 0,
        initial: "cold",
        onWrite: "invalidate",
      },
      db: {
        service: { kind: "constant", valueMs: 5 },
        writeService: { kind: "constant", valueMs: 5 },
        servers: null,
        queue: { limit: null, timeoutMs: null },
        slowdown: { kind: "none" },
        cancelOnTimeout: false,
        failureRate: 0,
      },
      events: [],
      strategy: {
        name: "naive",
        ttlJitter: null,
        freshness: null,
        coalescing: null,
        protection: null,
        admission: null,
        background: null,
        writes: null,
      },
    };
    expect(scenario.configFor("naive")).toEqual(expected);
  });

  it("fill in options inside sections and mitigations", () => {
    const scenario = load(`${MINIMAL}  x:
    freshness: { xfetch: {} }
    coalescing: { lock: { ttl: 1s, poll: 10ms } }
    protection: { breaker: {} }
    admission: { shed: { maxConcurrent: 5 } }
  sf:
    coalescing: { single-flight: }
  nocache: { cache: none }
client:
  retry: { attempts: 2, backoff: { kind: exponential, base: 10ms } }
  throttle: {}
events:
  - { at: 1s, db: { outage: 1s } }
  - { at: 2s, restart: {} }
  - { at: 3s, burst: { requests: 10 } }
  - { at: 4s, warm: {} }
`);
    const config = scenario.configFor("x");
    expect(config.client.retry.backoff).toEqual({
      kind: "exponential",
      baseMs: 10,
      capMs: Number.POSITIVE_INFINITY,
      jitter: "none",
    });
    expect(config.client.throttle).toEqual({ k: 2, windowMs: 120_000 });
    expect(scenario.configFor("nocache").cache).toBeNull();
    expect(config.events).toEqual([
      { atMs: 1000, kind: "dbOutage", forMs: 1000, mode: "refuse" },
      { atMs: 2000, kind: "restart", instances: "all", overMs: 0, downtimeMs: 0 },
      { atMs: 3000, kind: "burst", source: "web", requests: 10, withinMs: 0 },
      { atMs: 4000, kind: "warm", keys: { kind: "all" }, overMs: 0 },
    ]);
    expect(config.strategy.freshness).toEqual({ kind: "xfetch", beta: 1, background: false });
    expect(config.strategy.protection).toEqual({
      kind: "breaker",
      maxConcurrent: null,
      timeoutMs: null,
      windowMs: 10_000,
      threshold: 0.5,
      minCalls: 10,
      openForMs: 5000,
      probes: 1,
    });
    expect(config.strategy.admission).toEqual({
      kind: "shed",
      maxConcurrent: 5,
      latencyFactor: null,
      windowMs: 10_000,
    });
    expect(scenario.configFor("sf").strategy.coalescing).toEqual({ kind: "single-flight" });
  });

  it("accept a strategy written with no value as naive", () => {
    const scenario = load(MINIMAL.replace("naive: {}", "naive:"));
    expect(scenario.configFor("naive").strategy.coalescing).toBeNull();
  });
});
