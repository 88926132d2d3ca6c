import { type Action, EventQueue, type Handler } from "./eventQueue.js";

/**
 * The simulation clock and its event loop. It knows nothing of caches or databases: model objects
 * schedule actions and the kernel runs them in (time, scheduling order) until the end time.
 */
export class Kernel {
  private readonly queue = new EventQueue();
  private nowMs = 0;
  private processed = 0;
  private latestPassiveMs = Number.NEGATIVE_INFINITY;

  get now(): number {
    return this.nowMs;
  }

  /** Events run so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Runs `action` at absolute time `atMs` (never in the past). */
  at(atMs: number, action: Action): void {
    if (!(atMs >= this.nowMs)) {
      throw new Error(`event scheduled in the past: ${atMs} < now ${this.nowMs}`);
    }
    this.queue.push(atMs, action, undefined);
  }

  /**
   * Runs `handler(payload)` at `atMs`: one handler serves every event of its kind, so scheduling
   * one allocates nothing. Returns the event's sequence number (see `currentSeq`).
   */
  atWith<T>(atMs: number, handler: Handler<T>, payload: T): number {
    if (!(atMs >= this.nowMs)) {
      throw new Error(`event scheduled in the past: ${atMs} < now ${this.nowMs}`);
    }
    return this.queue.push(atMs, handler, payload);
  }

  /** The sequence number of the event running now: tells a handler which of its events it is. */
  get currentSeq(): number {
    return this.queue.poppedSeq;
  }

  /** Reserves a place in the order of simultaneous events, for `atReserved`. */
  reserveSeq(): number {
    return this.queue.reserveSeq();
  }

  /**
   * Runs `action` at `atMs`, ordered among simultaneous events as if it had been scheduled when
   * `seq` was reserved: a deferred event keeps its place without sitting in the queue meanwhile.
   */
  atReserved(atMs: number, seq: number, action: Action): void {
    if (!(atMs >= this.nowMs)) {
      throw new Error(`event scheduled in the past: ${atMs} < now ${this.nowMs}`);
    }
    this.queue.push(atMs, action, undefined, seq);
  }

  /** Runs `action` `delayMs` from now. */
  after(delayMs: number, action: Action): void {
    this.at(this.nowMs + delayMs, action);
  }

  /**
   * Like `after`, for an event its scheduler promises is passive: it changes nothing that a bulk
   * step of the model reads or writes, so such a step may run ahead of it (`nextActiveEventMs`).
   * It runs in exactly the place `after` would give it.
   */
  afterPassive(delayMs: number, action: Action): void {
    const atMs = this.nowMs + delayMs;
    if (!(atMs >= this.nowMs)) {
      throw new Error(`event scheduled in the past: ${atMs} < now ${this.nowMs}`);
    }
    if (atMs > this.latestPassiveMs) this.latestPassiveMs = atMs;
    this.queue.push(atMs, action, undefined, undefined, true);
  }

  /** Time of the earliest pending event that is not passive; Infinity when none is. */
  nextActiveEventMs(): number {
    return this.queue.peekActiveTime();
  }

  /** The latest time of any passive event ever scheduled: none is pending after it. */
  get latestPassiveEventMs(): number {
    return this.latestPassiveMs;
  }

  /** Runs every event with time < untilMs (the end is exclusive), then sets the clock to untilMs. */
  run(untilMs: number): void {
    this.runFor(untilMs, Number.POSITIVE_INFINITY);
  }

  /**
   * Runs at most `maxEvents` of the events with time < untilMs. Returns true, with the clock set
   * to untilMs, when none is left; false when it stopped at the budget, so a caller can look up
   * (at a wall clock, a Ctrl-C) between slices and go on. Slicing never changes the result.
   */
  runFor(untilMs: number, maxEvents: number): boolean {
    const queue = this.queue;
    let budget = maxEvents;
    for (;;) {
      const atMs = queue.peekTime();
      if (!(atMs < untilMs)) break;
      if (budget <= 0) return false;
      budget--;
      this.nowMs = atMs;
      const action = queue.pop();
      this.processed++;
      action(queue.poppedPayload);
    }
    this.nowMs = untilMs;
    return true;
  }
}
