/** One thing wrong with a scenario file, at a 1-based line and column. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
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
