/**
 * A binary min-heap of events ordered by (time, sequence number). The sequence number is the order
 * of scheduling, so simultaneous events run first-scheduled first and every run is reproducible.
 *
 * An event may be pushed as passive: a promise by its scheduler that it changes nothing a bulk step
 * of the model reads (see `peekActiveTime`). Passivity never changes the order: the heap key is
 * seq·2 + passive, and sequence numbers are distinct, so keys compare as the sequence numbers do.
 */
export type Action = () => void;

/** An action that takes its data from its event (no closure per event). */
export type Handler<T> = (payload: T) => void;

export class EventQueue {
  // Parallel arrays instead of one object per event: the heap is the simulator's hottest structure.
  private times: number[] = [];
  private keys: number[] = [];
  private actions: Handler<unknown>[] = [];
  private payloads: unknown[] = [];
  private nextSeq = 0;
  /**
   * pop() leaves the root slot empty until the next push fills it or a read needs the heap
   * whole. Sequence numbers are distinct, so the order events come out in depends only on which
   * events are in the heap, never on how the heap is laid out.
   */
  private rootEmpty = false;
  /** The payload and sequence number of the event pop() returned last. */
  poppedPayload: unknown = undefined;
  poppedSeq = -1;
  /** Scratch stack of heap indices for peekActiveTime (kept to avoid allocating per call). */
  private readonly stack: number[] = [];

  get size(): number {
    return this.times.length - (this.rootEmpty ? 1 : 0);
  }

  /** Takes the next sequence number now, for an event to be pushed later in its place. */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /**
   * Adds an event; `seq` (from reserveSeq) orders it as if it had been pushed back then. The
   * action gets `payload` when it runs. Returns the event's sequence number.
   */
  push<T>(
    timeMs: number,
    action: Handler<T>,
    payload: T,
    seq: number = this.nextSeq++,
    passive = false,
  ): number {
    const key = seq * 2 + (passive ? 1 : 0);
    if (this.rootEmpty) {
      // The event just run left the root empty: the new one fills it and sinks to its place, one
      // sift instead of two (an event usually schedules the next one of its kind).
      this.rootEmpty = false;
      this.siftDown(timeMs, key, action as Handler<unknown>, payload, this.times.length);
      return seq;
    }
    const times = this.times;
    const keys = this.keys;
    const actions = this.actions;
    const payloads = this.payloads;
    let i = times.length;
    times.push(timeMs);
    keys.push(key);
    actions.push(action as Handler<unknown>);
    payloads.push(payload);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < timeMs || (pt === timeMs && (keys[parent] as number) < key)) break;
      times[i] = pt;
      keys[i] = keys[parent] as number;
      actions[i] = actions[parent] as Handler<unknown>;
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = timeMs;
    keys[i] = key;
    actions[i] = action as Handler<unknown>;
    payloads[i] = payload;
    return seq;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.rootEmpty) this.fillRoot();
    return this.times.length > 0 ? (this.times[0] as number) : Number.POSITIVE_INFINITY;
  }

  /** Heap key (seq·2 + passive) of the earliest event, read right after peekTime(); Infinity when empty. */
  peekKey(): number {
    return this.times.length > 0 ? (this.keys[0] as number) : Number.POSITIVE_INFINITY;
  }

  /**
   * Time of the earliest event that is not passive; Infinity when there is none. A walk from the
   * root that only descends through passive events: a non-passive one bounds its whole subtree,
   * so the cost is proportional to the number of passive events near the top, not to the size.
   */
  peekActiveTime(): number {
    if (this.rootEmpty) this.fillRoot();
    const times = this.times;
    const keys = this.keys;
    const n = times.length;
    const stack = this.stack;
    let best = Number.POSITIVE_INFINITY;
    if (n === 0) return best;
    stack.length = 0;
    stack.push(0);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const t = times[i] as number;
      if (t >= best) continue;
      if ((keys[i] as number) % 2 === 0) {
        best = t;
        continue;
      }
      const left = 2 * i + 1;
      if (left < n) stack.push(left);
      if (left + 1 < n) stack.push(left + 1);
    }
    return best;
  }

  /**
   * Removes the earliest event and returns its action; its payload and sequence number are then
   * `poppedPayload` and `poppedSeq`. The caller reads peekTime() first.
   */
  pop(): Handler<unknown> {
    if (this.rootEmpty) this.fillRoot();
    this.rootEmpty = true;
    this.poppedPayload = this.payloads[0];
    this.poppedSeq = (this.keys[0] as number) >> 1;
    return this.actions[0] as Handler<unknown>;
  }

  /** Moves the last event into the empty root and sinks it to its place. */
  private fillRoot(): void {
    this.rootEmpty = false;
    const lastTime = this.times.pop() as number;
    const lastKey = this.keys.pop() as number;
    const lastAction = this.actions.pop() as Handler<unknown>;
    const lastPayload = this.payloads.pop();
    const n = this.times.length;
    if (n > 0) this.siftDown(lastTime, lastKey, lastAction, lastPayload, n);
  }

  /** Places an event at the root (whose slot is free) and sinks it within the first `n` slots. */
  private siftDown(
    timeMs: number,
    key: number,
    action: Handler<unknown>,
    payload: unknown,
    n: number,
  ): void {
    const times = this.times;
    const keys = this.keys;
    const actions = this.actions;
    const payloads = this.payloads;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n) {
        const lt = times[left] as number;
        const rt = times[right] as number;
        if (rt < lt || (rt === lt && (keys[right] as number) < (keys[left] as number)))
          child = right;
      }
      const ct = times[child] as number;
      if (timeMs < ct || (timeMs === ct && key < (keys[child] as number))) break;
      times[i] = ct;
      keys[i] = keys[child] as number;
      actions[i] = actions[child] as Handler<unknown>;
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = timeMs;
    keys[i] = key;
    actions[i] = action;
    payloads[i] = payload;
  }
}
