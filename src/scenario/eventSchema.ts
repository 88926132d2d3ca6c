import { z } from "zod";
import { alternatives, describeValue } from "./describe.js";
import { anyOf, count, duration, name, oneOf, positiveDuration, rate } from "./schemaKit.js";

/** A burst's or a cron tick's arrival times are drawn all at once, eight bytes each. */
export const MAX_BURST_REQUESTS = 1e7;

const keyName = z.string().regex(/^k(?:0|[1-9]\d*)$/, {
  error: (issue) => `keys are named k0, k1, …, got ${describeValue(issue.input)}`,
});

/** `all`, a list of key names, or `{ hottest: N }` (the N most popular keys). */
export const keySelector = anyOf("all, a list of keys such as [k0, k1] or { hottest: N }", [
  z.literal("all"),
  z.array(keyName).min(1),
  z.strictObject({ hottest: count(1) }),
]);

/**
 * `{ outage, mode }` or `{ slowdown, for }`. One object with cross-checks rather than a union, so a
 * bad value inside either form gets its own message.
 */
const dbEvent = z
  .strictObject({
    outage: positiveDuration().optional().meta({ description: "Outage length." }),
    mode: z
      .enum(["refuse", "hang"])
      .optional()
      .meta({ description: "refuse (default): fail fast; hang: no answer until it ends." }),
    slowdown: z
      .number()
      .positive()
      .optional()
      .meta({ description: "Factor applied to every query started in the window." }),
    for: positiveDuration().optional(),
  })
  .superRefine((value, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", input: value, message });
    const outage = value.outage !== undefined;
    const slowdown = value.slowdown !== undefined;
    if (outage === slowdown) {
      issue(
        outage
          ? "expected either outage or slowdown, not both"
          : "expected { outage: <duration> } or { slowdown: <factor>, for: <duration> }",
      );
    } else if (outage && value.for !== undefined) {
      issue("an outage lasts `outage`; `for` belongs to a slowdown");
    } else if (slowdown && value.mode !== undefined) {
      issue("mode applies to outages only");
    } else if (slowdown && value.for === undefined) {
      issue("a slowdown needs for: <duration>");
    }
  })
  .transform((value) =>
    value.slowdown !== undefined
      ? { kind: "slowdown" as const, factor: value.slowdown, forMs: value.for ?? 0 }
      : { kind: "outage" as const, forMs: value.outage ?? 0, mode: value.mode ?? "refuse" },
  )
  .meta({
    oneOf: [
      { required: ["outage"], not: { anyOf: [{ required: ["slowdown"] }, { required: ["for"] }] } },
      { required: ["slowdown", "for"], not: { required: ["mode"] } },
    ],
  });

const sourceRef = name("source")
  .optional()
  .meta({ description: "An open-loop source; may be omitted when there is only one." });

const restartTargets = anyOf("all, a number of instances or a list of instance indices", [
  z.literal("all"),
  count(1),
  z
    .array(count(0))
    .min(1)
    .superRefine((indices, ctx) => {
      // One pass with a set: a list of many thousand indices must not take quadratic time.
      const seen = new Set<number>();
      const repeated: number[] = [];
      for (const index of indices) {
        if (seen.has(index)) repeated.push(index);
        seen.add(index);
      }
      if (repeated.length > 0) {
        ctx.addIssue({
          code: "custom",
          input: indices,
          message: `instance ${alternatives(repeated.map(String), "and")} listed twice`,
        });
      }
    }),
]);

export const eventKinds = {
  expire: keySelector.meta({ description: "Mark keys expired now (their stale copies stay)." }),
  flush: z.literal("cache").meta({ description: "Delete values, stale copies, locks and leases." }),
  db: dbEvent,
  spike: z.strictObject({ source: sourceRef, rate: rate(), for: positiveDuration() }),
  burst: z.strictObject({
    source: sourceRef,
    requests: count(1, MAX_BURST_REQUESTS),
    within: duration().prefault("0ms").meta({ description: "Spread; 0 means simultaneous." }),
  }),
  partition: z.strictObject({ for: positiveDuration() }),
  restart: z.strictObject({
    instances: restartTargets.prefault("all"),
    over: duration().prefault("0ms"),
    downtime: duration().prefault("0ms"),
  }),
  cron: z.strictObject({
    source: sourceRef,
    every: positiveDuration(),
    requests: count(1, MAX_BURST_REQUESTS),
    within: duration().prefault("0ms"),
  }),
  warm: z.strictObject({ keys: keySelector.prefault("all"), over: duration().prefault("0ms") }),
};

export const event = oneOf(eventKinds, { at: duration() });

export const events = z.array(event).default([]);

export type EventOutput = z.output<typeof event>;
export type KeySelectorOutput = z.output<typeof keySelector>;
