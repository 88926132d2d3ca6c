import { metricAt } from "../run/expectations.js";
import { METRIC_PATHS, type RunResult, type Series } from "../sim/result.js";

type CsvValue = string | number | boolean | null;

/** One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break. */
export function csvField(value: CsvValue): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLines(rows: ReadonlyArray<readonly CsvValue[]>): string {
  return rows.map((r) => `${r.map(csvField).join(",")}\n`).join("");
}

/** Columns after `strategy` in the metrics CSV: every metric path, then per-strategy extras. */
export const METRICS_CSV_COLUMNS: readonly string[] = [
  ...METRIC_PATHS,
  "recoveryMs",
  "trafficOverridden",
  "expectations.failed",
];

/**
 * One row per strategy, one column per metric named by its dotted path (`requests.total`,
 * `db.loadsPerRefresh.mean`); null metrics are empty fields. Lines end with LF.
 */
export function renderMetricsCsv(result: RunResult): string {
  const rows: CsvValue[][] = [["strategy", ...METRICS_CSV_COLUMNS]];
  for (const s of result.strategies) {
    rows.push([
      s.name,
      ...METRIC_PATHS.map((path) => metricAt(s.metrics, path)),
      s.recoveryMs,
      s.trafficOverridden,
      s.expectations.filter((e) => !e.ok).length,
    ]);
  }
  return csvLines(rows);
}

/** The series columns of the long CSV, after `strategy` and `t`. */
export const SERIES_CSV_COLUMNS = [
  "requests",
  "ok",
  "errors",
  "dbQps",
  "cacheMisses",
  "p99LatencyMs",
  "dbInFlight",
] as const satisfies ReadonlyArray<Exclude<keyof Series, "t">>;

/** Every series as one long CSV: one row per (strategy, bucket), `t` in absolute simulated ms. */
export function renderSeriesCsv(result: RunResult): string {
  const rows: CsvValue[][] = [["strategy", "t", ...SERIES_CSV_COLUMNS]];
  for (const s of result.strategies) {
    s.series.t.forEach((t, i) => {
      rows.push([s.name, t, ...SERIES_CSV_COLUMNS.map((column) => s.series[column][i] ?? null)]);
    });
  }
  return csvLines(rows);
}
