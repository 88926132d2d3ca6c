import { z } from "zod";
import { keySelector } from "./eventSchema.js";
import { anyOf, count, oneOf, positiveDuration, rate } from "./schemaKit.js";
import { formatMs } from "./units.js";

/** The mitigation slots of SPEC §3: a strategy picks at most one choice per slot. */

const ttl = z.strictObject({
  jitter: z
    .number()
    .gt(0)
    .lt(1)
    .meta({ description: "TTL drawn uniformly in ±jitter·ttl per write." }),
});

const staleWhileRevalidate = z
  .strictObject({ soft: positiveDuration(), hard: positiveDuration() })
  .superRefine(({ soft, hard }, ctx) => {
    if (soft >= hard) {
      ctx.addIssue({
        code: "custom",
        path: ["soft"],
        input: soft,
        message: `soft (${formatMs(soft)}) must be shorter than hard (${formatMs(hard)})`,
      });
    }
  });

const beta = () => z.number().positive().default(1);

const freshness = oneOf({
  "stale-while-revalidate": staleWhileRevalidate,
  xfetch: z.strictObject({
    beta: beta(),
    background: z
      .boolean()
      .default(false)
      .meta({ description: "Serve the old value and refresh behind it." }),
  }),
  "early-exp-decay": z.strictObject({ beta: beta() }),
  "early-log-test": z.strictObject({ beta: beta() }),
});

const staleFallback = z
  .boolean()
  .default(false)
  .meta({ description: "Serve a stale value, if any, instead of waiting." });

const coalescingObject = oneOf({
  // `single-flight:` with nothing after it is YAML null; it means the same as `{}`.
  "single-flight": z.strictObject({}).nullable(),
  lock: z.strictObject({ ttl: positiveDuration(), poll: positiveDuration(), stale: staleFallback }),
  lease: z.strictObject({
    tokenEvery: positiveDuration(),
    wait: positiveDuration(),
    stale: staleFallback,
  }),
});

const coalescing = anyOf(
  "single-flight or a mapping with one of single-flight, lock or lease",
  [z.literal("single-flight"), coalescingObject],
  {
    "single-flight": "single-flight",
    lock: "{ lock: { ttl: 5s, poll: 50ms } }",
    lease: "{ lease: { tokenEvery: 10s, wait: 50ms } }",
  },
);

const breaker = z.strictObject({
  maxConcurrent: count(1)
    .optional()
    .meta({ description: "Rebuilds in flight; unlimited when omitted." }),
  timeout: positiveDuration()
    .optional()
    .meta({ description: "Rebuild timeout; none when omitted." }),
  window: positiveDuration().prefault("10s"),
  threshold: z
    .number()
    .min(0)
    .lt(1)
    .default(0.5)
    .meta({ description: "Opens when the failure ratio over window exceeds this." }),
  minCalls: count(1).default(10),
  openFor: positiveDuration().prefault("5s"),
  probes: count(1).default(1),
});

const shed = z
  .strictObject({
    maxConcurrent: count(1).optional(),
    latencyFactor: z.number().min(1).optional(),
    window: positiveDuration().prefault("10s"),
  })
  .superRefine((value, ctx) => {
    if (value.maxConcurrent === undefined && value.latencyFactor === undefined) {
      ctx.addIssue({
        code: "custom",
        input: value,
        message: "shed needs maxConcurrent, latencyFactor or both",
      });
    }
  });

const refresh = z.strictObject({ keys: keySelector, every: positiveDuration() });

const buffer = z.strictObject({
  rate: rate().positive().meta({ description: "Writes drained to the DB per second." }),
});

export const slots = {
  ttl: ttl.optional(),
  freshness: freshness.optional(),
  coalescing: coalescing.optional(),
  protection: oneOf({ breaker }).optional(),
  admission: oneOf({ shed }).optional(),
  background: oneOf({ refresh }).optional(),
  writes: oneOf({ buffer }).optional(),
};

export const SLOT_NAMES = Object.keys(slots) as Array<keyof typeof slots>;
