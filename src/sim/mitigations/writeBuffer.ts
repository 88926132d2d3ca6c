import type { WriteBuffer } from "../config.js";
import type { Kernel } from "../kernel/kernel.js";

/**
 * Write buffering: a write is acknowledged once enqueued and drained to the DB at a fixed `rate`;
 * its key is invalidated when the write reaches the DB.
 * Guarantee: the DB never receives buffered writes faster than `rate` per second.
 */
export class WriteQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private nextDrainMs = 0;
  private draining = false;
  private readonly intervalMs: number;

  constructor(
    private readonly kernel: Kernel,
    options: WriteBuffer,
    private readonly drain: (item: T) => void,
  ) {
    this.intervalMs = 1000 / options.ratePerSec;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  enqueue(item: T): void {
    this.items.push(item);
    if (!this.draining) this.scheduleNext();
  }

  private scheduleNext(): void {
    this.draining = true;
    const at = Math.max(this.kernel.now, this.nextDrainMs);
    this.kernel.at(at, () => {
      const item = this.items[this.head] as T;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      this.nextDrainMs = this.kernel.now + this.intervalMs;
      this.drain(item);
      if (this.length > 0) this.scheduleNext();
      else this.draining = false;
    });
  }
}
