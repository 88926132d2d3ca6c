import type { Coalescer, CoalescingContext } from "./types.js";

/**
 * No coalescing: every foreground miss runs its own load. Background work still runs at most one
 * load per key per instance at a time (SPEC §8), so a refresh schedule cannot pile up on itself.
 */
export function noCoalescing(ctx: CoalescingContext): Coalescer {
  return {
    fetch(instance, key, waiter, drawKey) {
      if (waiter.attempt === null) {
        if (instance.flights.has(key)) return;
        const load = ctx.newLoad(instance, key, drawKey, true);
        instance.flights.set(key, load);
        load.onFinish = () => {
          if (instance.flights.get(key) === load) instance.flights.delete(key);
        };
        load.join(waiter);
        load.start();
        return;
      }
      const load = ctx.newLoad(instance, key, drawKey, false);
      load.join(waiter);
      load.start();
      // A rebuild the breaker refused (or the DB rejected at once) ended inside start(): the read
      // never waited, so it is not a miss (its waiter classifies it: stale served, or a miss).
      if (!load.done) waiter.waiting();
    },
  };
}
