import { z } from "zod";
import { distribution } from "./distributionSchema.js";
import { anyOf, count, duration, oneOf, positiveDuration, probability } from "./schemaKit.js";

const cacheObject = z.strictObject({
  latency: distribution.prefault({ constant: "1ms" }).meta({
    description: "Round trip of every cache operation; it takes effect at the cache halfway.",
  }),
  ttl: positiveDuration(),
  capacity: count(1)
    .optional()
    .meta({ description: "LRU capacity in keys; unbounded when omitted." }),
  keepStale: duration()
    .prefault("0ms")
    .meta({ description: "How long an expired value stays readable as stale." }),
  initial: z.enum(["cold", "warm", "steady"]).default("cold"),
  onWrite: z.enum(["invalidate", "update"]).default("invalidate"),
});

/** `none` sends every read to the database. */
export const cache = anyOf(
  "none or a mapping with at least ttl",
  [z.literal("none"), cacheObject],
  {
    none: "none",
  },
);

const table = z
  .array(z.tuple([z.number().min(0), z.number().positive()]))
  .min(1)
  .superRefine((points, ctx) => {
    points.forEach(([inFlight], i) => {
      const previous = points[i - 1];
      if (previous !== undefined && inFlight <= previous[0]) {
        ctx.addIssue({
          code: "custom",
          path: [i, 0],
          input: inFlight,
          message: `inFlight values must increase: ${inFlight} follows ${previous[0]}`,
        });
      }
    });
  })
  .meta({
    description: "[inFlight, factor] points, interpolated linearly and clamped at both ends.",
  });

const slowdown = oneOf({
  linear: z.strictObject({ perInFlight: z.number().min(0) }),
  usl: z.strictObject({ contention: z.number().min(0), coherency: z.number().min(0) }),
  table,
});

const queue = z.strictObject({
  limit: count(0)
    .optional()
    .meta({ description: "Waiting queries allowed; unbounded when omitted." }),
  timeout: positiveDuration().optional().meta({ description: "Longest wait; none when omitted." }),
});

export const db = z
  .strictObject({
    service: distribution,
    writeService: distribution.optional().meta({ description: "Defaults to service." }),
    servers: count(1)
      .optional()
      .meta({ description: "Concurrent queries; unlimited when omitted." }),
    queue: queue.optional(),
    slowdown: slowdown.optional(),
    cancelOnTimeout: z.boolean().default(false),
    failureRate: probability().default(0),
  })
  .superRefine((value, ctx) => {
    if (value.queue !== undefined && value.servers === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["queue"],
        input: value.queue,
        message: "db.queue needs db.servers: with unlimited servers no query ever waits",
      });
    }
  });

export type CacheOutput = z.output<typeof cache>;
export type DbOutput = z.output<typeof db>;
