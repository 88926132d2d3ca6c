/**
 * A binary min-heap of events ordered by (time, sequence number). The sequence number is the order
 * of scheduling, so simultaneous events run first-scheduled first and every run is reproducible.
 *
 * An event may be pushed as passive: a promise by its scheduler that it changes nothing a bulk step
 * of the model reads (see `peekActiveTime`). Passivity never changes the order: the heap key is
 * seq·2 + passive, and sequence numbers are distinct, so keys compare as the sequence numbers do.
 */
export type Action = () => void;

export class EventQueue {
  // Parallel arrays instead of one object per event: the heap is the simulator's hottest structure.
  private times: number[] = [];
  private keys: number[] = [];
  private actions: Action[] = [];
  private nextSeq = 0;
  /** Scratch stack of heap indices for peekActiveTime (kept to avoid allocating per call). */
  private readonly stack: number[] = [];

  get size(): number {
    return this.times.length;
  }

  /** Takes the next sequence number now, for an event to be pushed later in its place. */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /** Adds an event; `seq` (from reserveSeq) orders it as if it had been pushed back then. */
  push(timeMs: number, action: Action, seq: number = this.nextSeq++, passive = false): void {
    const key = seq * 2 + (passive ? 1 : 0);
    const times = this.times;
    const keys = this.keys;
    const actions = this.actions;
    let i = times.length;
    times.push(timeMs);
    keys.push(key);
    actions.push(action);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < timeMs || (pt === timeMs && (keys[parent] as number) < key)) break;
      times[i] = pt;
      keys[i] = keys[parent] as number;
      actions[i] = actions[parent] as Action;
      i = parent;
    }
    times[i] = timeMs;
    keys[i] = key;
    actions[i] = action;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.times.length > 0 ? (this.times[0] as number) : Number.POSITIVE_INFINITY;
  }

  /**
   * Time of the earliest event that is not passive; Infinity when there is none. A walk from the
   * root that only descends through passive events: a non-passive one bounds its whole subtree,
   * so the cost is proportional to the number of passive events near the top, not to the size.
   */
  peekActiveTime(): number {
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

  /** Removes the earliest event and returns its action. The caller reads peekTime() first. */
  pop(): Action {
    const times = this.times;
    const keys = this.keys;
    const actions = this.actions;
    const top = actions[0] as Action;
    const lastTime = times.pop() as number;
    const lastKey = keys.pop() as number;
    const lastAction = actions.pop() as Action;
    const n = times.length;
    if (n === 0) return top;
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
      if (lastTime < ct || (lastTime === ct && lastKey < (keys[child] as number))) break;
      times[i] = ct;
      keys[i] = keys[child] as number;
      actions[i] = actions[child] as Action;
      i = child;
    }
    times[i] = lastTime;
    keys[i] = lastKey;
    actions[i] = lastAction;
    return top;
  }
}
