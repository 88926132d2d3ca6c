import type { KeySelector, TimelineEvent } from "../config.js";
import type { AppTier } from "./appTier.js";
import type { World } from "./world.js";

/** Key indices a selector names; `all` is every key of the key space. */
export function selectKeys(selector: KeySelector, keyCount: number): number[] {
  switch (selector.kind) {
    case "all":
      return Array.from({ length: keyCount }, (_, i) => i);
    case "hottest":
      // k0 is the most popular key (Zipf rank 1), so the hottest N are k0 … k{N−1}.
      return Array.from({ length: Math.min(selector.count, keyCount) }, (_, i) => i);
    case "keys":
      return selector.keys.map((name) => Number(name.slice(1)));
  }
}

/**
 * Schedules the timeline's incidents. They are scheduled before any traffic, so an incident at
 * the same instant as an arrival happens first.
 */
export function scheduleTimeline(world: World, appTier: AppTier, keyCount: number): void {
  for (const event of world.config.events) scheduleEvent(world, appTier, event, keyCount);
}

function scheduleEvent(
  world: World,
  appTier: AppTier,
  event: TimelineEvent,
  keyCount: number,
): void {
  const { kernel, db } = world;
  const at = event.atMs;
  switch (event.kind) {
    case "expire":
      kernel.at(at, () => {
        const cache = world.cache;
        if (!cache) return;
        for (const key of selectKeys(event.keys, keyCount)) cache.expire(key, kernel.now);
      });
      return;
    case "flush":
      kernel.at(at, () => world.cache?.flush());
      return;
    case "dbOutage":
      if (event.mode === "refuse") {
        kernel.at(at, () => db.beginRefuse());
        kernel.at(at + event.forMs, () => db.endRefuse());
      } else {
        kernel.at(at, () => db.beginHang());
        kernel.at(at + event.forMs, () => db.endHang());
      }
      return;
    case "dbSlowdown":
      kernel.at(at, () => db.beginSlowdown(event.factor));
      kernel.at(at + event.forMs, () => db.endSlowdown(event.factor));
      return;
    case "partition":
      kernel.at(at, () => world.network.beginPartition());
      kernel.at(at + event.forMs, () => world.network.heal());
      return;
    case "restart": {
      const count = appTier.instances.length;
      const targets =
        event.instances === "all"
          ? Array.from({ length: count }, (_, i) => i)
          : typeof event.instances === "number"
            ? Array.from({ length: Math.min(event.instances, count) }, (_, i) => i)
            : event.instances;
      targets.forEach((index, i) => {
        kernel.at(at + (i * event.overMs) / targets.length, () =>
          appTier.restart(index, event.downtimeMs),
        );
      });
      return;
    }
    case "warm": {
      const keys = selectKeys(event.keys, keyCount);
      const instances = appTier.instances;
      keys.forEach((key, i) => {
        kernel.at(at + (i * event.overMs) / keys.length, () => {
          appTier.refreshInBackground(
            instances[i % instances.length] as (typeof instances)[number],
            key,
          );
        });
      });
      return;
    }
    case "spike":
    case "burst":
    case "cron":
      // Traffic shapes: folded into the sources' arrival schedules (model/traffic.ts).
      return;
  }
}
