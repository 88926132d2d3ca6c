import type { RandomStream } from "../kernel/random.js";
import type { AppInstance } from "../model/appInstance.js";
import type { DrawKey, Load, LoadResult } from "../model/load.js";
import type { Attempt } from "../model/request.js";
import type { CacheEntry } from "../model/sharedCache.js";
import type { World } from "../model/world.js";

/** What the freshness stop decides for a read, at the moment its GET takes effect. */
export type FreshnessDecision =
  /** Fresh: serve it. */
  | "hit"
  /** Fresh, but this reader refreshes early (xfetch and the other early-expiry recipes). */
  | "early-refresh"
  /** Past fresh, within keep: serve the stale value at once and refresh in the background. */
  | "stale-refresh"
  /** No usable value: load it (a stale copy may still be offered to the coalescing stop). */
  | "miss";

/** The freshness slot: how long a write stays fresh and what a read of it does. */
export interface FreshnessPolicy {
  /** Fresh-until and keep-until of a value written at `writeMs`, durations scaled by the ttl factor. */
  window(writeMs: number, factor: number): { freshUntilMs: number; keepUntilMs: number };
  decide(entry: CacheEntry | undefined, atMs: number, random: RandomStream): FreshnessDecision;
  /**
   * Reads of `entry` taking effect before this time decide "hit" whatever they draw (they still
   * draw). Lets runs of fresh reads be skipped over in bulk; absent = never certain.
   */
  certainHitBeforeMs?(entry: CacheEntry): number;
  /** An early refresh serves the old value and refreshes behind it, rather than making the reader wait. */
  readonly earlyRefreshInBackground: boolean;
}

/** A read waiting at the coalescing stop; `attempt` is null for background work. */
export interface ReadWaiter {
  readonly attempt: Attempt | null;
  /**
   * The read reloads a value that may still be fresh (background work, or an in-line early
   * refresh) rather than missing: a lock or lease loser then keeps what it has.
   */
  readonly refresh: boolean;
  /** A stale copy seen by the lookup (past fresh-until, before keep-until), if any. */
  readonly stale: CacheEntry | undefined;
  /** The read now waits for a load (classified as a miss). */
  waiting(): void;
  /** The read takes the stale copy instead of waiting. */
  serveStale(): void;
  done(result: LoadResult): void;
}

/** What the coalescing stop may use: the world and a way to make loads that pass the breaker. */
export interface CoalescingContext {
  readonly world: World;
  newLoad(instance: AppInstance, key: number, drawKey: DrawKey, background: boolean): Load;
}

/** The coalescing slot: how a miss becomes (or joins) a load. */
export interface Coalescer {
  /**
   * Runs at the cache when a lookup misses (memcached hands out a lease token with the miss);
   * whatever it returns is given to `fetch` as the ticket.
   */
  onLookupMiss?(key: number, atMs: number): number | null;
  fetch(
    instance: AppInstance,
    key: number,
    waiter: ReadWaiter,
    drawKey: DrawKey,
    ticket: number | null,
  ): void;
}
