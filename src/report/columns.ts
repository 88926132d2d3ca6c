/**
 * The comparison's columns, shared by the terminal table and the markdown table so the two
 * always show the same numbers.
 */

import type { StrategyResult } from "../sim/result.js";
import { compact, duration, endedMidCollapse, NONE, percent } from "./format.js";

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

function countWithRatio(count: number, ratio: number | null): string {
  return count === 0 ? "0" : `${compact(count)} (${percent(ratio)})`;
}

export const COLUMNS: readonly Column[] = [
  {
    group: "requests",
    header: "requests",
    title: "requests",
    value: (s) => compact(s.metrics.requests.total),
  },
  { group: "requests", header: "ok", title: "ok", value: (s) => compact(s.metrics.requests.ok) },
  {
    group: "requests",
    header: "failed",
    title: "failed",
    value: (s) => countWithRatio(s.metrics.requests.failed, s.metrics.requests.failedRatio),
  },
  {
    group: "requests",
    header: "shed",
    title: "shed",
    showIf: (s) => s.metrics.requests.shed > 0,
    value: (s) => {
      const { shed, total } = s.metrics.requests;
      return countWithRatio(shed, total === 0 ? null : shed / total);
    },
  },
  {
    group: "requests",
    header: "retries",
    title: "retries",
    value: (s) => compact(s.metrics.requests.retries),
  },
  {
    group: "requests",
    header: "in flight\nat end",
    title: "in flight at end",
    showIf: (s) => s.metrics.requests.inFlight > 0,
    value: (s) => compact(s.metrics.requests.inFlight),
  },
  {
    group: "requests",
    header: "p50",
    title: "p50",
    value: (s) => duration(s.metrics.latencyMs.p50),
  },
  {
    group: "requests",
    header: "p95",
    title: "p95",
    value: (s) => duration(s.metrics.latencyMs.p95),
  },
  {
    group: "requests",
    header: "p99",
    title: "p99",
    value: (s) => duration(s.metrics.latencyMs.p99),
  },
  {
    group: "requests",
    header: "max\nlatency",
    title: "max latency",
    value: (s) => duration(s.metrics.latencyMs.max),
  },
  {
    group: "cacheDb",
    header: "hit\nrate",
    title: "hit rate",
    value: (s) => percent(s.metrics.cache.hitRate),
  },
  {
    group: "cacheDb",
    header: "stale\nserved",
    title: "stale served",
    value: (s) => compact(s.metrics.cache.staleServed),
  },
  {
    group: "cacheDb",
    header: "peak\nmisses/s",
    title: "peak misses/s",
    value: (s) => compact(s.metrics.cache.peakMissesPerSec),
  },
  {
    group: "cacheDb",
    header: "DB\nqueries",
    title: "DB queries",
    value: (s) => compact(s.metrics.db.queries),
  },
  {
    group: "cacheDb",
    header: "peak\nDB QPS",
    title: "peak DB QPS",
    value: (s) => compact(s.metrics.db.peakQps),
  },
  {
    group: "cacheDb",
    header: "peak DB\nin flight",
    title: "peak DB in flight",
    value: (s) => compact(s.metrics.db.peakInFlight),
  },
  {
    group: "cacheDb",
    header: "peak DB\nqueue",
    title: "peak DB queue",
    value: (s) => compact(s.metrics.db.peakQueue),
  },
  {
    group: "cacheDb",
    header: "loads/refresh\nmean/max",
    title: "loads/refresh (mean/max)",
    value: (s) => {
      const lpr = s.metrics.db.loadsPerRefresh;
      if (lpr === null || (lpr.mean === null && lpr.max === null)) return NONE;
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
