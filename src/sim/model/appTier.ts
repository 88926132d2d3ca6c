import type { Kernel } from "../kernel/kernel.js";
import { AppInstance } from "./appInstance.js";
import { DbQuery } from "./database.js";
import { Load, type LoadResult } from "./load.js";
import type { Attempt, AttemptOutcome, Awaited } from "./request.js";
import type { CacheEntry } from "./sharedCache.js";
import { cacheRoundTrip, Draw, type World } from "./world.js";

/** What a read's shared-cache lookup decided, at the moment the GET took effect. */
type Lookup = { fresh: true; entry: CacheEntry } | { fresh: false; entry: CacheEntry | undefined };

/**
 * The app tier: the load balancer and each attempt's way through the stops of the request path —
 * L1, shared-cache GET, freshness decision, coalescing, database, cache SET — and the write path.
 */
export class AppTier {
  readonly instances: AppInstance[];
  private roundRobin = 0;
  private readonly kernel: Kernel;

  constructor(
    private readonly world: World,
    /** Delivers an attempt's answer towards its client. */
    private readonly toClient: (attempt: Attempt, outcome: AttemptOutcome) => void,
  ) {
    this.kernel = world.kernel;
    this.instances = [];
    for (let i = 0; i < world.config.app.instances; i++) {
      this.instances.push(new AppInstance(i, world.config.app));
    }
  }

  /** An attempt reaches the app tier. */
  receive(attempt: Attempt): void {
    const instance = this.pick();
    if (instance === null) {
      // Every instance is down: the connection is refused at once.
      this.world.network.send(() => this.toClient(attempt, "failed"));
      return;
    }
    instance.inProgress.add(attempt);
    if (attempt.request.isWrite) this.write(instance, attempt);
    else this.read(instance, attempt);
  }

  /** Round-robin advances once per attempt from instance 0; both kinds skip instances that are down. */
  private pick(): AppInstance | null {
    const n = this.instances.length;
    const start =
      this.world.config.app.balancing === "round-robin"
        ? this.roundRobin++ % n
        : Math.min(n - 1, Math.floor((1 - this.world.streams.balancer.next()) * n));
    for (let i = 0; i < n; i++) {
      const candidate = this.instances[(start + i) % n] as AppInstance;
      if (candidate.up) return candidate;
    }
    return null;
  }

  private reply(instance: AppInstance, attempt: Attempt, outcome: AttemptOutcome): void {
    // A restart already failed the attempts it interrupted; their late results go nowhere.
    if (!instance.inProgress.delete(attempt)) return;
    this.world.network.send(() => this.toClient(attempt, outcome));
  }

  private read(instance: AppInstance, attempt: Attempt): void {
    const world = this.world;
    const key = attempt.request.key;
    const recorder = world.recorder;
    if (instance.localCache?.isFresh(key, this.kernel.now)) {
      recorder.cacheHit(this.kernel.now, true);
      this.reply(instance, attempt, "ok");
      return;
    }
    const cache = world.cache;
    if (cache === null) {
      this.fetch(instance, attempt, (result) => this.replyWithLoad(instance, attempt, result));
      return;
    }
    cacheRoundTrip<Lookup>(
      world,
      (atMs) => {
        recorder.cacheGet(atMs);
        const entry = cache.get(key, atMs);
        return entry !== undefined && atMs < entry.freshUntilMs
          ? { fresh: true, entry }
          : { fresh: false, entry };
      },
      (lookup) => {
        const now = this.kernel.now;
        if (lookup.fresh) {
          recorder.cacheHit(now, false);
          instance.localCache?.fill(key, now, lookup.entry.freshUntilMs);
          this.reply(instance, attempt, "ok");
          return;
        }
        recorder.cacheMiss(now);
        this.fetch(instance, attempt, (result) => this.replyWithLoad(instance, attempt, result));
      },
    );
  }

  private replyWithLoad(instance: AppInstance, attempt: Attempt, result: LoadResult): void {
    if (result.ok && result.entry !== null) {
      instance.localCache?.fill(attempt.request.key, this.kernel.now, result.entry.freshUntilMs);
    }
    this.reply(instance, attempt, result.ok ? "ok" : "failed");
  }

  /** The coalescing stop: without a coalescing mitigation every miss runs its own load. */
  private fetch(
    instance: AppInstance,
    attempt: Attempt,
    onResult: (result: LoadResult) => void,
  ): void {
    const request = attempt.request;
    const load = new Load(
      this.world,
      instance,
      request.key,
      { streamId: request.origin.streamId, seq: request.seq, attempt: attempt.n },
      false,
    );
    load.join(attempt, onResult);
    load.start();
  }

  /**
   * Background work (warming): enters the coalescing stop without a client; without a coalescing
   * mitigation each instance runs at most one background load per key at a time.
   */
  backgroundLoad(instance: AppInstance, key: number): void {
    if (!instance.up || instance.backgroundLoads.has(key)) return;
    const load = new Load(this.world, instance, key, null, true);
    instance.backgroundLoads.set(key, load);
    load.onFinish = () => {
      if (instance.backgroundLoads.get(key) === load) instance.backgroundLoads.delete(key);
    };
    load.join(null, () => {});
    load.start();
  }

  /** A write: DB query, then invalidate (or update) the key, answered after the cache's ack. */
  private write(instance: AppInstance, attempt: Attempt): void {
    const world = this.world;
    const request = attempt.request;
    const key = request.key;
    const epoch = instance.epoch;
    const offeredMs = this.kernel.now;
    const u = (purpose: number) =>
      world.keyed.uniform(request.origin.streamId, request.seq, attempt.n, purpose);
    const query = new DbQuery(
      true,
      u(Draw.serviceU1),
      u(Draw.serviceU2),
      u(Draw.failure),
      (error) => {
        if (instance.epoch !== epoch) return;
        if (error !== null) {
          this.reply(instance, attempt, "failed");
          return;
        }
        const version = (world.dbVersion[key] as number) + 1;
        world.dbVersion[key] = version;
        instance.localCache?.invalidate(key);
        const cache = world.cache;
        if (cache === null) {
          this.reply(instance, attempt, "ok");
          return;
        }
        const deltaMs = this.kernel.now - offeredMs;
        cacheRoundTrip(
          world,
          (atMs) => {
            if (world.config.cache?.onWrite === "update") {
              cache.set(key, world.entryFor(version, atMs, deltaMs), atMs);
            } else {
              cache.invalidate(key, version);
            }
          },
          () => this.reply(instance, attempt, "ok"),
        );
      },
    );
    const awaited: Awaited = {
      waiterGone: () => {
        if (world.db.abandon(query)) this.reply(instance, attempt, "failed");
      },
    };
    if (!attempt.settled) attempt.waitingOn = awaited;
    world.db.offer(query);
  }

  /** Timeline: restart one instance; it is down for `downtimeMs` and its in-progress work fails. */
  restart(index: number, downtimeMs: number): void {
    const instance = this.instances[index];
    if (!instance) return;
    for (const attempt of instance.restart()) {
      this.world.network.send(() => this.toClient(attempt, "failed"));
    }
    if (downtimeMs > 0) {
      instance.up = false;
      this.kernel.after(downtimeMs, () => {
        instance.up = true;
      });
    }
  }
}
