import { z } from "zod";
import { METRIC_PATHS } from "../sim/result.js";
import { app, client } from "./clientSchema.js";
import { events } from "./eventSchema.js";
import { unknownKeysMessage } from "./messages.js";
import { count, duration, name, positiveDuration } from "./schemaKit.js";
import { cache, db } from "./storeSchema.js";
import { slots } from "./strategySchema.js";
import { traffic } from "./trafficSchema.js";

/**
 * The whole scenario file format (SPEC §4). Types, defaults and the published JSON Schema all
 * derive from this one schema.
 */

/** The sections a strategy may override with a JSON Merge Patch (SPEC §8, Overrides). */
export const OVERRIDE_SECTIONS = ["client", "app", "cache", "db", "traffic", "events"] as const;
export type OverrideSection = (typeof OVERRIDE_SECTIONS)[number];

/**
 * An override is only checked once merged onto the scenario, where a bad value can be reported
 * in context; on its own it may be any patch.
 */
const override = (section: OverrideSection) =>
  z
    .unknown()
    .optional()
    .meta({
      description: `Overrides ${section} for this strategy, as a JSON Merge Patch: mappings merge, values and lists replace, null removes.`,
    });

const strategy = z
  .strictObject({
    ...slots,
    ...Object.fromEntries(OVERRIDE_SECTIONS.map((section) => [section, override(section)])),
  } as typeof slots & Record<OverrideSection, ReturnType<typeof override>>)
  .nullable()
  .meta({ description: "Mitigations, one per slot, and overrides of the scenario. {} is naive." });

const bounds = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .superRefine((value, ctx) => {
    if (value.min === undefined && value.max === undefined) {
      ctx.addIssue({ code: "custom", input: value, message: "expected min, max or both" });
    } else if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
      ctx.addIssue({
        code: "custom",
        input: value,
        message: `min (${value.min}) must not exceed max (${value.max})`,
      });
    }
  })
  .meta({ description: "Inclusive bounds on the metric." });

const metricBounds = z.strictObject(
  Object.fromEntries(METRIC_PATHS.map((path) => [path, bounds.optional()])),
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? unknownKeysMessage(issue.keys, METRIC_PATHS, "metric")
        : undefined,
  },
);

export const scenarioSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Defaults to the file name without its extension." }),
    description: z.string().default(""),
    seed: count(0, Number.MAX_SAFE_INTEGER).default(1),
    duration: positiveDuration(),
    warmup: duration().prefault("0s").meta({ description: "Metrics ignore [0, warmup)." }),
    bucket: positiveDuration().prefault("1s").meta({ description: "Time-series resolution." }),
    traffic,
    client,
    app,
    cache,
    db,
    events,
    strategies: z.record(name("strategy"), strategy).superRefine((value, ctx) => {
      if (Object.keys(value).length === 0) {
        ctx.addIssue({
          code: "custom",
          input: value,
          message: "expected at least one strategy, such as naive: {}",
        });
      }
    }),
    expect: z
      .record(z.string(), metricBounds)
      .default({})
      .meta({ description: "Per strategy, bounds on metrics; checked by --check." }),
  })
  .meta({
    title: "stampede-sim scenario",
    description: "A situation to simulate once per strategy (SPEC §4).",
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioOutput = z.output<typeof scenarioSchema>;
export type StrategyOutput = NonNullable<ScenarioOutput["strategies"][string]>;
