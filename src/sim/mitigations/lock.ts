import type { Coalescing } from "../config.js";
import { cacheRoundTrip } from "../model/world.js";
import { ReadClassification, waitForHolder } from "./holderWait.js";
import type { Coalescer, CoalescingContext } from "./types.js";

type LockOptions = Extract<Coalescing, { kind: "lock" }>;

/**
 * Distributed lock in the shared cache: a miss tries SET-if-absent with a lock TTL; the winner
 * loads and releases the lock (only its own) after its set; losers serve stale when allowed and
 * available, otherwise poll every `poll` until the value appears or the lock can be taken.
 * Work that reloads a value that may still be fresh (background refreshes, an in-line early
 * refresh) goes straight for the lock and, if it loses, leaves the reload to the holder.
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
      const read = new ReadClassification(waiter);
      const background = waiter.attempt === null;
      /** `force`: take the lock even though the value is fresh (a refresh, not a miss). */
      const tryOnce = (force: boolean) => {
        const owner = nextOwner++;
        cacheRoundTrip(
          world,
          (atMs) => {
            world.recorder.cacheGet(atMs);
            const found = cache.get(key, atMs);
            const fresh = found !== undefined && atMs < found.freshUntilMs ? found : undefined;
            if (fresh !== undefined && !force) return { entry: fresh, won: false };
            const won = cache.tryLock(key, owner, atMs, options.ttlMs);
            if (won) world.probe?.lockAcquired(key, owner, atMs, atMs + options.ttlMs);
            return { entry: won ? undefined : fresh, won };
          },
          ({ entry, won }) => {
            if (won) {
              const load = ctx.newLoad(instance, key, drawKey, background);
              load.onFinish = () =>
                cacheRoundTrip(
                  world,
                  (atMs) => {
                    world.probe?.lockReleased(key, owner, atMs);
                    cache.unlock(key, owner);
                  },
                  () => {},
                );
              load.join(waiter);
              world.probe?.lockHolderLoads(key, owner, world.kernel.now);
              load.start();
              // A rebuild refused by the breaker answered inside start(): the read did not wait.
              if (!background && !load.done) read.waiting();
              return;
            }
            if (entry !== undefined) {
              // A fresh value: a poller's wait is over; a refresher leaves the reload to the holder.
              read.waiting();
              waiter.done({ ok: true, entry });
              return;
            }
            lost();
          },
        );
      };
      const lost = () =>
        waitForHolder(world, instance, epoch, waiter, read, options.stale, options.pollMs, () =>
          tryOnce(false),
        );
      const epoch = instance.epoch;
      tryOnce(waiter.refresh);
    },
  };
}
