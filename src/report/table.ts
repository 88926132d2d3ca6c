import Table from "cli-table3";
import type { RunResult, StrategyOutcome as StrategyResult } from "../run/result.js";
import { paint } from "./ansi.js";
import { type Column, type ColumnGroup, footnotes, markedName, visibleColumns } from "./columns.js";
import { type DifferenceTable, differenceTable } from "./differences.js";
import { endedMidCollapse } from "./format.js";

export interface TableOptions {
  /** ANSI colours (only on a TTY without NO_COLOR). */
  color: boolean;
}

const GROUP_TITLES: Record<ColumnGroup, string> = {
  requests: "Requests and latency",
  cacheDb: "Cache and database",
};

function renderGroup(
  title: string,
  columns: readonly Column[],
  strategies: readonly StrategyResult[],
  color: boolean,
): string {
  const table = new Table({
    head: ["strategy", ...columns.map((c) => c.header)].map((h) => paint(h, "bold", color)),
    colAligns: ["left", ...columns.map(() => "right" as const)],
    // No colours from cli-table3 itself: ours are applied only when asked.
    style: { head: [], border: [], compact: true },
  });
  for (const s of strategies) {
    const name = markedName(s);
    table.push([
      endedMidCollapse(s) ? paint(name, "red", color) : name,
      ...columns.map((c) => c.value(s)),
    ]);
  }
  return `${paint(title, "bold", color)}\n${table.toString()}`;
}

function renderDifferences(differences: DifferenceTable, color: boolean): string {
  const table = new Table({
    head: differences.header.map((h) => paint(h, "bold", color)),
    colAligns: ["left", ...differences.header.slice(1).map(() => "right" as const)],
    style: { head: [], border: [], compact: true },
  });
  for (const r of differences.rows) table.push(r);
  return `${paint(differences.caption, "bold", color)}\n${table.toString()}`;
}

/**
 * The comparison as two terminal tables (requests and latency; cache and database), one row
 * per strategy, then footnotes for strategies that ended mid-collapse or override traffic.
 */
export function renderTable(result: RunResult, opts: TableOptions): string {
  const { strategies } = result;
  if (strategies.length === 0) return "No strategies were run.\n";
  const columns = visibleColumns(strategies);
  const parts = (Object.keys(GROUP_TITLES) as ColumnGroup[]).map((group) =>
    renderGroup(
      GROUP_TITLES[group],
      columns.filter((c) => c.group === group),
      strategies,
      opts.color,
    ),
  );
  const differences = differenceTable(result);
  if (differences !== null) parts.push(renderDifferences(differences, opts.color));
  const notes = footnotes(strategies).map((n) => paint(n, "yellow", opts.color));
  if (result.skipped.length > 0) {
    notes.push(`not run (left out by --strategies): ${result.skipped.join(", ")}`);
  }
  return `${parts.join("\n\n")}\n${notes.map((n) => `${n}\n`).join("")}`;
}
