import type { RunResult, StrategyOutcome as StrategyResult } from "../run/result.js";
import { duration, endedMidCollapse, percent, rate } from "./format.js";
import { hasRecoveryVerdict } from "./recovery.js";

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

/** Who did not get back to the pre-trigger goodput (the metastability verdict), if anyone. */
function recoveryClause(strategies: readonly StrategyResult[]): string | null {
  const judged = strategies.filter(hasRecoveryVerdict);
  if (judged.length === 0) return null;
  const named = (verdict: string) =>
    judged
      .filter((s) => s.recovery?.verdict === verdict)
      .map((s) => s.name)
      .join(", ");
  const stuck = named("did-not-recover");
  const partly = named("partly-recovered");
  const parts: string[] = [];
  if (stuck !== "") parts.push(`${stuck} did not recover after the trigger`);
  if (partly !== "") parts.push(`${partly} recovered in only some replications`);
  if (parts.length > 0) return parts.join("; ");
  const slowest = Math.max(...judged.map((s) => s.recovery?.recoveryMs ?? 0));
  const who = judged.length === 1 ? (judged[0]?.name ?? "") : "every strategy";
  if (slowest === 0)
    return `${who} was back to its pre-trigger goodput as soon as the trigger ended`;
  return `${who} recovered within ${duration(slowest)} of the trigger's end`;
}

/**
 * One sentence saying what the comparison shows, derived from the numbers only: which strategy
 * kept the database's peak load lowest, who failed requests, who ended mid-collapse and who did not recover after the trigger.
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

  const recovery = recoveryClause(strategies);
  if (recovery !== null) clauses.push(recovery);

  // Not capitalised: the sentence usually starts with a strategy's name, which is kept verbatim.
  return `${clauses.join("; ")}.\n`;
}
