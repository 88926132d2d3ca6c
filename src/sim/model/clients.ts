import type { AppTier } from "./appTier.js";
import { Attempt, type AttemptOutcome, type ClientRequest } from "./request.js";
import { backoffMs } from "./retryPolicy.js";
import { Draw, type World } from "./world.js";

/**
 * The client side of every request: per-attempt timeout, retries with backoff and jitter, the
 * retry budget and adaptive throttling. A tie between an answer and the timeout is a timeout: the
 * timeout is scheduled when the attempt is sent, so at equal times it runs first.
 */
export class Clients {
  constructor(
    private readonly world: World,
    private readonly appTier: () => AppTier,
  ) {}

  /** A new request arrives. */
  start(request: ClientRequest): void {
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
    const timeoutMs = world.config.client.timeoutMs;
    if (timeoutMs !== null) {
      world.kernel.after(timeoutMs, () => {
        if (attempt.settled) return;
        this.settle(attempt);
        this.retryOrFinish(request, "failed");
      });
    }
    world.network.send(() => this.appTier().receive(attempt));
  }

  /** An answer reaches the client (late ones, after a timeout, are ignored). */
  receive(attempt: Attempt, outcome: AttemptOutcome): void {
    if (attempt.settled) return;
    attempt.settled = true;
    attempt.waitingOn = null;
    const request = attempt.request;
    if (outcome === "ok") {
      request.origin.throttle?.recordAccept(this.world.kernel.now);
      this.finish(request, "ok");
    } else {
      this.retryOrFinish(request, outcome);
    }
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
