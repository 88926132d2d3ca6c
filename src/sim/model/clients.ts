import type { AppTier } from "./appTier.js";
import { Attempt, type AttemptOutcome, type ClientRequest } from "./request.js";
import { backoffMs } from "./retryPolicy.js";
import { Draw, type World } from "./world.js";

/**
 * The client side of every request: per-attempt timeout, retries with backoff and jitter, the
 * retry budget and adaptive throttling. A tie between an answer and the timeout is a timeout: the
 * timeout takes its place in the event order when the attempt is sent, so at equal times it runs
 * first.
 */
export class Clients {
  /**
   * Attempts waiting for their timeout, in send order. Every attempt has the same timeout, so
   * deadlines come in this order too and only the earliest needs an event in the queue: thousands
   * of pending timeouts would otherwise fill the event heap (and the heap), slowing every event.
   * A settled attempt's slot is cleared at once, so answered requests die young instead of living
   * for a whole timeout in the garbage collector's old generation.
   */
  private readonly pending: Array<Attempt | null> = [];
  private pendingHead = 0;
  /** Absolute number of the attempt in pending[0] (slots before it were spliced away). */
  private pendingBase = 0;
  private timerArmed = false;
  private readonly timeoutMs: number | null;

  constructor(
    private readonly world: World,
    private readonly appTier: () => AppTier,
  ) {
    this.timeoutMs = world.config.client.timeoutMs;
  }

  /** A new request arrives. */
  start(request: ClientRequest): void {
    this.world.probe?.requestStarted(request, this.world.kernel.now);
    request.origin.budget?.earn();
    this.send(request);
  }

  private send(request: ClientRequest): void {
    const world = this.world;
    const now = world.kernel.now;
    const n = ++request.attemptsMade;
    const throttle = request.origin.throttle;
    if (throttle !== null) {
      const p = throttle.rejectProbability(now);
      throttle.recordRequest(now);
      if (p > 0 && this.draw(request, n, Draw.throttle) <= p) {
        world.recorder.attemptThrottled(request.measured);
        this.finish(request, "failed");
        return;
      }
    }
    world.recorder.attemptSent(request.measured);
    const attempt = new Attempt(request, n, now);
    if (this.timeoutMs !== null) {
      attempt.timeoutSeq = world.kernel.reserveSeq();
      attempt.pendingSlot = this.pendingBase + this.pending.length;
      this.pending.push(attempt);
      if (!this.timerArmed) this.armTimeout();
    }
    if (world.network.partitioned) world.network.send(() => this.appTier().receive(attempt));
    else this.appTier().receive(attempt);
  }

  /** Schedules the earliest pending timeout still waiting, in its reserved place. */
  private armTimeout(): void {
    const pending = this.pending;
    while (this.pendingHead < pending.length && isSettled(pending[this.pendingHead])) {
      this.pendingHead++;
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > pending.length) {
      pending.splice(0, this.pendingHead);
      this.pendingBase += this.pendingHead;
      this.pendingHead = 0;
    }
    const head = pending[this.pendingHead];
    if (head === undefined || head === null) return;
    this.timerArmed = true;
    this.world.kernel.atReserved(
      head.sentMs + (this.timeoutMs as number),
      head.timeoutSeq,
      this.fireTimeout,
    );
  }

  private readonly fireTimeout = (): void => {
    this.timerArmed = false;
    const attempt = this.pending[this.pendingHead++];
    if (attempt !== null && attempt !== undefined && !attempt.settled) {
      this.settle(attempt);
      this.retryOrFinish(attempt.request, "failed");
    }
    if (!this.timerArmed) this.armTimeout();
  };

  /** An answer reaches the client (late ones, after a timeout, are ignored). */
  receive(attempt: Attempt, outcome: AttemptOutcome): void {
    if (attempt.settled) return;
    attempt.settled = true;
    attempt.waitingOn = null;
    this.forget(attempt);
    const request = attempt.request;
    if (outcome === "ok") {
      request.origin.throttle?.recordAccept(this.world.kernel.now);
      this.finish(request, "ok");
    } else {
      this.retryOrFinish(request, outcome);
    }
  }

  /** Clears a settled attempt's slot in `pending` (its timeout, if armed, finds it gone). */
  private forget(attempt: Attempt): void {
    if (this.timeoutMs === null) return;
    const i = attempt.pendingSlot - this.pendingBase;
    if (i >= this.pendingHead && this.pending[i] === attempt) this.pending[i] = null;
  }

  /** The client gives up on the attempt: its work at the app loses a live waiter. */
  private settle(attempt: Attempt): void {
    attempt.settled = true;
    const awaited = attempt.waitingOn;
    attempt.waitingOn = null;
    awaited?.waiterGone();
  }

  private retryOrFinish(request: ClientRequest, outcome: AttemptOutcome): void {
    const retry = this.world.config.client.retry;
    const budget = request.origin.budget;
    if (request.attemptsMade >= retry.attempts || (budget !== null && !budget.trySpend())) {
      this.finish(request, outcome);
      return;
    }
    const n = request.attemptsMade; // this is retry number n
    const u = this.draw(request, n + 1, Draw.backoff);
    const sleepMs = backoffMs(retry.backoff, n, request.lastSleepMs, u);
    request.lastSleepMs = sleepMs;
    if (sleepMs > 0) this.world.kernel.after(sleepMs, () => this.send(request));
    else this.send(request);
  }

  private finish(request: ClientRequest, outcome: AttemptOutcome): void {
    if (request.done) return;
    request.done = true;
    this.world.probe?.requestEnded(request, outcome, this.world.kernel.now);
    this.world.recorder.requestFinished(
      request.measured,
      outcome,
      request.arrivalMs,
      this.world.kernel.now,
    );
    request.onDone?.();
  }

  private draw(request: ClientRequest, attempt: number, purpose: number): number {
    return this.world.keyed.uniform(request.origin.streamId, request.seq, attempt, purpose);
  }
}

function isSettled(attempt: Attempt | null | undefined): boolean {
  return attempt === null || attempt === undefined || attempt.settled;
}
