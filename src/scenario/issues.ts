import type { z } from "zod";
import type { Anchor } from "./locate.js";

/** A problem found at a path into the scenario, before it is given a line and column. */
export interface PathIssue {
  path: PropertyKey[];
  message: string;
  anchor?: Anchor;
}

/**
 * Flattens zod issues into one PathIssue per thing to fix: one per unknown key, and, for a union
 * where only one option has the right shape (a mapping where `none` or a mapping is allowed),
 * that option's own issues instead of a vague "none of the options matched".
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): PathIssue[] {
  return issues.flatMap((issue): PathIssue[] => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case "invalid_union": {
        const shaped = issue.errors.filter(hasRightShape);
        const [only] = shaped;
        return shaped.length === 1 && only !== undefined
          ? fromZodIssues(only, path)
          : [{ path, message: issue.message }];
      }
      case "unrecognized_keys": {
        const lines = issue.message.split("\n");
        return issue.keys.map((key, i) => ({
          path: [...path, key],
          message: lines[i] ?? issue.message,
          anchor: "key" as const,
        }));
      }
      case "invalid_key":
        return [{ path, message: issue.issues[0]?.message ?? issue.message, anchor: "key" }];
      default:
        return [{ path, message: issue.message }];
    }
  });
}

/** An option failed on its contents rather than on the type of the value itself. */
function hasRightShape(issues: readonly z.core.$ZodIssue[]): boolean {
  return !issues.some(
    (issue) =>
      issue.path.length === 0 && (issue.code === "invalid_type" || issue.code === "invalid_value"),
  );
}
