/** One thing wrong with a scenario file, at a 1-based line and column. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/**
 * Past this many, problems are counted rather than listed: nobody reads the thousandth, and
 * locating each in a file of a hundred thousand stray keys would take longer than fixing the file.
 */
export const MAX_LISTED_PROBLEMS = 100;

/**
 * At most MAX_LISTED_PROBLEMS of `problems` (already in file order), then one line counting the
 * rest (and `unlisted` more found but never located), at the last listed position.
 */
export function listProblems(problems: readonly Problem[], unlisted = 0): Problem[] {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - listed.length + unlisted;
  const last = listed[listed.length - 1];
  if (rest === 0 || last === undefined) return listed;
  const message = `and ${rest} more problems like these, not listed; fix these first`;
  return [...listed, { file: last.file, line: last.line, col: last.col, message }];
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`;
}

/**
 * Every way a scenario can be bad input ends here, so the CLI can print it without a stack trace
 * and exit 2. It carries all the problems found, not just the first, so one edit-run cycle fixes
 * them all.
 */
export class ScenarioError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join("\n") || "invalid scenario");
    this.name = "ScenarioError";
    this.problems = problems;
  }

  /** One line per problem: `file:line:col: message`. */
  format(): string {
    return this.problems.map(formatProblem).join("\n");
  }
}
