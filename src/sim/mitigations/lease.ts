import type { Coalescing } from "../config.js";
import { cacheRoundTrip } from "../model/world.js";
import { ReadClassification, waitForHolder } from "./holderWait.js";
import type { Coalescer, CoalescingContext } from "./types.js";

type LeaseOptions = Extract<Coalescing, { kind: "lease" }>;

/**
 * Memcached-style leases: a miss receives a token at most once per `tokenEvery` per key; other
 * misses are hot misses that wait `wait` and ask again, or take the stale value when allowed; a
 * set needs the key's current token, and a write or delete invalidates it. Work that reloads a
 * value that may still be fresh (background refreshes, an in-line early refresh) asks for a token
 * directly and, without one, leaves the reload to the holder.
 * Guarantee: at most one load per key per `tokenEvery`, and no set writes a value older than one a
 * write has already invalidated (no stale sets).
 */
export function lease(ctx: CoalescingContext, options: LeaseOptions): Coalescer {
  const { world } = ctx;
  const cache = () => {
    if (world.cache === null) throw new Error("lease needs a shared cache");
    return world.cache;
  };
  return {
    onLookupMiss(key, atMs) {
      return cache().leaseOnMiss(key, atMs, options.tokenEveryMs);
    },
    fetch(instance, key, waiter, drawKey, ticket) {
      const epoch = instance.epoch;
      const read = new ReadClassification(waiter);
      const background = waiter.attempt === null;
      const load = (token: number) => {
        const work = ctx.newLoad(instance, key, drawKey, background);
        work.setGuard = (atMs) => cache().redeemLease(key, token, atMs);
        work.join(waiter);
        work.start();
        // A rebuild refused by the breaker answered inside start(): the read did not wait.
        if (!background && !work.done) read.waiting();
      };
      const hotMiss = () =>
        waitForHolder(world, instance, epoch, waiter, read, options.stale, options.waitMs, () =>
          askAgain(false),
        );
      /** `force`: ask for a token even though the value is fresh (a refresh, not a miss). */
      const askAgain = (force: boolean) =>
        cacheRoundTrip(
          world,
          (atMs) => {
            world.recorder.cacheGet(atMs);
            const found = cache().get(key, atMs);
            const fresh = found !== undefined && atMs < found.freshUntilMs ? found : undefined;
            if (fresh !== undefined && !force) return { entry: fresh, token: null };
            const token = cache().leaseOnMiss(key, atMs, options.tokenEveryMs);
            return { entry: token === null ? fresh : undefined, token };
          },
          ({ entry, token }) => {
            if (token !== null) load(token);
            else if (entry !== undefined) {
              // A fresh value: a hot miss's wait is over; a refresher leaves the reload to the holder.
              read.waiting();
              waiter.done({ ok: true, entry });
            } else hotMiss();
          },
        );
      if (waiter.refresh) askAgain(true);
      else if (ticket === null) hotMiss();
      else load(ticket);
    },
  };
}
