import type { Recorder } from "../metrics/recorder.js";

/** A cached value of one key, with its freshness window and measured recompute time. */
export interface CacheEntry {
  /** The DB version of the key this value was read at. */
  version: number;
  writtenAtMs: number;
  /** Fresh iff now < freshUntilMs. */
  freshUntilMs: number;
  /** Readable as stale (by a mitigation that allows it) iff now < keepUntilMs. */
  keepUntilMs: number;
  /** Recompute time δ of the load that produced it (xfetch). */
  deltaMs: number;
}

/**
 * The shared cache's state as seen at the moment an operation takes effect (send + RTT/2). Round
 * trips are the caller's business; this class is the store: entries, LRU capacity, locks and
 * lease tokens, and the version bookkeeping that detects stale sets.
 */
export class SharedCache {
  private readonly entries = new Map<number, CacheEntry>();
  /** Highest version written or invalidated per key: a set below it writes an older value. */
  private readonly newestVersion: Float64Array;
  private readonly locks = new Map<number, { owner: number; untilMs: number }>();
  private readonly leases = new Map<number, { token: number; untilMs: number }>();
  private nextToken = 1;

  constructor(
    keyCount: number,
    private readonly capacity: number | null,
    private readonly recorder: Recorder,
  ) {
    this.newestVersion = new Float64Array(keyCount).fill(-1);
  }

  /** The entry if it is still readable (fresh or keepable), refreshing its LRU position. */
  get(key: number, nowMs: number): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.keepUntilMs) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.capacity !== null) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Peeks without touching LRU order or counting (timeline events, tests). */
  peek(key: number): CacheEntry | undefined {
    return this.entries.get(key);
  }

  set(key: number, entry: CacheEntry, nowMs: number, counted = true): void {
    const stale = entry.version < (this.newestVersion[key] as number);
    if (entry.version > (this.newestVersion[key] as number))
      this.newestVersion[key] = entry.version;
    if (counted) this.recorder.cacheSet(nowMs, stale);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.capacity !== null && this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  /** A write of `version` reached the DB and invalidates the cached value. */
  invalidate(key: number, version: number): void {
    if (version > (this.newestVersion[key] as number)) this.newestVersion[key] = version;
    this.entries.delete(key);
    this.leases.delete(key);
  }

  /** Timeline `expire`: no longer fresh from now; the stale copy keeps its keep-until. */
  expire(key: number, nowMs: number): void {
    const entry = this.entries.get(key);
    if (entry && entry.freshUntilMs > nowMs) entry.freshUntilMs = nowMs;
  }

  /** Timeline `flush`: values, stale copies and locks all go. */
  flush(): void {
    this.entries.clear();
    this.locks.clear();
    this.leases.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Atomic set-if-absent of a lock with a TTL; true when `owner` now holds it. */
  tryLock(key: number, owner: number, nowMs: number, ttlMs: number): boolean {
    const held = this.locks.get(key);
    if (held && held.untilMs > nowMs) return false;
    this.locks.set(key, { owner, untilMs: nowMs + ttlMs });
    return true;
  }

  /** Releases the lock only if `owner` still holds it (a late holder cannot free another's). */
  unlock(key: number, owner: number): void {
    const held = this.locks.get(key);
    if (held && held.owner === owner) this.locks.delete(key);
  }

  /**
   * A miss asks for a lease: a new token when the key has none alive (at most one per
   * `tokenEveryMs`), else null — a hot miss.
   */
  leaseOnMiss(key: number, nowMs: number, tokenEveryMs: number): number | null {
    const held = this.leases.get(key);
    if (held && held.untilMs > nowMs) return null;
    const token = this.nextToken++;
    this.leases.set(key, { token, untilMs: nowMs + tokenEveryMs });
    return token;
  }

  /** A set with a lease token succeeds only while that token is the key's current one; it uses it up. */
  redeemLease(key: number, token: number, nowMs: number): boolean {
    const held = this.leases.get(key);
    if (!held || held.token !== token || held.untilMs <= nowMs) return false;
    this.leases.delete(key);
    return true;
  }
}
