import { z } from "zod";
import { alternatives, describeValue } from "./describe.js";
import { closest } from "./suggest.js";
import { DURATION_PATTERN, type DurationOptions, MAX_DURATION_MS, parseDuration } from "./units.js";

/** Building blocks shared by the scenario schema: units, names and "exactly one of" mappings. */

const DURATION_DOC =
  "A duration: a number with a unit (250ms, 1.5s, 5m, 1h) or a bare number of milliseconds.";

/**
 * A duration in the file, milliseconds after parsing. The number and string branches exist for
 * the JSON Schema (so editors see the pattern); all messages come from parseDuration.
 */
export function duration(options: DurationOptions = {}) {
  const message = (issue: { input?: unknown }) => {
    // A missing key is the generic error map's to report, with the key's name.
    if (issue.input === undefined) return undefined;
    const parsed = parseDuration(issue.input, options);
    return parsed.ok ? undefined : parsed.message;
  };
  const number = (
    options.positive
      ? z.number().positive({ error: message })
      : z.number().min(0, { error: message })
  ).max(MAX_DURATION_MS, { error: message });
  const text = z.string().regex(new RegExp(DURATION_PATTERN), { error: message });
  return z
    .union([number, text], { error: message })
    .transform((input, ctx) => {
      const parsed = parseDuration(input, options);
      if (parsed.ok) return parsed.value;
      ctx.issues.push({ code: "custom", message: parsed.message, input });
      return z.NEVER;
    })
    .meta({ description: options.positive ? `${DURATION_DOC} Greater than 0.` : DURATION_DOC });
}

export const positiveDuration = () => duration({ positive: true });

/**
 * Upper bounds past which a number is surely a mistake (a unit slip, an extra digit): rejected
 * with the accepted range rather than left to exhaust memory or time in the simulation.
 */
export const MAX_COUNT = 1e9;
export const MAX_RATE_PER_SEC = 1e9;

/** 1000000000 as 1,000,000,000, so a range reads at a glance. */
export function formatLimit(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** Events per second. */
export const rate = () => {
  const error = (issue: { input?: unknown }) =>
    `expected a rate from 0 to ${formatLimit(MAX_RATE_PER_SEC)} per second, got ${describeValue(issue.input)}`;
  return z.number().min(0, { error }).max(MAX_RATE_PER_SEC, { error });
};

/**
 * A whole number of things. `max` is lower than MAX_COUNT where the simulation keeps state per
 * thing (keys, instances, clients), so a value it could not hold in memory is refused here.
 */
export const count = (min: number, max = MAX_COUNT) => {
  const error = (issue: { input?: unknown }) =>
    `expected a whole number from ${min} to ${formatLimit(max)}, got ${describeValue(issue.input)}`;
  return z.number().int().min(min, { error }).max(max, { error });
};

export const probability = () => z.number().min(0).max(1);

const NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

/**
 * Names of sources and strategies end up on command lines (`--strategies a,b`) and in CSV
 * headers, so they keep to characters that need no quoting there.
 */
export const name = (what: string) =>
  z.string().regex(new RegExp(NAME_PATTERN), {
    error: (issue) =>
      `expected a ${what} name of letters, digits, ".", "_" and "-" (starting with a letter or digit), got ${describeValue(issue.input)}`,
  });

/**
 * A union whose options differ by YAML type (string, list, mapping); one message when none fits.
 * A misspelt word gets a "did you mean" from `hints`: the word itself, or how to write it.
 */
export function anyOf<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(
  expected: string,
  options: T,
  hints: Readonly<Record<string, string>> = {},
) {
  return z.union(options, {
    error: (issue) => {
      if (issue.code !== "invalid_union" || issue.input === undefined) return undefined;
      const message = `expected ${expected}, got ${describeValue(issue.input)}`;
      return `${message}${didYouMean(issue.input, hints)}`;
    },
  });
}

/** "; did you mean X?" for a string close to one of the hints' words, else "". */
export function didYouMean(input: unknown, hints: Readonly<Record<string, string>>): string {
  if (typeof input !== "string") return "";
  const guess = closest(input, Object.keys(hints));
  return guess === undefined ? "" : `; did you mean ${hints[guess]}?`;
}

type Shape = Record<string, z.ZodType>;

/** `{ kind: "constant", value: 300 }` for `{ constant: 300ms }`. */
export type Tagged<V extends Shape> = {
  [K in keyof V & string]: { kind: K; value: z.output<V[K]> };
}[keyof V & string];

type Optionals<V extends Shape> = { [K in keyof V]: z.ZodOptional<V[K]> };

/** Names people use for a mitigation in conversation, mapped to how the format spells it. */
export const SHORT_NAMES: Readonly<Record<string, string>> = { swr: "stale-while-revalidate" };

/**
 * A mapping holding exactly one of several keys (`{ constant: 300ms }`, `{ lock: {...} }`),
 * alongside optional common keys (an event's `at`). Validated as one strict object, rather than a
 * union of objects, so a mistake inside the chosen variant is reported as itself instead of as
 * "matches none of the alternatives".
 */
export function oneOf<V extends Shape, C extends Shape = Record<never, z.ZodType>>(
  variants: V,
  common?: C,
) {
  const keys = Object.keys(variants) as Array<keyof V & string>;
  const optionals = Object.fromEntries(
    keys.map((key) => [key, (variants[key] as z.ZodType).optional()]),
  ) as Optionals<V>;
  const shape = { ...(common as C), ...optionals };
  // `freshness: xfetch` is the usual slip: the choice written as a word, not as a mapping.
  const hints: Record<string, string> = Object.fromEntries(
    keys.map((key) => [key, `{ ${key}: ... }`]),
  );
  for (const [short, key] of Object.entries(SHORT_NAMES)) {
    if ((keys as string[]).includes(key)) hints[short] = `{ ${key}: ... }`;
  }
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === "invalid_type" && issue.input !== undefined
          ? `expected a mapping with one of ${alternatives(keys)}, got ${describeValue(issue.input)}${didYouMean(issue.input, hints)}`
          : undefined,
    })
    .superRefine((value, ctx) => {
      // A misspelt variant key is already reported with a "did you mean"; saying "expected one of"
      // on top of it would only repeat the news.
      if (ctx.issues.some((issue) => issue.code === "unrecognized_keys")) return;
      const present = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
      if (present.length === 1) return;
      ctx.addIssue({
        code: "custom",
        input: value,
        message:
          present.length === 0
            ? `expected one of ${alternatives(keys)}`
            : `expected only one of ${alternatives(keys)}, got ${alternatives(present, "and")}`,
      });
    })
    .transform((value) => {
      const record = value as Record<string, unknown>;
      const kind = keys.find((key) => record[key] !== undefined);
      const rest: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(record)) {
        if (!(keys as string[]).includes(key)) rest[key] = field;
      }
      return { ...rest, kind, value: kind === undefined ? undefined : record[kind] } as Tagged<V> &
        z.output<z.ZodObject<C>>;
    })
    .meta({ oneOf: keys.map((key) => ({ required: [key] })) });
}
