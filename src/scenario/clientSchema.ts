import { z } from "zod";
import { count, duration, positiveDuration } from "./schemaKit.js";
import { formatMs } from "./units.js";

const backoff = z
  .strictObject({
    kind: z.enum(["none", "fixed", "exponential"]),
    base: duration().optional(),
    cap: duration().optional().meta({ description: "Longest sleep; uncapped when omitted." }),
    jitter: z.enum(["none", "full", "equal", "decorrelated"]).default("none"),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== "none" && value.base === undefined) {
      ctx.addIssue({
        code: "custom",
        input: value,
        message: `a ${value.kind} backoff needs a base sleep (base: 100ms)`,
      });
    }
    if (value.base !== undefined && value.cap !== undefined && value.cap < value.base) {
      ctx.addIssue({
        code: "custom",
        path: ["cap"],
        input: value.cap,
        message: `cap (${formatMs(value.cap)}) must not be below base (${formatMs(value.base)})`,
      });
    }
  });

const budget = z
  .strictObject({
    ratio: z.number().min(0).meta({ description: "Tokens earned per first attempt." }),
    size: z.number().min(1).meta({ description: "Bucket size; starts full; a retry spends 1." }),
  })
  .meta({ description: "Retry budget (token bucket)." });

export const retry = z.strictObject({
  attempts: count(1).meta({ description: "Total attempts, the first included." }),
  backoff: backoff.optional(),
  budget: budget.optional(),
});

const throttle = z
  .strictObject({
    k: z.number().positive().default(2),
    window: positiveDuration().prefault("2m"),
  })
  .meta({
    description:
      "Adaptive throttling: drop with probability max(0, (requests − k·accepts)/(requests + 1)).",
  });

export const client = z
  .strictObject({
    timeout: positiveDuration()
      .optional()
      .meta({ description: "Per-attempt timeout; none when omitted." }),
    retry: retry.optional().meta({ description: "Retry policy; one attempt when omitted." }),
    throttle: throttle.optional(),
  })
  .prefault({});

export const MAX_INSTANCES = 1e5;

const localCache = z.strictObject({
  ttl: positiveDuration(),
  capacity: count(1)
    .optional()
    .meta({ description: "LRU capacity in keys; unbounded when omitted." }),
});

const appDb = z
  .strictObject({ timeout: positiveDuration().optional(), retry: retry.optional() })
  .meta({
    description: "App→DB timeout and retry, for when the app rather than the client retries.",
  });

export const app = z
  .strictObject({
    // Each instance keeps its own tables, caches and breaker; a hundred thousand is already a
    // large fleet.
    instances: count(1, MAX_INSTANCES).default(1),
    balancing: z.enum(["round-robin", "random"]).default("round-robin"),
    localCache: localCache.optional(),
    db: appDb.optional(),
  })
  .prefault({});

export type RetryOutput = z.output<typeof retry>;
