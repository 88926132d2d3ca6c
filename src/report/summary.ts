import type { RunResult, StrategyResult } from "../sim/result.js";
import { duration, endedMidCollapse, percent, rate } from "./format.js";

/** The first strategy with the smallest (or, with sign -1, largest) value of `by`. */
function extreme(
  strategies: readonly StrategyResult[],
  by: (s: StrategyResult) => number,
  sign: 1 | -1,
): StrategyResult | undefined {
  let best: StrategyResult | undefined;
  for (const s of strategies) {
    if (best === undefined || sign * by(s) < sign * by(best)) best = s;
  }
  return best;
}

function failedClause(s: StrategyResult): string {
  return `${s.name} failed ${percent(s.metrics.requests.failedRatio)} of requests`;
}

/**
 * One sentence saying what the comparison shows, derived from the numbers only: which strategy
 * kept the database's peak load lowest, who failed requests, and who ended mid-collapse.
 */
export function renderSummary(result: RunResult): string {
  const { strategies } = result;
  const peak = (s: StrategyResult) => s.metrics.db.peakQps;
  const failed = (s: StrategyResult) => s.metrics.requests.failed;
  const clauses: string[] = [];

  const lowest = extreme(strategies, peak, 1);
  const highest = extreme(strategies, peak, -1);
  if (lowest === undefined || highest === undefined) return "No strategies were run.\n";
  if (strategies.length === 1) {
    clauses.push(
      `${lowest.name} peaked at ${rate(peak(lowest))} DB queries with a p99 latency of ${duration(lowest.metrics.latencyMs.p99)}`,
    );
  } else if (peak(lowest) === peak(highest)) {
    clauses.push(`all strategies peaked at the same DB load (${rate(peak(lowest))})`);
  } else {
    clauses.push(
      `${lowest.name} kept peak DB QPS lowest (${rate(peak(lowest))} vs ${rate(peak(highest))} for ${highest.name})`,
    );
  }

  const mostFailed = extreme(strategies, failed, -1);
  if (mostFailed === undefined || failed(mostFailed) === 0) {
    clauses.push(strategies.length === 1 ? "no request failed" : "no strategy failed a request");
  } else {
    clauses.push(failedClause(mostFailed));
    if (lowest !== mostFailed && failed(lowest) > 0) clauses.push(failedClause(lowest));
  }

  const collapsed = strategies.filter(endedMidCollapse);
  if (collapsed.length > 0) {
    const names = collapsed.map((s) => s.name).join(", ");
    clauses.push(`${names} ended mid-collapse (requests still in flight at the end)`);
  }

  // Not capitalised: the sentence usually starts with a strategy's name, which is kept verbatim.
  return `${clauses.join("; ")}.\n`;
}
