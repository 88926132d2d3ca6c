import { metricAt } from "../run/expectations.js";
import type { RunResult } from "../run/result.js";
import { METRIC_PATHS, type Series } from "../sim/result.js";
import { intervalAt } from "./columns.js";

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
  "recovery",
  "trafficOverridden",
  "expectations.failed",
];

/** Extra columns with replications: how many, recovered runs, then each metric's half-width. */
export const REPLICATION_CSV_COLUMNS: readonly string[] = [
  "replications",
  "recovery.recoveredRuns",
  ...METRIC_PATHS.map((path) => `${path}.ci95`),
];

/**
 * One row per strategy, one column per metric named by its dotted path (`requests.total`,
 * `db.loadsPerRefresh.mean`); null metrics are empty fields. `recovery` is the verdict
 * (recovered, did-not-recover, partly-recovered, no-trigger, no-baseline). With replications the
 * metrics are means, followed by REPLICATION_CSV_COLUMNS. Lines end with LF.
 */
export function renderMetricsCsv(result: RunResult): string {
  const replicated = result.replications !== undefined;
  const rows: CsvValue[][] = [
    ["strategy", ...METRICS_CSV_COLUMNS, ...(replicated ? REPLICATION_CSV_COLUMNS : [])],
  ];
  for (const s of result.strategies) {
    const ci95 = s.ci95;
    rows.push([
      s.name,
      ...METRIC_PATHS.map((path) => metricAt(s.metrics, path)),
      s.recoveryMs,
      s.recovery?.verdict ?? null,
      s.trafficOverridden,
      s.expectations.filter((e) => !e.ok).length,
      ...(replicated
        ? [
            result.replications ?? null,
            s.recovery?.recoveredRuns ?? null,
            ...METRIC_PATHS.map((path) => (ci95 === undefined ? null : intervalAt(ci95, path))),
          ]
        : []),
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
