import { metricAt } from "../run/expectations.js";
import type { RunResult } from "../run/result.js";
import { intervalAt } from "./columns.js";
import { compact, duration, percent } from "./format.js";

/** The metrics the paired-differences section shows (JSON carries them all). */
const DIFFERENCE_COLUMNS: ReadonlyArray<{
  path: string;
  title: string;
  format: (n: number | null) => string;
}> = [
  { path: "db.peakQps", title: "peak DB QPS", format: compact },
  { path: "db.queries", title: "DB queries", format: compact },
  { path: "requests.failedRatio", title: "failed", format: percent },
  { path: "latencyMs.mean", title: "mean latency", format: duration },
  { path: "latencyMs.p99", title: "p99", format: duration },
];

function signed(text: string, n: number | null): string {
  return n !== null && n > 0 ? `+${text}` : text;
}

export interface DifferenceTable {
  /** One sentence saying what the rows are. */
  caption: string;
  header: string[];
  rows: string[][];
}

/**
 * Each strategy minus the baseline, as `mean ± half-width` per metric, or null without paired
 * differences (one replication or one strategy). An interval that excludes 0 is a difference
 * the replications support; one that includes 0 is not.
 */
export function differenceTable(result: RunResult): DifferenceTable | null {
  const differences = result.differences;
  if (differences === undefined || differences.strategies.length === 0) return null;
  const n = result.replications ?? 1;
  return {
    caption: `Paired differences against ${differences.baseline} (strategy − ${differences.baseline}; mean ± 95% interval over ${n} replications on shared seeds)`,
    header: ["strategy", ...DIFFERENCE_COLUMNS.map((c) => c.title)],
    rows: differences.strategies.map((d) => [
      d.name,
      ...DIFFERENCE_COLUMNS.map(({ path, format }) => {
        const mean = metricAt(d.metrics as Parameters<typeof metricAt>[0], path);
        return `${signed(format(mean), mean)} ± ${format(intervalAt(d.ci95, path))}`;
      }),
    ]),
  };
}
