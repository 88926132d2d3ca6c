import type { Coalescing } from "../config.js";
import { cacheRoundTrip } from "../model/world.js";
import type { Coalescer, CoalescingContext } from "./types.js";

type LeaseOptions = Extract<Coalescing, { kind: "lease" }>;

/**
 * Memcached-style leases: a miss receives a token at most once per `tokenEvery` per key; other
 * misses are hot misses that wait `wait` and ask again, or take the stale value when allowed; a
 * set needs the key's current token, and a write or delete invalidates it.
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
      let classified = false;
      const classify = () => {
        if (!classified) waiter.waiting();
        classified = true;
      };
      const load = (token: number) => {
        if (waiter.attempt !== null) classify();
        const work = ctx.newLoad(instance, key, drawKey, waiter.attempt === null);
        work.setGuard = (atMs) => cache().redeemLease(key, token, atMs);
        work.join(waiter.attempt, (result) => waiter.done(result));
        work.start();
      };
      const hotMiss = () => {
        if (waiter.attempt === null) return; // another holder refreshes the key
        if (!classified && options.stale && waiter.stale !== undefined) {
          classified = true;
          waiter.serveStale();
          return;
        }
        classify();
        const attempt = waiter.attempt;
        world.kernel.after(options.waitMs, () => {
          if (attempt.settled || instance.epoch !== epoch) return;
          askAgain();
        });
      };
      const askAgain = () =>
        cacheRoundTrip(
          world,
          (atMs) => {
            world.recorder.cacheGet(atMs);
            const entry = cache().get(key, atMs);
            if (entry !== undefined && atMs < entry.freshUntilMs) return { entry, token: null };
            return {
              entry: undefined,
              token: cache().leaseOnMiss(key, atMs, options.tokenEveryMs),
            };
          },
          ({ entry, token }) => {
            if (entry !== undefined) {
              classify();
              waiter.done({ ok: true, entry });
            } else if (token !== null) load(token);
            else hotMiss();
          },
        );
      if (ticket !== null) load(ticket);
      else if (waiter.attempt === null) askAgain();
      else hotMiss();
    },
  };
}
