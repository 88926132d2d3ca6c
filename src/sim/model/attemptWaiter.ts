import type { ReadWaiter } from "../mitigations/types.js";
import type { AppInstance } from "./appInstance.js";
import type { LoadResult } from "./load.js";
import type { Attempt, AttemptOutcome } from "./request.js";
import type { CacheEntry } from "./sharedCache.js";
import type { World } from "./world.js";

/** How a waiting read answers its client: the app tier's reply stop. */
export interface ReadReplies {
  reply(instance: AppInstance, attempt: Attempt, outcome: AttemptOutcome): void;
  replyWithValue(instance: AppInstance, attempt: Attempt, entry: CacheEntry): void;
  serveStale(instance: AppInstance, attempt: Attempt, stale: CacheEntry): void;
}

/**
 * A client's read at the coalescing stop. One object per read (not an object and three closures:
 * every miss makes one). `fallback` is a value the reader already holds (an early refresh of a
 * fresh value): a failed load still answers with it. An in-line early refresh neither counts as
 * waiting (it was a hit) nor gives way to a lock or lease holder (`refresh`).
 */
export class AttemptWaiter implements ReadWaiter {
  private waited = false;
  readonly refresh: boolean;

  constructor(
    private readonly world: World,
    private readonly replies: ReadReplies,
    private readonly instance: AppInstance,
    readonly attempt: Attempt,
    readonly stale: CacheEntry | undefined,
    private readonly fallback: CacheEntry | undefined = undefined,
  ) {
    this.refresh = fallback !== undefined;
  }

  waiting(): void {
    if (this.refresh) return;
    this.waited = true;
    // Under `cache: none` no read reaches a cache, so none is classified.
    if (this.world.cache !== null) this.world.recorder.cacheMiss(this.world.kernel.now);
  }

  serveStale(): void {
    this.replies.serveStale(this.instance, this.attempt, this.stale as CacheEntry);
  }

  done(result: LoadResult): void {
    const { world, replies, instance, attempt, stale } = this;
    const now = world.kernel.now;
    if (result.ok) {
      if (result.entry !== null) replies.replyWithValue(instance, attempt, result.entry);
      else {
        // Under `cache: none` the L1 holds what the DB returned, for its own TTL.
        instance.localCache?.fill(attempt.request.key, now, Infinity);
        replies.reply(instance, attempt, "ok");
      }
    } else if (this.fallback !== undefined) {
      replies.reply(instance, attempt, "ok");
    } else if (stale !== undefined && instance.gate !== null) {
      // Breaker degraded mode: a failed or refused rebuild serves the last value. Already
      // classified as a miss if it waited; the stale answer still counts in staleness age.
      if (this.waited) world.recorder.staleAge(now - stale.freshUntilMs);
      else world.recorder.staleServedAt(now, now - stale.freshUntilMs);
      replies.reply(instance, attempt, "ok");
    } else {
      if (!this.waited && world.cache !== null) world.recorder.cacheMiss(now);
      replies.reply(instance, attempt, "failed");
    }
  }
}
