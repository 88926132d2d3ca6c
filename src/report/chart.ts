import { plot } from "asciichart";
import type { RunResult } from "../sim/result.js";
import { paint, type Style } from "./ansi.js";
import { compact } from "./format.js";

export interface ChartOptions {
  /** ANSI colours (only on a TTY without NO_COLOR). */
  color: boolean;
  /** Total width in columns, labels included (default 100). */
  width?: number;
  /** Rows of the plot area above the zero line (default 10). */
  height?: number;
}

/** One colour per strategy, cycled. */
export const SERIES_STYLES: readonly Style[] = [
  "red",
  "green",
  "cyan",
  "yellow",
  "magenta",
  "blue",
  "lightred",
  "lightgreen",
  "lightcyan",
  "lightyellow",
  "lightmagenta",
  "lightblue",
];

/** One plotting character per strategy when there is no colour to tell the lines apart. */
export const SERIES_MARKERS: readonly string[] = ["*", "o", "+", "x", "#", "@", "%", "=", "~", "&"];

const LABEL_WIDTH = 6;
const MIN_TICK_SPACING = 10;
const NICE_STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000,
  300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/**
 * Where each of `columns` groups starts when `n` values are spread over them: group j covers
 * indices [starts[j], starts[j + 1]).
 */
export function groupStarts(n: number, columns: number): number[] {
  const m = Math.max(0, Math.min(n, columns));
  return Array.from({ length: m }, (_, j) => Math.floor((j * n) / m));
}

/** Shrinks `values` to at most `columns` points, each the max of its group, so spikes stay visible. */
export function downsampleMax(values: readonly number[], columns: number): number[] {
  const starts = groupStarts(values.length, columns);
  return starts.map((start, j) => {
    const end = starts[j + 1] ?? values.length;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) max = Math.max(max, values[i] ?? Number.NEGATIVE_INFINITY);
    return max;
  });
}

function tickLabel(timeMs: number, stepMs: number): string {
  if (stepMs % 3_600_000 === 0) return `${timeMs / 3_600_000}h`;
  if (stepMs % 60_000 === 0) return `${timeMs / 60_000}m`;
  if (stepMs % 1000 === 0) return `${timeMs / 1000}s`;
  return `${timeMs}ms`;
}

/** The x-axis line: simulated-time labels under the columns where their buckets are drawn. */
function timeAxis(
  t: readonly number[],
  bucketMs: number,
  starts: readonly number[],
  plotStart: number,
): string {
  const first = t[0];
  if (first === undefined || starts.length === 0) return "";
  const spanMs = t.length * bucketMs;
  const columnsPerMs = starts.length / spanMs;
  const step =
    NICE_STEPS_MS.find((s) => s * columnsPerMs >= MIN_TICK_SPACING) ?? NICE_STEPS_MS.at(-1) ?? 1;
  let line = "";
  for (let time = Math.ceil(first / step) * step; time < first + spanMs; time += step) {
    const bucket = Math.floor((time - first) / bucketMs);
    let column = 0;
    while (column + 1 < starts.length && (starts[column + 1] ?? 0) <= bucket) column++;
    const position = plotStart + column;
    const label = tickLabel(time, step);
    if (position < line.length + (line.length === 0 ? 0 : 1)) continue;
    line = line.padEnd(position) + label;
  }
  return line;
}

function wrapItems(items: readonly { text: string; width: number }[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  let used = 0;
  for (const item of items) {
    if (used > 0 && used + 3 + item.width > width) {
      lines.push(line);
      line = "";
      used = 0;
    }
    line += used > 0 ? `   ${item.text}` : item.text;
    used += (used > 0 ? 3 : 0) + item.width;
  }
  if (used > 0) lines.push(line);
  return lines;
}

/**
 * Plots lines with asciichart, labels LABEL_WIDTH wide, and tells them apart: each line in its
 * colour, or without colour (and more than one line) each with its own marker character.
 */
export function plotLines(
  data: readonly number[][],
  opts: { min: number; max: number; height: number; color: boolean },
): string[] {
  const plotStart = LABEL_WIDTH + 1;
  // Each series is "coloured" with a private tag so the merged plot says which line drew
  // which cell; the tags become real colours or marker characters below.
  const tag = (i: number) => `\x00${String(i).padStart(3, "0")}`;
  const raw = plot(
    data.map((d) => [...d]),
    {
      min: opts.min,
      max: opts.max,
      height: opts.height,
      offset: 3,
      colors: data.map((_, i) => tag(i)),
      format: (x) => compact(Math.abs(x) < 1e-9 ? 0 : x).padStart(LABEL_WIDTH),
    },
  );
  const markers = !opts.color && data.length > 1;
  const styleOf = (i: number): Style => SERIES_STYLES[i % SERIES_STYLES.length] ?? "red";
  const markerOf = (i: number): string => SERIES_MARKERS[i % SERIES_MARKERS.length] ?? "*";
  const rows = raw.split("\n");
  return rows.map((row, r) => {
    // asciichart marks the top row of an all-positive chart as the origin; the origin is the bottom.
    const axis = r === rows.length - 1 ? "┼" : "┤";
    const fixed = `${row.slice(0, plotStart)}${row[plotStart] === "┼" || row[plotStart] === "┤" ? axis : row.slice(plotStart, plotStart + 1)}${row.slice(plotStart + 1)}`;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the private tags start with NUL
    return fixed.replace(/\x00(\d{3})(.)\x1b\[0m/g, (_, index: string, glyph: string) => {
      const i = Number(index);
      if (markers) return markerOf(i);
      return paint(glyph, styleOf(i), opts.color);
    });
  });
}

/** The legend under a chart: each line's colour or marker and its name, wrapped to the width. */
export function chartLegend(names: readonly string[], width: number, color: boolean): string[] {
  const plotStart = LABEL_WIDTH + 1;
  const markers = !color && names.length > 1;
  return wrapItems(
    names.map((name, i) => {
      const symbol = markers ? (SERIES_MARKERS[i % SERIES_MARKERS.length] ?? "*") : "──";
      return {
        text: `${paint(symbol, SERIES_STYLES[i % SERIES_STYLES.length] ?? "red", color)} ${name}`,
        width: symbol.length + 1 + name.length,
      };
    }),
    width - plotStart,
  ).map((l) => `${" ".repeat(plotStart)}${l}`);
}

/**
 * DB queries per second over simulated time, one line per strategy, downsampled to the width by
 * taking the max per column, with a time axis and a legend. Without colour, each strategy is
 * drawn with its own marker character (when there is more than one).
 */
export function renderChart(result: RunResult, opts: ChartOptions): string {
  const width = Math.max(30, opts.width ?? 100);
  const height = Math.max(2, opts.height ?? 10);
  const strategies = result.strategies.filter((s) => s.series.dbQps.length > 0);
  const title = "DB queries per second, by simulated time";
  const first = strategies[0];
  if (first === undefined) return `${title}: no data\n`;

  const n = Math.max(...strategies.map((s) => s.series.dbQps.length));
  // The axis sits at LABEL_WIDTH + 1; point j of the series at LABEL_WIDTH + 1 + j.
  const plotStart = LABEL_WIDTH + 1;
  const starts = groupStarts(n, width - plotStart);
  const data = strategies.map((s) => downsampleMax(s.series.dbQps, starts.length));
  const top = Math.max(0, ...data.flat());
  const max = top > 0 ? top : 1;

  const lines = plotLines(data, { min: 0, max, height, color: opts.color });
  const legend = chartLegend(
    strategies.map((s) => s.name),
    width,
    opts.color,
  );

  const downsampled = starts.length < n ? " (each column: the peak of its buckets)" : "";
  return [
    `${title}${downsampled}`,
    ...lines.map((l) => l.trimEnd()),
    timeAxis(first.series.t, result.scenario.bucketMs, starts, plotStart),
    ...legend,
  ]
    .map((l) => `${l}\n`)
    .join("");
}
