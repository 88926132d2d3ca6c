import { describe, expect, it } from "vitest";
import { deepEqual, fromPatch, mergePatch } from "../../src/scenario/mergePatch.js";
import { load, MINIMAL } from "./helpers.js";

describe("mergePatch (RFC 7396)", () => {
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [
      ["a", "b"],
      ["c", "d"],
      ["c", "d"],
    ],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("merges %j with %j into %j", (target, patch, result) => {
    expect(mergePatch(target, patch)).toEqual(result);
  });

  it("does not modify its inputs", () => {
    const target = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    mergePatch(target, patch);
    expect(target).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  it("keeps a __proto__ key as data", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}');
    const merged = mergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("replaces a one-of mapping when the patch picks another variant", () => {
    const service = { lognormal: { median: "1ms", p99: "5ms" } };
    expect(mergePatch(service, { constant: "5ms" }, ["db", "service"])).toEqual({
      constant: "5ms",
    });
    expect(mergePatch(service, { lognormal: { p99: "9ms" } }, ["db", "service"])).toEqual({
      lognormal: { median: "1ms", p99: "9ms" },
    });
    // Elsewhere, plain RFC 7396.
    expect(mergePatch({ a: 1 }, { b: 2 }, ["client"])).toEqual({ a: 1, b: 2 });
  });
});

describe("fromPatch", () => {
  const target = { timeout: "1s", retry: { attempts: 3 } };
  const patch = { retry: { backoff: { kind: "fixed" } } };

  it("tells values the patch set from values kept from the target", () => {
    expect(fromPatch(target, patch, ["client"], ["retry", "backoff", "kind"])).toBe(true);
    expect(fromPatch(target, patch, ["client"], ["retry", "attempts"])).toBe(false);
    expect(fromPatch(target, patch, ["client"], ["timeout"])).toBe(false);
    expect(fromPatch(target, patch, ["client"], ["retry"])).toBe(true);
  });

  it("counts everything under a replaced value as the patch's", () => {
    expect(fromPatch({ a: [1, 2] }, { a: [3] }, [], ["a", 0])).toBe(true);
    expect(fromPatch("none", { ttl: 1 }, ["cache"], ["latency"])).toBe(true);
  });
});

describe("deepEqual", () => {
  it("compares plain data", () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe("strategy overrides", () => {
  const scenario =
    load(`${MINIMAL.replace("cache: { ttl: 10s }", "cache: { ttl: 10s, initial: warm }")}  one-attempt:
    client: { retry: null }
  longer-timeout:
    client: { timeout: 5s }
  no-events:
    events: []
  other-events:
    events: [{ at: 5s, flush: cache }]
  warm-off:
    cache: { initial: null, capacity: 10 }
  no-cache:
    cache: none
client:
  timeout: 1s
  retry: { attempts: 3, backoff: { kind: fixed, base: 10ms } }
events:
  - { at: 1s, expire: all }
  - { at: 2s, expire: all }
`);

  it("remove a key with null, so no retry section means one attempt", () => {
    const client = scenario.configFor("one-attempt").client;
    expect(client.retry.attempts).toBe(1);
    expect(client.retry.backoff.kind).toBe("none");
    expect(client.timeoutMs).toBe(1000);
  });

  it("merge mappings, keeping what they do not mention", () => {
    const client = scenario.configFor("longer-timeout").client;
    expect(client.timeoutMs).toBe(5000);
    expect(client.retry.attempts).toBe(3);
  });

  it("replace lists whole", () => {
    expect(scenario.configFor("no-events").events).toEqual([]);
    expect(scenario.configFor("other-events").events).toEqual([{ atMs: 5000, kind: "flush" }]);
    expect(scenario.configFor("naive").events).toHaveLength(2);
  });

  it("bring back a default when a key is removed", () => {
    expect(scenario.configFor("warm-off").cache).toMatchObject({ initial: "cold", capacity: 10 });
    expect(scenario.configFor("naive").cache).toMatchObject({ initial: "warm", capacity: null });
  });

  it("replace a mapping with a value", () => {
    expect(scenario.configFor("no-cache").cache).toBeNull();
  });

  it("leave the other strategies alone", () => {
    expect(scenario.configFor("naive").client.retry.attempts).toBe(3);
    expect(scenario.trafficOverridden("no-events")).toBe(false);
  });

  it("count as changing traffic only when the traffic differs", () => {
    const same = load(
      `${MINIMAL}  same:\n    traffic: [{ name: web, open: { rate: 100 } }]\n  more:\n    traffic: [{ name: web, open: { rate: 200 } }]\n`,
    );
    expect(same.trafficOverridden("same")).toBe(false);
    expect(same.trafficOverridden("more")).toBe(true);
    expect(same.configFor("more").traffic[0]?.load).toEqual({
      kind: "open",
      ratePerSec: 200,
      stages: [],
    });
  });
});
