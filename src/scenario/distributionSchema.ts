import { z } from "zod";
import { describeValue } from "./describe.js";
import { duration, oneOf, positiveDuration } from "./schemaKit.js";
import { formatMs } from "./units.js";

const uniform = z
  .tuple([duration(), duration()], {
    error: (issue) =>
      issue.code === "too_small" || issue.code === "too_big"
        ? `expected [min, max], got ${describeValue(issue.input)}`
        : undefined,
  })
  .superRefine(([min, max], ctx) => {
    if (min > max) {
      ctx.addIssue({
        code: "custom",
        input: [min, max],
        message: `the minimum (${formatMs(min)}) must not exceed the maximum (${formatMs(max)})`,
      });
    }
  });

const lognormal = z
  .strictObject({ median: positiveDuration(), p99: positiveDuration() })
  .superRefine(({ median, p99 }, ctx) => {
    // σ = ln(p99/median)/2.3263 must be positive for the distribution to exist.
    if (p99 <= median) {
      ctx.addIssue({
        code: "custom",
        path: ["p99"],
        input: p99,
        message: `p99 (${formatMs(p99)}) must be greater than the median (${formatMs(median)})`,
      });
    }
  });

/** `{ constant: 300ms }`, `{ exponential: { mean } }`, `{ uniform: [min, max] }`, `{ lognormal: { median, p99 } }`. */
export const distribution = oneOf({
  constant: duration(),
  exponential: z.strictObject({ mean: positiveDuration() }),
  uniform,
  lognormal,
}).meta({
  description:
    "A random duration: { constant: 300ms }, { exponential: { mean: 10ms } }, { uniform: [10ms, 1000ms] } or { lognormal: { median: 200ms, p99: 600ms } }.",
});

export type DistributionOutput = z.output<typeof distribution>;
