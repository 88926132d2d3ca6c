import type { z } from "zod";
import { alternatives, describeValue, quote } from "./describe.js";
import { MAX_LISTED_PROBLEMS } from "./errors.js";
import { closest } from "./suggest.js";

/**
 * Keys users put in the wrong place often enough to deserve a pointer to the right place rather
 * than a bare "unknown key".
 */
const MISPLACED: Record<string, string> = {
  stages: "stages belong to an open-loop source: open: { rate, stages }",
  swr: "stale-while-revalidate is spelt out: stale-while-revalidate: { soft, hard }",
};

/**
 * The message for one unknown key. Long key lists (metric paths) are not spelled out: the closest
 * match is what helps there.
 */
export function unknownKeyMessage(key: string, allowed: readonly string[], noun = "key"): string {
  const head = `unknown ${noun} ${quote(key)}`;
  const guess = closest(key, allowed);
  if (guess !== undefined) return `${head}; did you mean ${JSON.stringify(guess)}?`;
  const misplaced = MISPLACED[key];
  if (misplaced !== undefined) return `${head}: ${misplaced}`;
  if (allowed.length === 0) return `${head}; this mapping takes no keys`;
  if (allowed.length <= 16) return `${head}; expected ${alternatives(allowed)}`;
  return head;
}

/**
 * zod reports every unknown key of an object in one issue; problems are reported per key (each at
 * its own line), so the per-key messages travel joined by newlines and are split apart later.
 */
export function unknownKeysMessage(
  keys: readonly string[],
  allowed: readonly string[],
  noun?: string,
): string {
  // Only the first few are listed (see MAX_LISTED_PROBLEMS); the rest skip the costly suggestion.
  return keys
    .map((key, i) =>
      i < MAX_LISTED_PROBLEMS
        ? unknownKeyMessage(key, allowed, noun)
        : `unknown ${noun ?? "key"} ${quote(key)}`,
    )
    .join("\n");
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  tuple: "a list",
  null: "null",
  nan: "a number",
};

type RawIssue = z.core.$ZodRawIssue;

/** Messages that say what was expected and what was found, in the words of the YAML file. */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  const got = `got ${describeValue(issue.input)}`;
  if (
    issue.input === undefined &&
    (issue.code === "invalid_type" || issue.code === "invalid_union")
  ) {
    const key = issue.path?.[issue.path.length - 1];
    return key === undefined ? "missing value" : `missing required key ${JSON.stringify(key)}`;
  }
  switch (issue.code) {
    case "invalid_type": {
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, ${got}`;
    }
    case "too_small":
      return `expected ${bound(issue, "at least", ">")}, ${got}`;
    case "too_big":
      return `expected ${bound(issue, "at most", "<")}, ${got}`;
    case "invalid_value": {
      const values = issue.values.map(String);
      const guess = typeof issue.input === "string" ? closest(issue.input, values) : undefined;
      const hint = guess === undefined ? "" : `; did you mean ${guess}?`;
      return `expected ${alternatives(values)}, ${got}${hint}`;
    }
    case "unrecognized_keys":
      return unknownKeysMessage(issue.keys, shapeKeys(issue));
    case "invalid_format":
      return `expected a string matching ${issue.pattern ?? issue.format}, ${got}`;
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}, ${got}`;
    case "invalid_key":
      return `invalid key ${describeValue(issue.input)}`;
    case "invalid_union":
      return `${got}, which is none of the accepted forms`;
    default:
      return undefined;
  }
};

function bound(
  issue: Extract<RawIssue, { code: "too_small" | "too_big" }>,
  words: string,
  op: string,
): string {
  const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  if (issue.origin === "array" || issue.origin === "set") {
    return `${words} ${limit} ${limit === 1 ? "item" : "items"}`;
  }
  if (issue.origin === "string") return `${words} ${limit} characters`;
  return `a number ${issue.inclusive ? `${op}=` : op} ${limit}`;
}

/** The keys an object schema declares, read from the schema that raised the issue. */
function shapeKeys(issue: RawIssue): string[] {
  const inst = issue.inst as { _zod?: { def?: { shape?: object } } } | undefined;
  const shape = inst?._zod?.def?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}
