import { z } from "zod";
import { distribution } from "./distributionSchema.js";
import { count, duration, name, oneOf, probability, rate } from "./schemaKit.js";

export const MAX_KEYS = 1e8;
export const MAX_CLIENTS = 1e7;

const stage = z.strictObject({ duration: duration(), target: rate() }).meta({
  description: "Ramp linearly to `target` requests per second over `duration` (0s = a step).",
});

const open = z
  .strictObject({
    rate: rate().meta({ description: "Requests per second at t=0." }),
    stages: z.array(stage).default([]),
  })
  .meta({
    description:
      "Open-loop (Poisson) arrivals; k6-style stages; after the last stage the rate holds.",
  });

const closed = z
  .strictObject({
    // Each client is its own schedule of requests.
    clients: count(1, MAX_CLIENTS),
    think: distribution,
  })
  .meta({ description: "Closed loop: each client waits for its answer, then a think time." });

const keys = z
  .strictObject({
    // The simulation keeps several numbers per key (versions, refresh groups, popularity).
    count: count(1, MAX_KEYS)
      .default(1)
      .meta({ description: "Keys k0 … k{count−1}, shared by all sources." }),
    popularity: z.enum(["uniform", "zipf"]).default("uniform"),
    exponent: z.number().min(0).default(1).meta({ description: "Zipf exponent s." }),
  })
  .prefault({});

const writes = z.strictObject({
  ratio: probability().meta({ description: "Fraction of operations that are writes." }),
});

export const source = oneOf(
  { open, closed },
  { name: name("source"), keys, writes: writes.optional() },
);

export const traffic = z.array(source).min(1);

export type SourceOutput = z.output<typeof source>;
