import type { RunResult } from "../run/result.js";
import { paint } from "./ansi.js";
import { renderChart } from "./chart.js";
import { renderExpectations } from "./expectations.js";
import { renderSummary } from "./summary.js";
import { renderTable } from "./table.js";

export interface TerminalOptions {
  color: boolean;
  /** Terminal width in columns (default 100). */
  width?: number;
}

/** The `--format table` output: heading, tables, chart, summary line and expectations. */
export function renderTerminal(result: RunResult, opts: TerminalOptions): string {
  const { color } = opts;
  const { scenario } = result;
  const replications =
    result.replications === undefined ? "" : `, ${result.replications} replications`;
  const heading = `${paint(scenario.name, "bold", color)} (${scenario.file}, seed ${result.seed}${replications})`;
  const chart = renderChart(result, {
    color,
    ...(opts.width === undefined ? {} : { width: opts.width }),
  });
  return [
    `${heading}\n`,
    renderTable(result, { color }),
    chart,
    `${paint(renderSummary(result).trimEnd(), "bold", color)}\n`,
    renderExpectations(result, { color }),
  ].join("\n");
}
