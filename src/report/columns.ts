/**
 * The comparison's columns, shared by the terminal table and the markdown table so the two
 * always show the same numbers.
 */

import { metricAt } from "../run/expectations.js";
import type { MetricTree, StrategyOutcome } from "../run/result.js";
import { compact, duration, endedMidCollapse, NONE, percent } from "./format.js";
import { hasRecoveryVerdict, recoveryText } from "./recovery.js";

type StrategyResult = StrategyOutcome;

export type ColumnGroup = "requests" | "cacheDb";

export interface Column {
  /** Which terminal table the column belongs to. */
  group: ColumnGroup;
  /** Terminal header; may span two lines. */
  header: string;
  /** Markdown header (one line). */
  title: string;
  /** When set, the column is shown only if this holds for some strategy. */
  showIf?: (s: StrategyResult) => boolean;
  value: (s: StrategyResult) => string;
}

/** Footnote markers appended to a strategy's name. */
export const MID_COLLAPSE_MARK = "!";
export const TRAFFIC_OVERRIDE_MARK = "*";

export function markedName(s: StrategyResult): string {
  const marks: string[] = [];
  if (endedMidCollapse(s)) marks.push(MID_COLLAPSE_MARK);
  if (s.trafficOverridden) marks.push(TRAFFIC_OVERRIDE_MARK);
  return marks.length === 0 ? s.name : `${s.name} ${marks.join("")}`;
}

/** A half-width at a dotted path of a ci95 tree (same paths as the metrics). */
export function intervalAt(ci95: MetricTree, path: string): number | null {
  return metricAt(ci95 as Parameters<typeof metricAt>[0], path);
}

/**
 * A metric's cell: its value, or with replications `mean ± half-width` (the half-width of its
 * 95% confidence interval), both in the same format.
 */
export function metricCell(
  s: StrategyResult,
  path: string,
  format: (n: number | null) => string,
): string {
  const value = metricAt(s.metrics, path);
  const text = format(value);
  if (s.ci95 === undefined || value === null) return text;
  return `${text} ± ${format(intervalAt(s.ci95, path))}`;
}

function countWithRatio(
  s: StrategyResult,
  count: number,
  ratio: number | null,
  path: string,
): string {
  if (s.ci95 === undefined) return count === 0 ? "0" : `${compact(count)} (${percent(ratio)})`;
  return `${metricCell(s, path, compact)} (${percent(ratio)})`;
}

export const COLUMNS: readonly Column[] = [
  {
    group: "requests",
    header: "requests",
    title: "requests",
    value: (s) => metricCell(s, "requests.total", compact),
  },
  {
    group: "requests",
    header: "ok",
    title: "ok",
    value: (s) => metricCell(s, "requests.ok", compact),
  },
  {
    group: "requests",
    header: "failed",
    title: "failed",
    value: (s) =>
      countWithRatio(
        s,
        s.metrics.requests.failed,
        s.metrics.requests.failedRatio,
        "requests.failed",
      ),
  },
  {
    group: "requests",
    header: "shed",
    title: "shed",
    showIf: (s) => s.metrics.requests.shed > 0,
    value: (s) => {
      const { shed, total } = s.metrics.requests;
      return countWithRatio(s, shed, total === 0 ? null : shed / total, "requests.shed");
    },
  },
  {
    group: "requests",
    header: "retries",
    title: "retries",
    value: (s) => metricCell(s, "requests.retries", compact),
  },
  {
    group: "requests",
    header: "in flight\nat end",
    title: "in flight at end",
    showIf: (s) => s.metrics.requests.inFlight > 0,
    value: (s) => metricCell(s, "requests.inFlight", compact),
  },
  {
    group: "requests",
    header: "p50",
    title: "p50",
    value: (s) => metricCell(s, "latencyMs.p50", duration),
  },
  {
    group: "requests",
    header: "p95",
    title: "p95",
    value: (s) => metricCell(s, "latencyMs.p95", duration),
  },
  {
    group: "requests",
    header: "p99",
    title: "p99",
    value: (s) => metricCell(s, "latencyMs.p99", duration),
  },
  {
    group: "requests",
    header: "max\nlatency",
    title: "max latency",
    value: (s) => metricCell(s, "latencyMs.max", duration),
  },
  {
    group: "requests",
    header: "recovery\nafter trigger",
    title: "recovery after trigger",
    showIf: hasRecoveryVerdict,
    value: (s) => recoveryText(s.recovery),
  },
  {
    group: "cacheDb",
    header: "hit\nrate",
    title: "hit rate",
    value: (s) => metricCell(s, "cache.hitRate", percent),
  },
  {
    group: "cacheDb",
    header: "stale\nserved",
    title: "stale served",
    value: (s) => metricCell(s, "cache.staleServed", compact),
  },
  {
    group: "cacheDb",
    header: "peak\nmisses/s",
    title: "peak misses/s",
    value: (s) => metricCell(s, "cache.peakMissesPerSec", compact),
  },
  {
    group: "cacheDb",
    header: "DB\nqueries",
    title: "DB queries",
    value: (s) => metricCell(s, "db.queries", compact),
  },
  {
    group: "cacheDb",
    header: "peak\nDB QPS",
    title: "peak DB QPS",
    value: (s) => metricCell(s, "db.peakQps", compact),
  },
  {
    group: "cacheDb",
    header: "peak DB\nin flight",
    title: "peak DB in flight",
    value: (s) => metricCell(s, "db.peakInFlight", compact),
  },
  {
    group: "cacheDb",
    header: "peak DB\nqueue",
    title: "peak DB queue",
    value: (s) => metricCell(s, "db.peakQueue", compact),
  },
  {
    group: "cacheDb",
    header: "loads/refresh\nmean/max",
    title: "loads/refresh (mean/max)",
    value: (s) => {
      const lpr = s.metrics.db.loadsPerRefresh;
      if (lpr === null || (lpr.mean === null && lpr.max === null)) return NONE;
      if (s.ci95 !== undefined) {
        return `${metricCell(s, "db.loadsPerRefresh.mean", compact)}/${metricCell(s, "db.loadsPerRefresh.max", compact)}`;
      }
      return `${compact(lpr.mean)}/${compact(lpr.max)}`;
    },
  },
];

/** The columns to show for these strategies (optional ones only when some strategy needs them). */
export function visibleColumns(strategies: readonly StrategyResult[]): Column[] {
  return COLUMNS.filter((c) => c.showIf === undefined || strategies.some(c.showIf));
}

/** Footnotes explaining the markers, one line each, in strategy order. */
export function footnotes(strategies: readonly StrategyResult[]): string[] {
  const notes: string[] = [];
  for (const s of strategies) {
    if (endedMidCollapse(s)) {
      const { inFlight, total } = s.metrics.requests;
      notes.push(
        `${MID_COLLAPSE_MARK} ${s.name}: ${compact(inFlight)} requests (${percent(total === 0 ? null : inFlight / total)}) still in flight at the end: the run ended mid-collapse, so the other numbers understate the damage`,
      );
    }
  }
  for (const s of strategies) {
    if (s.trafficOverridden) {
      notes.push(
        `${TRAFFIC_OVERRIDE_MARK} ${s.name} overrides traffic, so it did not see the same arrivals as the others`,
      );
    }
  }
  return notes;
}
