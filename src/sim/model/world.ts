import type { SimConfig } from "../config.js";
import type { Sampler } from "../kernel/distributions.js";
import type { Kernel } from "../kernel/kernel.js";
import type { KeyedRandom, RandomStream } from "../kernel/random.js";
import type { Recorder } from "../metrics/recorder.js";
import type { SimProbe } from "../probe.js";
import type { Database } from "./database.js";
import type { Network } from "./network.js";
import type { CacheEntry, SharedCache } from "./sharedCache.js";

/** Purposes of keyed per-request draws; each (request, attempt, purpose) gets its own uniform. */
export const Draw = {
  throttle: 0,
  backoff: 1,
  serviceU1: 2,
  serviceU2: 3,
  failure: 4,
  /** App→DB retries shift the DB purposes by this much per try. */
  appRetryStride: 8,
} as const;

/** What every model object shares: the clock, the stores, the recorder and the random sources. */
export interface World {
  readonly kernel: Kernel;
  readonly config: SimConfig;
  readonly recorder: Recorder;
  readonly db: Database;
  /** null under `cache: none`. */
  readonly cache: SharedCache | null;
  readonly network: Network;
  readonly keyed: KeyedRandom;
  /** Committed DB version of every key; a write increments it. */
  readonly dbVersion: Float64Array;
  readonly cacheLatency: Sampler;
  readonly streams: {
    cacheLatency: RandomStream;
    background: RandomStream;
    balancer: RandomStream;
  };
  /** Watches the run for tests; undefined in every ordinary run. */
  readonly probe: SimProbe | undefined;
  /** The entry a set of `version` writes at `writeMs` (ttl and freshness policies). */
  entryFor(version: number, writeMs: number, deltaMs: number): CacheEntry;
}

/**
 * One shared-cache operation: `effect` runs at the cache at send + RTT/2, `reply` with its
 * result at send + RTT (SPEC §8 Cache timing). With `passiveReply`, both events are scheduled
 * passive (the reply only when `passiveReply(result)` holds): see FreshReadSkipper for the one
 * kind of operation that may claim it.
 */
export function cacheRoundTrip<T>(
  world: World,
  effect: (atMs: number) => T,
  reply: (result: T) => void,
  passiveReply: ((result: T) => boolean) | null = null,
): void {
  const s = world.streams.cacheLatency;
  const halfMs = world.cacheLatency.sample(s.next(), s.next()) / 2;
  const kernel = world.kernel;
  if (passiveReply === null) {
    kernel.after(halfMs, () => {
      const result = effect(kernel.now);
      kernel.after(halfMs, () => reply(result));
    });
    return;
  }
  kernel.afterPassive(halfMs, () => {
    const result = effect(kernel.now);
    if (passiveReply(result)) kernel.afterPassive(halfMs, () => reply(result));
    else kernel.after(halfMs, () => reply(result));
  });
}
