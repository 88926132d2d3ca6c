/** An app instance's in-process L1 cache: a fresh-until per key, LRU-bounded when `capacity` is set. */
export class LocalCache {
  private readonly freshUntil = new Map<number, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number | null,
  ) {}

  isFresh(key: number, nowMs: number): boolean {
    const until = this.freshUntil.get(key);
    if (until === undefined) return false;
    if (nowMs >= until) {
      this.freshUntil.delete(key);
      return false;
    }
    if (this.capacity !== null) {
      this.freshUntil.delete(key);
      this.freshUntil.set(key, until);
    }
    return true;
  }

  /** Stores a value read from the shared cache or the DB; never fresher than its source. */
  fill(key: number, nowMs: number, sourceFreshUntilMs: number): void {
    const until = Math.min(nowMs + this.ttlMs, sourceFreshUntilMs);
    if (until <= nowMs) return;
    this.freshUntil.delete(key);
    this.freshUntil.set(key, until);
    if (this.capacity !== null && this.freshUntil.size > this.capacity) {
      this.freshUntil.delete(this.freshUntil.keys().next().value as number);
    }
  }

  invalidate(key: number): void {
    this.freshUntil.delete(key);
  }

  clear(): void {
    this.freshUntil.clear();
  }
}
