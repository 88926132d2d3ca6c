import { type Action, EventQueue, type Handler } from "./eventQueue.js";

/**
 * The simulation clock and its event loop. It knows nothing of caches or databases: model objects
 * schedule actions and the kernel runs them in (time, scheduling order) until the end time.
 */
export class Kernel {
  private readonly queue = new EventQueue();
  /** Every slot made (few: one per open-loop source), and the armed one that runs first. */
  private readonly slots: EventSlot[] = [];
  private firstSlot: EventSlot | null = null;
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

  /**
   * A slot for a stream of events of which at most one is pending at a time (a source's next
   * arrival): its event runs exactly where `at` would have put it, without entering the heap.
   */
  slot(action: Action): EventSlot {
    const slot = new EventSlot(this, action);
    this.slots.push(slot);
    return slot;
  }

  /** Arms `slot` (called by EventSlot.at). */
  armSlot(slot: EventSlot, atMs: number): void {
    if (!(atMs >= this.nowMs)) {
      throw new Error(`event scheduled in the past: ${atMs} < now ${this.nowMs}`);
    }
    if (slot.armed) throw new Error("an event slot holds one pending event at a time");
    slot.armed = true;
    slot.timeMs = atMs;
    slot.key = this.queue.reserveSeq() * 2;
    const first = this.firstSlot;
    if (first === null || atMs < first.timeMs) this.firstSlot = slot;
  }

  /** The armed slot whose event comes first, or null (slots are few: a scan is cheapest). */
  private earliestSlot(): EventSlot | null {
    let best: EventSlot | null = null;
    for (const slot of this.slots) {
      if (!slot.armed) continue;
      if (
        best === null ||
        slot.timeMs < best.timeMs ||
        (slot.timeMs === best.timeMs && slot.key < best.key)
      ) {
        best = slot;
      }
    }
    return best;
  }

  /** Time of the earliest pending event that is not passive; Infinity when none is. */
  nextActiveEventMs(): number {
    const heapMs = this.queue.peekActiveTime();
    const slot = this.firstSlot;
    return slot !== null && slot.timeMs < heapMs ? slot.timeMs : heapMs;
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
      const heapMs = queue.peekTime();
      const slot = this.firstSlot;
      if (
        slot !== null &&
        (slot.timeMs < heapMs || (slot.timeMs === heapMs && slot.key < queue.peekKey()))
      ) {
        if (!(slot.timeMs < untilMs)) break;
        if (budget <= 0) return false;
        budget--;
        this.nowMs = slot.timeMs;
        slot.armed = false;
        this.firstSlot = this.slots.length === 1 ? null : this.earliestSlot();
        this.processed++;
        slot.action();
        continue;
      }
      if (!(heapMs < untilMs)) break;
      if (budget <= 0) return false;
      budget--;
      this.nowMs = heapMs;
      const action = queue.pop();
      this.processed++;
      action(queue.poppedPayload);
    }
    this.nowMs = untilMs;
    return true;
  }
}

/** See Kernel.slot. */
export class EventSlot {
  armed = false;
  timeMs = 0;
  /** Its place among simultaneous events: a heap key (seq·2, never passive). */
  key = 0;

  constructor(
    private readonly kernel: Kernel,
    readonly action: Action,
  ) {}

  /** Runs the slot's action at `atMs`; the slot must not hold a pending event. */
  at(atMs: number): void {
    this.kernel.armSlot(this, atMs);
  }
}
