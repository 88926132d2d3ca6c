import Table from "cli-table3";
import { RECOVERY_PATH } from "../run/metricPaths.js";
import type { SweepResult, SweepStrategy } from "../run/sweep.js";
import { paint } from "./ansi.js";
import { chartLegend, plotLines } from "./chart.js";
import { formatCell } from "./metricFormat.js";

export interface SweepTerminalOptions {
  color: boolean;
  /** Terminal width in columns (default 100). */
  width?: number;
}

const LABEL_COLUMNS = 7;

/** A parameter value as the user wrote it. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/** The metric's mean per value, one list per strategy. */
export function metricLines(result: SweepResult, metric: string): Array<Array<number | null>> {
  return result.strategies.map((_, s) =>
    result.points.map((p) => p.strategies[s]?.metrics[metric]?.mean ?? null),
  );
}

/** One strategy's cell at one value; a missing recovery time says why it is missing. */
export function sweepCell(s: SweepStrategy, metric: string): string {
  const cell = s.metrics[metric];
  if (metric === RECOVERY_PATH && (cell?.mean ?? null) === null) {
    if (s.recovery === "did-not-recover") return "did not recover";
    if (s.recovery === "no-trigger") return "no trigger";
  }
  return formatCell(metric, cell?.mean ?? null, cell?.ci95 ?? null);
}

/** One table per metric: a row per value, a column per strategy (mean ± half-width). */
export function renderSweepTable(result: SweepResult, metric: string, color: boolean): string {
  const table = new Table({
    head: [result.param, ...result.strategies].map((h) => paint(h, "bold", color)),
    colAligns: ["right", ...result.strategies.map(() => "right" as const)],
    style: { head: [], border: [], compact: true },
  });
  for (const point of result.points) {
    table.push([valueText(point.value), ...point.strategies.map((s) => sweepCell(s, metric))]);
  }
  return `${paint(metric, "bold", color)}\n${table.toString()}\n`;
}

/**
 * Stretches points at equal spacing over `columns` columns by linear interpolation, so a sweep
 * of a few values still draws lines; a null point is bridged from its neighbours.
 */
export function stretch(values: ReadonlyArray<number | null>, columns: number): number[] | null {
  const known = values.flatMap((v, i) => (v === null ? [] : [[i, v] as const]));
  if (known.length === 0) return null;
  const at = (x: number): number => {
    let before = known[0] as readonly [number, number];
    let after = known.at(-1) as readonly [number, number];
    for (const k of known) {
      if (k[0] <= x) before = k;
      if (k[0] >= x) {
        after = k;
        break;
      }
    }
    if (after[0] === before[0]) return before[1];
    return before[1] + ((after[1] - before[1]) * (x - before[0])) / (after[0] - before[0]);
  };
  const last = values.length - 1;
  if (last === 0) return Array.from({ length: columns }, () => at(0));
  return Array.from({ length: columns }, (_, j) => at((j * last) / Math.max(1, columns - 1)));
}

/** A chart of one metric against the parameter, one line per strategy (values equally spaced). */
export function renderSweepChart(
  result: SweepResult,
  metric: string,
  opts: SweepTerminalOptions,
): string {
  const width = Math.max(30, opts.width ?? 100);
  const columns = Math.min(width - LABEL_COLUMNS - 1, Math.max(30, result.points.length * 8));
  const stretched = metricLines(result, metric).map((line) => stretch(line, columns));
  const drawn = result.strategies.flatMap((name, i) => {
    const line = stretched[i];
    return line === null || line === undefined ? [] : [{ name, line }];
  });
  const title = `${metric} by ${result.param}`;
  if (drawn.length === 0) return `${title}: no values\n`;
  const all = drawn.flatMap((d) => d.line);
  const low = Math.min(0, ...all);
  const high = Math.max(...all);
  const lines = plotLines(
    drawn.map((d) => d.line),
    { min: low, max: high > low ? high : low + 1, height: 8, color: opts.color },
  );
  const first = valueText(result.points[0]?.value);
  const last = valueText(result.points.at(-1)?.value);
  const axis =
    result.points.length > 1
      ? `${" ".repeat(LABEL_COLUMNS + 1)}${first}${last.padStart(Math.max(1, columns - first.length))}`
      : `${" ".repeat(LABEL_COLUMNS + 1)}${first}`;
  return [
    `${title} (values equally spaced)`,
    ...lines.map((l) => l.trimEnd()),
    axis,
    ...chartLegend(
      drawn.map((d) => d.name),
      width,
      opts.color,
    ),
  ]
    .map((l) => `${l}\n`)
    .join("");
}

/** `sweep --format table`: a heading, then per metric its table and chart. */
export function renderSweepTerminal(result: SweepResult, opts: SweepTerminalOptions): string {
  const replications =
    result.replications === undefined
      ? ""
      : `, ${result.replications} replications (mean ± 95% interval)`;
  const heading = `${paint(result.scenario.name, "bold", opts.color)} (${result.scenario.file}, seed ${result.seed}${replications}): sweep of ${result.param} over ${result.points.length} values\n`;
  return [
    heading,
    ...result.metrics.map(
      (metric) =>
        `${renderSweepTable(result, metric, opts.color)}\n${renderSweepChart(result, metric, opts)}`,
    ),
  ].join("\n");
}
