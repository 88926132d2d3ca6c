import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/jsonSchema.js";

// biome-ignore lint/suspicious/noExplicitAny: assertions walk untyped JSON; a wrong step fails the test anyway
type Json = Record<string, any>;

describe("scenarioJsonSchema", () => {
  const schema = scenarioJsonSchema() as Json;

  it("is a plain JSON object schema", () => {
    expect(schema.type).toBe("object");
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toMatch(/json-schema\.org/);
  });

  it("names the top-level properties and which are required", () => {
    expect(Object.keys(schema.properties)).toEqual([
      "name",
      "description",
      "seed",
      "duration",
      "warmup",
      "bucket",
      "traffic",
      "client",
      "app",
      "cache",
      "db",
      "events",
      "strategies",
      "expect",
    ]);
    expect(schema.required).toEqual(["duration", "traffic", "cache", "db", "strategies"]);
  });

  it("rejects additional properties, at the top and inside sections", () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.client.additionalProperties).toBe(false);
    expect(schema.properties.db.additionalProperties).toBe(false);
    expect(schema.properties.db.properties.service.additionalProperties).toBe(false);
    const cacheObject = schema.properties.cache.anyOf.find((o: Json) => o.type === "object");
    expect(cacheObject.additionalProperties).toBe(false);
  });

  it("describes durations as written, with their pattern", () => {
    const duration = schema.properties.duration;
    expect(duration.description).toMatch(/duration/i);
    expect(duration.anyOf).toEqual([
      { type: "number", exclusiveMinimum: 0, maximum: 365 * 24 * 3_600_000 },
      { type: "string", pattern: expect.any(String) },
    ]);
    const pattern = new RegExp(duration.anyOf[1].pattern);
    for (const ok of ["250ms", "1.5s", "5m", "1h"]) expect(pattern.test(ok)).toBe(true);
    for (const bad of ["5 parsecs", "-1s", "10"]) expect(pattern.test(bad)).toBe(false);
  });

  it("publishes the defaults", () => {
    expect(schema.properties.seed.default).toBe(1);
    expect(schema.properties.warmup.default).toBe("0s");
    expect(schema.properties.bucket.default).toBe("1s");
    expect(schema.properties.app.properties.instances.default).toBe(1);
  });

  it("says that a distribution holds exactly one kind", () => {
    const service = schema.properties.db.properties.service;
    expect(Object.keys(service.properties)).toEqual([
      "constant",
      "exponential",
      "uniform",
      "lognormal",
    ]);
    expect(service.oneOf).toEqual([
      { required: ["constant"] },
      { required: ["exponential"] },
      { required: ["uniform"] },
      { required: ["lognormal"] },
    ]);
  });

  it("lists mitigation slots and the metric paths expectations may name", () => {
    const strategy = schema.properties.strategies.additionalProperties.anyOf[0];
    expect(strategy.additionalProperties).toBe(false);
    expect(Object.keys(strategy.properties)).toEqual(
      expect.arrayContaining([
        "ttl",
        "freshness",
        "coalescing",
        "protection",
        "admission",
        "background",
        "writes",
      ]),
    );
    const metrics = schema.properties.expect.additionalProperties;
    expect(metrics.additionalProperties).toBe(false);
    expect(Object.keys(metrics.properties)).toContain("db.peakQps");
  });

  it("describes overrides as merge patches of their sections", () => {
    const strategy = schema.properties.strategies.additionalProperties.anyOf[0];
    const client = strategy.properties.client;
    expect(client.description).toMatch(/Merge Patch/);
    const [patch, removal] = client.anyOf;
    expect(removal).toEqual({ type: "null" });
    expect(patch.additionalProperties).toBe(false);
    expect(patch.required).toBeUndefined();
    expect(patch.properties.retry.anyOf[1]).toEqual({ type: "null" });
    // Lists replace whole, so a traffic override is a full traffic list.
    expect(strategy.properties.traffic.anyOf[0]).toEqual(schema.properties.traffic);
  });
});
