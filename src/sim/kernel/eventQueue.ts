/**
 * A binary min-heap of events ordered by (time, sequence number). The sequence number is the order
 * of scheduling, so simultaneous events run first-scheduled first and every run is reproducible.
 *
 * An event may be pushed as passive: a promise by its scheduler that it changes nothing a bulk step
 * of the model reads (see `peekActiveTime`). Passivity never changes the order: the heap key is
 * seq·2 + passive, and sequence numbers are distinct, so keys compare as the sequence numbers do.
 *
 * Keys are distinct, so the order events come out in depends only on which events are in the
 * heap, never on how the heap is laid out: that leaves room for the shortcuts below.
 */
export type Action = () => void;

/** An action that takes its data from its event (no closure per event). */
export type Handler<T> = (payload: T) => void;

export class EventQueue {
  // An event lives in a record slot (parallel arrays, not one object per event) and the heap
  // orders slot numbers: a sift moves one number per level instead of the four fields.
  private readonly times: number[] = [];
  private readonly keys: number[] = [];
  private readonly actions: Handler<unknown>[] = [];
  private readonly payloads: unknown[] = [];
  /** Record slots free for reuse. */
  private readonly freeSlots: number[] = [];
  private readonly heap: number[] = [];
  private nextSeq = 0;
  /**
   * pop() leaves the heap's root empty until the next push fills it (an event usually schedules
   * the next of its kind: one sift instead of two) or a read needs the heap whole.
   */
  private rootEmpty = false;
  /** The payload and sequence number of the event pop() returned last. */
  poppedPayload: unknown = undefined;
  poppedSeq = -1;
  /** Scratch stack of heap indices for peekActiveTime (kept to avoid allocating per call). */
  private readonly stack: number[] = [];

  get size(): number {
    return this.heap.length - (this.rootEmpty ? 1 : 0);
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
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.times.length;
    this.times[slot] = timeMs;
    this.keys[slot] = key;
    this.actions[slot] = action as Handler<unknown>;
    this.payloads[slot] = payload;
    if (this.rootEmpty) {
      this.rootEmpty = false;
      this.siftDown(slot, timeMs, key, this.heap.length);
      return seq;
    }
    const heap = this.heap;
    const times = this.times;
    const keys = this.keys;
    let i = heap.length;
    heap.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      const pt = times[p] as number;
      if (pt < timeMs || (pt === timeMs && (keys[p] as number) < key)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
    return seq;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.rootEmpty) this.fillRoot();
    const heap = this.heap;
    return heap.length > 0 ? (this.times[heap[0] as number] as number) : Number.POSITIVE_INFINITY;
  }

  /** Heap key (seq·2 + passive) of the earliest event, read after peekTime(); Infinity if none. */
  peekKey(): number {
    const heap = this.heap;
    return heap.length > 0 ? (this.keys[heap[0] as number] as number) : Number.POSITIVE_INFINITY;
  }

  /**
   * Time of the earliest event that is not passive; Infinity when there is none. A walk from the
   * root that only descends through passive events: a non-passive one bounds its whole subtree,
   * so the cost is proportional to the number of passive events near the top, not to the size.
   */
  peekActiveTime(): number {
    if (this.rootEmpty) this.fillRoot();
    const heap = this.heap;
    const times = this.times;
    const keys = this.keys;
    const n = heap.length;
    const stack = this.stack;
    let best = Number.POSITIVE_INFINITY;
    if (n === 0) return best;
    stack.length = 0;
    stack.push(0);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const slot = heap[i] as number;
      const t = times[slot] as number;
      if (t >= best) continue;
      if ((keys[slot] as number) % 2 === 0) {
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
    const slot = this.heap[0] as number;
    const key = this.keys[slot] as number;
    this.poppedPayload = this.payloads[slot];
    this.poppedSeq = (key - (key % 2)) / 2;
    // The slot is free at once: its fields are read, and the action may push into it.
    this.payloads[slot] = undefined;
    this.freeSlots.push(slot);
    return this.actions[slot] as Handler<unknown>;
  }

  /** Moves the last heap entry into the empty root and sinks it to its place. */
  private fillRoot(): void {
    this.rootEmpty = false;
    const last = this.heap.pop() as number;
    const n = this.heap.length;
    if (n > 0) this.siftDown(last, this.times[last] as number, this.keys[last] as number, n);
  }

  /** Places `slot` at the root (which is free) and sinks it within the first `n` heap entries. */
  private siftDown(slot: number, timeMs: number, key: number, n: number): void {
    const heap = this.heap;
    const times = this.times;
    const keys = this.keys;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      let child = heap[left] as number;
      let at = left;
      let ct = times[child] as number;
      if (left + 1 < n) {
        const r = heap[left + 1] as number;
        const rt = times[r] as number;
        if (rt < ct || (rt === ct && (keys[r] as number) < (keys[child] as number))) {
          child = r;
          at = left + 1;
          ct = rt;
        }
      }
      if (timeMs < ct || (timeMs === ct && key < (keys[child] as number))) break;
      heap[i] = child;
      i = at;
    }
    heap[i] = slot;
  }
}
