/**
 * A binary min-heap of events ordered by (time, sequence number). The sequence number is the order
 * of scheduling, so simultaneous events run first-scheduled first and every run is reproducible.
 */
export type Action = () => void;

export class EventQueue {
  // Parallel arrays instead of one object per event: the heap is the simulator's hottest structure.
  private times: number[] = [];
  private seqs: number[] = [];
  private actions: Action[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.times.length;
  }

  /** Takes the next sequence number now, for an event to be pushed later in its place. */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /** Adds an event; `seq` (from reserveSeq) orders it as if it had been pushed back then. */
  push(timeMs: number, action: Action, seq: number = this.nextSeq++): void {
    const times = this.times;
    const seqs = this.seqs;
    const actions = this.actions;
    let i = times.length;
    times.push(timeMs);
    seqs.push(seq);
    actions.push(action);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < timeMs || (pt === timeMs && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      actions[i] = actions[parent] as Action;
      i = parent;
    }
    times[i] = timeMs;
    seqs[i] = seq;
    actions[i] = action;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.times.length > 0 ? (this.times[0] as number) : Number.POSITIVE_INFINITY;
  }

  /** Removes the earliest event and returns its action. The caller reads peekTime() first. */
  pop(): Action {
    const times = this.times;
    const seqs = this.seqs;
    const actions = this.actions;
    const top = actions[0] as Action;
    const lastTime = times.pop() as number;
    const lastSeq = seqs.pop() as number;
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
        if (rt < lt || (rt === lt && (seqs[right] as number) < (seqs[left] as number)))
          child = right;
      }
      const ct = times[child] as number;
      if (lastTime < ct || (lastTime === ct && lastSeq < (seqs[child] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[child] as number;
      actions[i] = actions[child] as Action;
      i = child;
    }
    times[i] = lastTime;
    seqs[i] = lastSeq;
    actions[i] = lastAction;
    return top;
  }
}
