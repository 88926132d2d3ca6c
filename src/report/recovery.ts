import type { RecoverySummary, StrategyOutcome } from "../run/result.js";
import { duration, NONE } from "./format.js";

/** True when the run had a trigger and time before it, so a recovery verdict exists. */
export function hasRecoveryVerdict(s: StrategyOutcome): boolean {
  const verdict = s.recovery?.verdict;
  return verdict === "recovered" || verdict === "did-not-recover" || verdict === "partly-recovered";
}

/**
 * The verdict in a few words: "2s" after the trigger, "did not recover", or over replications
 * "2.1s ± 0.4s", "did not recover (0/5)", "3.2s (3/5 recovered)". "-" when there is no verdict.
 */
export function recoveryText(recovery: RecoverySummary | undefined): string {
  if (recovery === undefined) return NONE;
  const { verdict, runs, recoveredRuns } = recovery;
  const time = duration(recovery.recoveryMs);
  const interval =
    recovery.recoveryCi95 === undefined || recovery.recoveryCi95 === null
      ? ""
      : ` ± ${duration(recovery.recoveryCi95)}`;
  switch (verdict) {
    case "recovered":
      return `${time}${interval}`;
    case "did-not-recover":
      return runs > 1 ? `did not recover (0/${runs})` : "did not recover";
    case "partly-recovered":
      return `${time} (${recoveredRuns}/${runs} recovered)`;
    default:
      return NONE;
  }
}
