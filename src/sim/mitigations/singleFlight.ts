import type { Coalescer, CoalescingContext } from "./types.js";

/**
 * Single-flight, per app instance: the first miss of a key starts a load; later callers on that
 * instance wait for the same load and share its result; errors are shared, not cached; a restart
 * drops the in-flight table.
 * Guarantee: at most one load per key per instance at a time.
 */
export function singleFlight(ctx: CoalescingContext): Coalescer {
  return {
    fetch(instance, key, waiter, drawKey) {
      const inFlight = instance.flights.get(key);
      if (inFlight !== undefined) {
        // Background work has no one to answer: an existing flight already refreshes the key.
        if (waiter.attempt === null) return;
        waiter.waiting();
        inFlight.join(waiter);
        return;
      }
      const background = waiter.attempt === null;
      const load = ctx.newLoad(instance, key, drawKey, background);
      instance.flights.set(key, load);
      // A late-finishing old flight must not evict a newer one (after a restart, say).
      load.onFinish = () => {
        if (instance.flights.get(key) === load) instance.flights.delete(key);
      };
      load.join(waiter);
      load.start();
      // Classified as waiting only if the load is still running: a rebuild refused by the breaker
      // (or rejected at once) answered inside start() without anyone having waited.
      if (!background && !load.done) waiter.waiting();
    },
  };
}
