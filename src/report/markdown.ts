import { RECOVERY_TOLERANCE, RECOVERY_WINDOW_MS } from "../run/recovery.js";
import type { RunResult } from "../run/result.js";
import { groupStarts } from "./chart.js";
import { footnotes, markedName, visibleColumns } from "./columns.js";
import { differenceTable } from "./differences.js";
import { allExpectations, describeBound } from "./expectations.js";
import { exact, scenarioDuration } from "./format.js";
import { mermaidXyChart, plain } from "./mermaid.js";
import { hasRecoveryVerdict } from "./recovery.js";
import { renderSummary } from "./summary.js";

/** Line colours of the mermaid chart, named in the legend (mermaid charts have none of their own). */
/** Points per line in the mermaid chart (each the peak of its buckets). */
const CHART_POINTS = 120;

/** Text safe inside a GitHub table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** One row of a GitHub table, every cell made safe. */
export function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

function chartNumber(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function resultsTable(result: RunResult): string[] {
  const columns = visibleColumns(result.strategies);
  return [
    row(["strategy", ...columns.map((c) => c.title)]),
    `|:---|${columns.map(() => "---:|").join("")}`,
    ...result.strategies.map((s) => row([plain(markedName(s)), ...columns.map((c) => c.value(s))])),
  ];
}

/** What the recovery column means, when it is shown. */
function recoveryNote(result: RunResult): string[] {
  if (!result.strategies.some(hasRecoveryVerdict)) return [];
  return [
    "",
    `Recovery after trigger: from the end of the last timeline trigger until goodput (requests ok per request started, over ${scenarioDuration(RECOVERY_WINDOW_MS)} windows) is back within ${RECOVERY_TOLERANCE * 100}% of its level before the first trigger and stays there to the end of the run.`,
  ];
}

function differencesSection(result: RunResult): string[] {
  const table = differenceTable(result);
  if (table === null) return [];
  return [
    "",
    "## Paired differences",
    "",
    `${table.caption}.`,
    "",
    row(table.header.map(plain)),
    `|:---|${table.header
      .slice(1)
      .map(() => "---:|")
      .join("")}`,
    ...table.rows.map(([name = "", ...cells]) => row([plain(name), ...cells])),
  ];
}

function dbQpsChart(result: RunResult): string[] {
  const strategies = result.strategies.filter((s) => s.series.dbQps.length > 0);
  const first = strategies[0];
  if (first === undefined) return ["No time series to chart."];
  const n = Math.max(...strategies.map((s) => s.series.dbQps.length));
  const starts = groupStarts(n, CHART_POINTS);
  const lines = strategies.map((s) =>
    starts.map((start, j) => {
      const end = starts[j + 1] ?? n;
      return Math.max(0, ...s.series.dbQps.slice(start, end));
    }),
  );
  const top = Math.max(0, ...lines.flat());
  const t = first.series.t;
  const seconds = (ms: number) => chartNumber(ms / 1000);
  const fromMs = t[0] ?? 0;
  const lastMs = t[starts.at(-1) ?? 0] ?? fromMs;
  const toMs = lastMs > fromMs ? lastMs : fromMs + result.scenario.bucketMs;
  return mermaidXyChart({
    title: "DB queries per second",
    xAxis: `"simulated time (s)" ${seconds(fromMs)} --> ${seconds(toMs)}`,
    yAxis: `"queries/s" 0 --> ${chartNumber(top > 0 ? Math.ceil(top) : 1)}`,
    series: strategies.map((s, i) => ({ name: s.name, points: (lines[i] ?? []).map(chartNumber) })),
    ...(starts.length < n ? { note: " Each point is the peak of its buckets." } : {}),
  });
}

function expectationsSection(result: RunResult): string[] {
  const all = allExpectations(result);
  const lines: string[] = [];
  if (all.length === 0) {
    lines.push("No expectations.");
  } else {
    const passed = all.filter(({ expectation }) => expectation.ok).length;
    lines.push(
      `${passed} of ${all.length} passed.`,
      "",
      row(["strategy", "metric", "expected", "actual", "result"]),
      "|:---|:---|:---|---:|:---|",
      ...all.map(({ strategy, expectation: e }) =>
        row([
          plain(strategy),
          `\`${e.metric}\``,
          describeBound(e),
          exact(e.actual),
          e.ok ? "✅ pass" : "❌ FAIL",
        ]),
      ),
    );
  }
  if (result.skipped.length > 0) {
    lines.push(
      "",
      `Not run (left out by \`--strategies\`): ${result.skipped.map(plain).join(", ")}.`,
    );
  }
  return lines;
}

/**
 * A markdown report of one run: title, description, the comparison as a GitHub table, a mermaid
 * chart of DB queries per second and the expectations with pass/fail. Deterministic.
 */
export function renderMarkdown(result: RunResult): string {
  const { scenario } = result;
  const notes = footnotes(result.strategies);
  const lines = [
    `# ${scenario.name}`,
    "",
    ...(scenario.description.trim() === "" ? [] : [scenario.description.trim(), ""]),
    `Scenario \`${scenario.file}\`, seed ${result.seed}${result.replications === undefined ? "" : ` (${result.replications} replications on seeds derived from it; numbers are means ± 95% interval half-widths)`}, ${scenarioDuration(scenario.durationMs)} simulated` +
      (scenario.warmupMs > 0
        ? ` (the first ${scenarioDuration(scenario.warmupMs)} are warm-up and not measured)`
        : "") +
      `, ${scenarioDuration(scenario.bucketMs)} buckets.`,
    "",
    `**Summary:** ${renderSummary(result).trim()}`,
    "",
    "## Results",
    "",
    ...(result.strategies.length === 0 ? ["No strategies were run."] : resultsTable(result)),
    ...(notes.length > 0 ? ["", ...notes.map((n) => `- ${plain(n)}`)] : []),
    ...recoveryNote(result),
    ...differencesSection(result),
    "",
    "## DB queries per second",
    "",
    ...dbQpsChart(result),
    "",
    "## Expectations",
    "",
    ...expectationsSection(result),
  ];
  return `${lines.join("\n")}\n`;
}
