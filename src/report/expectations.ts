import type { ExpectationResult, RunResult } from "../sim/result.js";
import { paint } from "./ansi.js";
import { exact } from "./format.js";

/** The bound as text: ">= 1000", "<= 40", "in [10, 40]", or "any" when there is none. */
export function describeBound(e: Pick<ExpectationResult, "min" | "max">): string {
  if (e.min !== undefined && e.max !== undefined) return `in [${e.min}, ${e.max}]`;
  if (e.min !== undefined) return `>= ${e.min}`;
  if (e.max !== undefined) return `<= ${e.max}`;
  return "any";
}

/** Every expectation, strategy by strategy, in run order. */
export function allExpectations(
  result: RunResult,
): Array<{ strategy: string; expectation: ExpectationResult }> {
  return result.strategies.flatMap((s) =>
    s.expectations.map((expectation) => ({ strategy: s.name, expectation })),
  );
}

/** How many expectations passed, of how many. */
export function expectationCounts(result: RunResult): { passed: number; total: number } {
  const all = allExpectations(result);
  return { passed: all.filter(({ expectation }) => expectation.ok).length, total: all.length };
}

/**
 * One readable line per failed expectation, naming scenario, strategy, metric, bound and
 * actual value: `homepage: naive: db.peakQps = 980, expected >= 1000`.
 */
export function expectationFailures(result: RunResult): string[] {
  return allExpectations(result)
    .filter(({ expectation }) => !expectation.ok)
    .map(
      ({ strategy, expectation: e }) =>
        `${result.scenario.name}: ${strategy}: ${e.metric} = ${exact(e.actual)}, expected ${describeBound(e)}`,
    );
}

/** The expectations as an aligned list for the terminal, with a pass count. */
export function renderExpectations(result: RunResult, opts: { color: boolean }): string {
  const all = allExpectations(result);
  if (all.length === 0) return "Expectations: none\n";
  const passed = all.filter(({ expectation }) => expectation.ok).length;
  const rows = all.map(({ strategy, expectation: e }) => [
    e.ok ? "pass" : "FAIL",
    strategy,
    e.metric,
    `= ${exact(e.actual)}`,
    `expected ${describeBound(e)}`,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const lines = rows.map((r) => {
    const cells = r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell));
    const status = cells[0] ?? "";
    const text = `  ${paint(status, status.startsWith("pass") ? "green" : "red", opts.color)}  ${cells.slice(1).join("  ")}`;
    return text.trimEnd();
  });
  const header = `Expectations: ${passed} of ${all.length} passed`;
  return `${paint(header, "bold", opts.color)}\n${lines.map((l) => `${l}\n`).join("")}`;
}
