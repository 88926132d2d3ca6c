import type { Document, LineCounter } from "yaml";
import { listProblems, MAX_LISTED_PROBLEMS, type Problem } from "./errors.js";
import type { PathIssue } from "./issues.js";
import { locate } from "./locate.js";
import { fromPatch, isPlainObject } from "./mergePatch.js";
import { OVERRIDE_SECTIONS, type OverrideSection } from "./schema.js";

/** Where the scenario being checked came from: the file as written, or a strategy's merge. */
export type Origin =
  | { kind: "base" }
  | {
      kind: "strategy";
      name: string;
      base: Record<string, unknown>;
      patch: Record<string, unknown>;
    };

/**
 * Collects problems with their file positions, once each: a mistake in the base scenario shows up
 * again in every strategy's merged copy, but the user should read it once.
 */
export class ProblemList {
  private readonly seen = new Set<string>();
  /** Issues of the file as written, by path and message, to recognise them in merged copies. */
  private readonly inBase = new Set<string>();
  readonly problems: Problem[] = [];
  /** Problems found past MAX_LISTED_PROBLEMS (an upper bound: these were not deduplicated). */
  private unlisted = 0;

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  add(issues: readonly PathIssue[], origin: Origin = { kind: "base" }): void {
    for (const issue of issues) {
      const id = `${issue.path.map(String).join("\u0000")}\u0000${issue.message}`;
      if (origin.kind === "base") this.inBase.add(id);
      else if (this.inBase.has(id)) continue;
      if (this.problems.length >= MAX_LISTED_PROBLEMS) {
        this.unlisted++;
        continue;
      }
      const path = filePath(issue.path, origin);
      const { line, col } = locate(this.doc, this.lineCounter, path, issue.anchor);
      // A problem that only exists once a strategy's overrides are merged, but sits in the shared
      // part of the file, would be baffling without saying which strategy brings it about.
      const message =
        origin.kind === "strategy" && path[0] !== "strategies"
          ? `${issue.message} (with the overrides of strategy "${origin.name}")`
          : issue.message;
      const problem = { file: this.file, line, col, message };
      const key = `${line}:${col}:${problem.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.problems.push(problem);
    }
  }

  /** In file order, so they read top to bottom; then how many more there are, if any. */
  sorted(): Problem[] {
    const inOrder = [...this.problems].sort((a, b) => a.line - b.line || a.col - b.col);
    return listProblems(inOrder, this.unlisted);
  }
}

/** A path in a merged scenario, mapped to the part of the file it came from. */
function filePath(path: readonly PropertyKey[], origin: Origin): PropertyKey[] {
  if (origin.kind === "base") return [...path];
  const [section, ...rest] = path;
  if (!OVERRIDE_SECTIONS.includes(section as OverrideSection)) return [...path];
  const key = String(section);
  if (!Object.hasOwn(origin.patch, key)) return [...path];
  const base = isPlainObject(origin.base) ? origin.base[key] : undefined;
  return fromPatch(base, origin.patch[key], [key], rest)
    ? ["strategies", origin.name, ...path]
    : [...path];
}
