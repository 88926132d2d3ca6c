import type { Linked, LinkedSet } from "./linkedSet.js";
import type { AdaptiveThrottle, RetryBudgetBucket } from "./retryPolicy.js";

export type AttemptOutcome = "ok" | "failed" | "shed";

/** Per-source (open loop) or per-client (closed loop) identity and retry state. */
export interface RequestOrigin {
  /** Stream id for keyed random draws: requests of one origin are numbered 0, 1, 2… */
  readonly streamId: number;
  nextSeq: number;
  readonly budget: RetryBudgetBucket | null;
  readonly throttle: AdaptiveThrottle | null;
}

/** Work at the app that an attempt waits for; told when the attempt's client gives up. */
export interface Awaited {
  waiterGone(): void;
}

/** One logical client operation; its attempts include the retries. */
export class ClientRequest {
  attemptsMade = 0;
  lastSleepMs = 0;
  done = false;

  constructor(
    readonly origin: RequestOrigin,
    readonly seq: number,
    readonly key: number,
    readonly isWrite: boolean,
    readonly arrivalMs: number,
    /** Arrived inside the measured window. */
    readonly measured: boolean,
    readonly onDone: (() => void) | null,
  ) {}
}

/** One try of a request: sent to an instance, answered or timed out. */
export class Attempt implements Linked {
  /** Links of the instance's set of attempts in progress. */
  linkOwner: LinkedSet<Linked> | null = null;
  linkPrev: Linked | null = null;
  linkNext: Linked | null = null;
  /** The client stopped waiting for it (answered, failed or timed out). */
  settled = false;
  /** Its timeout's place among simultaneous events, reserved when it was sent. */
  timeoutSeq = 0;
  /** Its place in the client's list of pending timeouts. */
  pendingSlot = 0;
  /** The work this attempt waits for at the app (a load or a write), for waiter liveness. */
  waitingOn: Awaited | null = null;

  constructor(
    readonly request: ClientRequest,
    /** 1 for the first attempt. */
    readonly n: number,
    readonly sentMs: number,
  ) {}

  // An attempt is its own key for keyed draws (a DrawKey: stream, request number, attempt), so a
  // load needs no key object per miss.
  get streamId(): number {
    return this.request.origin.streamId;
  }

  get seq(): number {
    return this.request.seq;
  }

  get attempt(): number {
    return this.n;
  }
}
