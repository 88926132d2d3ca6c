import { expect } from "vitest";
import type { ScenarioError } from "../../src/scenario/errors.js";

/**
 * Every problem names the file and a line and column inside the text (one past a line's end is
 * allowed: that is where a missing value would go), and says something on one line.
 */
export function expectProblemsInside(error: ScenarioError, text: string, file: string): void {
  expect(error.problems.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/);
  for (const problem of error.problems) {
    const where = `${problem.line}:${problem.col} ${problem.message}`;
    expect(problem.file, where).toBe(file);
    expect(Number.isInteger(problem.line) && problem.line >= 1, where).toBe(true);
    expect(Number.isInteger(problem.col) && problem.col >= 1, where).toBe(true);
    expect(problem.line, where).toBeLessThanOrEqual(Math.max(1, lines.length));
    expect(problem.col, where).toBeLessThanOrEqual((lines[problem.line - 1]?.length ?? 0) + 1);
    expect(problem.message.trim(), where).not.toBe("");
    expect(problem.message, where).not.toMatch(/\n|^\s+at /);
  }
}
