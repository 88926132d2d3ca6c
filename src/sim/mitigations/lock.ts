import type { Coalescing } from "../config.js";
import { cacheRoundTrip } from "../model/world.js";
import type { Coalescer, CoalescingContext } from "./types.js";

type LockOptions = Extract<Coalescing, { kind: "lock" }>;

/**
 * Distributed lock in the shared cache: a miss tries SET-if-absent with a lock TTL; the winner
 * loads and releases the lock (only its own) after its set; losers serve stale when allowed and
 * available, otherwise poll every `poll` until the value appears or the lock can be taken.
 * Guarantee: at most one load per key across the cluster while its holder is within the lock TTL
 * (a lock TTL shorter than the load lets a second loader in — the double load it causes).
 */
export function distributedLock(ctx: CoalescingContext, options: LockOptions): Coalescer {
  const { world } = ctx;
  let nextOwner = 1;
  return {
    fetch(instance, key, waiter, drawKey) {
      const cache = world.cache;
      if (cache === null) throw new Error("lock needs a shared cache");
      let classified = false;
      const classify = () => {
        if (!classified) waiter.waiting();
        classified = true;
      };
      const tryOnce = () => {
        const owner = nextOwner++;
        cacheRoundTrip(
          world,
          (atMs) => {
            world.recorder.cacheGet(atMs);
            const entry = cache.get(key, atMs);
            if (entry !== undefined && atMs < entry.freshUntilMs) return { entry, won: false };
            return { entry: undefined, won: cache.tryLock(key, owner, atMs, options.ttlMs) };
          },
          ({ entry, won }) => {
            if (entry !== undefined) {
              classify();
              waiter.done({ ok: true, entry });
              return;
            }
            if (won) {
              if (waiter.attempt !== null) classify();
              const load = ctx.newLoad(instance, key, drawKey, waiter.attempt === null);
              load.onFinish = () =>
                cacheRoundTrip(
                  world,
                  () => cache.unlock(key, owner),
                  () => {},
                );
              load.join(waiter.attempt, (result) => waiter.done(result));
              load.start();
              return;
            }
            lost();
          },
        );
      };
      const lost = () => {
        if (waiter.attempt === null) return; // someone else holds the lock: it refreshes the key
        if (!classified && options.stale && waiter.stale !== undefined) {
          classified = true;
          waiter.serveStale();
          return;
        }
        classify();
        const attempt = waiter.attempt;
        world.kernel.after(options.pollMs, () => {
          if (!attempt.settled && instance.epoch === epoch) tryOnce();
        });
      };
      const epoch = instance.epoch;
      tryOnce();
    },
  };
}
