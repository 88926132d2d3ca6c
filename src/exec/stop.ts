/** Why a command stopped before its simulations finished. */
export type StopReason = "interrupted" | "max-wall" | "max-events";

/**
 * A command stopped early: by Ctrl-C, by `--max-wall`, or by a simulation passing
 * `--max-events`. Nothing is written after it; the CLI turns it into a message and an exit code.
 */
export class RunStopped extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
    this.name = "RunStopped";
  }
}

/** What may stop a batch from outside: Ctrl-C and the wall clock. */
export interface StopConditions {
  /** Wall-clock time (of `now`) past which the command stops; null for none. */
  deadlineMs: number | null;
  /** The wall clock, ms: the shell's, never the core's. */
  now: () => number;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/** Stop messages name how far the batch got, so a user knows what a rerun will cost. */
export function stopFor(
  reason: "interrupted" | "max-wall",
  done: number,
  total: number,
): RunStopped {
  const share = `${done} of ${total} simulation${total === 1 ? "" : "s"} had finished`;
  return reason === "interrupted"
    ? new RunStopped(reason, `interrupted; ${share}`)
    : new RunStopped(reason, `stopped at the --max-wall limit; ${share}`);
}

/** The reason to stop now, if any: Ctrl-C first, then the wall clock. */
export function pendingStop(opts: StopConditions, done: number, total: number): RunStopped | null {
  if (opts.signal?.aborted === true) return stopFor("interrupted", done, total);
  if (opts.deadlineMs !== null && opts.now() >= opts.deadlineMs) {
    return stopFor("max-wall", done, total);
  }
  return null;
}
