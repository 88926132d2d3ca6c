import type { Kernel } from "../kernel/kernel.js";
import { coalescerFor, instanceGuards } from "../mitigations/index.js";
import type { Coalescer, FreshnessDecision, FreshnessPolicy } from "../mitigations/types.js";
import { WriteQueue } from "../mitigations/writeBuffer.js";
import { AppInstance } from "./appInstance.js";
import { AttemptWaiter, type ReadReplies } from "./attemptWaiter.js";
import { DbQuery } from "./database.js";
import { type DrawKey, Load } from "./load.js";
import type { Attempt, AttemptOutcome, Awaited } from "./request.js";
import type { CacheEntry } from "./sharedCache.js";
import { cacheRoundTrip, Draw, type World } from "./world.js";

/** What a read's shared-cache lookup saw and decided, at the moment the GET took effect. */
interface Lookup {
  decision: FreshnessDecision;
  entry: CacheEntry | undefined;
  /** The lease token (or other ticket) the coalescing stop handed out with a miss. */
  ticket: number | null;
}

/** A buffered write waiting to be drained to the DB. */
interface PendingWrite {
  key: number;
  drawKey: NonNullable<DrawKey>;
}

/**
 * The app tier: the load balancer and each attempt's way through the stops of the request path —
 * admission, L1, shared-cache GET, freshness decision, coalescing, protection, database, cache
 * SET — and the write path. The stops' behaviour comes from the strategy's mitigations.
 */
export class AppTier implements ReadReplies {
  readonly instances: AppInstance[];
  private roundRobin = 0;
  private readonly roundRobinBalancing: boolean;
  private readonly kernel: Kernel;
  private readonly coalescer: Coalescer;
  private readonly writeQueue: WriteQueue<PendingWrite> | null;

  constructor(
    private readonly world: World,
    private readonly freshness: FreshnessPolicy,
    /** Delivers an attempt's answer towards its client. */
    private readonly toClient: (attempt: Attempt, outcome: AttemptOutcome) => void,
  ) {
    const config = world.config;
    this.kernel = world.kernel;
    this.roundRobinBalancing = config.app.balancing === "round-robin";
    const guards = instanceGuards(config);
    this.instances = [];
    for (let i = 0; i < config.app.instances; i++) {
      this.instances.push(new AppInstance(i, config.app, config.seed, guards));
    }
    this.coalescer = coalescerFor(config, {
      world,
      newLoad: (instance, key, drawKey, background) => {
        const load = new Load(world, instance, key, drawKey, background);
        load.gate = instance.gate;
        return load;
      },
    });
    const buffer = config.strategy.writes;
    this.writeQueue = buffer
      ? new WriteQueue<PendingWrite>(this.kernel, buffer, (w) => this.drainWrite(w))
      : null;
  }

  /** An attempt reaches the app tier. */
  receive(attempt: Attempt): void {
    const instance = this.pick();
    if (instance === null) {
      // Every instance is down: the connection is refused at once.
      this.world.network.send(() => this.toClient(attempt, "failed"));
      return;
    }
    if (instance.shedder && !instance.shedder.admit(this.kernel.now, instance.inProgress.size)) {
      this.world.network.send(() => this.toClient(attempt, "shed"));
      return;
    }
    instance.inProgress.add(attempt);
    if (attempt.request.isWrite) this.write(instance, attempt);
    else this.read(instance, attempt);
  }

  /** Round-robin advances once per attempt from instance 0; both kinds skip instances that are down. */
  pick(): AppInstance | null {
    const n = this.instances.length;
    const start = this.roundRobinBalancing
      ? this.roundRobin++ % n
      : Math.min(n - 1, Math.floor((1 - this.world.streams.balancer.next()) * n));
    for (let i = 0; i < n; i++) {
      const candidate = this.instances[(start + i) % n] as AppInstance;
      if (candidate.up) return candidate;
    }
    return null;
  }

  reply(instance: AppInstance, attempt: Attempt, outcome: AttemptOutcome): void {
    // A restart already failed the attempts it interrupted; their late results go nowhere.
    if (!instance.inProgress.delete(attempt)) return;
    instance.shedder?.record(this.kernel.now, this.kernel.now - attempt.sentMs);
    // No partition (the usual case): deliver at once without a closure to hold.
    if (this.world.network.partitioned)
      this.world.network.send(() => this.toClient(attempt, outcome));
    else this.toClient(attempt, outcome);
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
      this.coalescer.fetch(
        instance,
        key,
        new AttemptWaiter(world, this, instance, attempt, undefined),
        drawKeyOf(attempt),
        null,
      );
      return;
    }
    cacheRoundTrip<Lookup>(
      world,
      (atMs) => {
        recorder.cacheGet(atMs);
        const entry = cache.get(key, atMs);
        const decision = this.freshness.decide(entry, atMs, instance.random);
        const ticket =
          decision === "miss" && this.coalescer.onLookupMiss
            ? this.coalescer.onLookupMiss(key, atMs)
            : null;
        return { decision, entry, ticket };
      },
      ({ decision, entry, ticket }) => {
        const now = this.kernel.now;
        switch (decision) {
          case "hit":
            recorder.cacheHit(now, false);
            this.replyWithValue(instance, attempt, entry as CacheEntry);
            return;
          case "early-refresh":
            recorder.cacheHit(now, false);
            recorder.earlyRefresh(now);
            if (this.freshness.earlyRefreshInBackground) {
              this.replyWithValue(instance, attempt, entry as CacheEntry);
              this.refreshInBackground(instance, key);
            } else {
              // The reader recomputes in line; if its load fails it still has the fresh value.
              this.coalescer.fetch(
                instance,
                key,
                new AttemptWaiter(world, this, instance, attempt, undefined, entry),
                drawKeyOf(attempt),
                null,
              );
            }
            return;
          case "stale-refresh":
            this.serveStale(instance, attempt, entry as CacheEntry);
            this.refreshInBackground(instance, key);
            return;
          case "miss": {
            const stale = entry !== undefined && now < entry.keepUntilMs ? entry : undefined;
            this.coalescer.fetch(
              instance,
              key,
              new AttemptWaiter(world, this, instance, attempt, stale),
              drawKeyOf(attempt),
              ticket,
            );
          }
        }
      },
      // An open-loop read (no client waits to think after it) that hits schedules nothing and
      // touches only counters, the LRU and its instance's draws: FreshReadSkipper may run ahead.
      attempt.request.onDone === null ? isHit : null,
    );
  }

  serveStale(instance: AppInstance, attempt: Attempt, stale: CacheEntry): void {
    this.world.recorder.staleServedAt(this.kernel.now, this.kernel.now - stale.freshUntilMs);
    this.reply(instance, attempt, "ok");
  }

  replyWithValue(instance: AppInstance, attempt: Attempt, entry: CacheEntry): void {
    instance.localCache?.fill(attempt.request.key, this.kernel.now, entry.freshUntilMs);
    this.reply(instance, attempt, "ok");
  }

  /**
   * Background work (SWR and xfetch refreshes, proactive refresh, warming) enters the coalescing
   * stop without a client.
   */
  refreshInBackground(instance: AppInstance, key: number): void {
    if (!instance.up) return;
    this.coalescer.fetch(
      instance,
      key,
      {
        attempt: null,
        refresh: true,
        stale: undefined,
        waiting: () => {},
        serveStale: () => {},
        done: () => {},
      },
      null,
      null,
    );
  }

  /** A write: DB query, then invalidate (or update) the key, answered after the cache's ack. */
  private write(instance: AppInstance, attempt: Attempt): void {
    const request = attempt.request;
    const drawKey = { streamId: request.origin.streamId, seq: request.seq, attempt: attempt.n };
    if (this.writeQueue !== null) {
      // Write buffer: acknowledged once queued.
      this.writeQueue.enqueue({ key: request.key, drawKey });
      this.reply(instance, attempt, "ok");
      return;
    }
    const epoch = instance.epoch;
    const query = this.writeQuery(request.key, drawKey, (ok) => {
      if (instance.epoch !== epoch) return;
      if (ok) instance.localCache?.invalidate(request.key);
      this.reply(instance, attempt, ok ? "ok" : "failed");
    });
    const awaited: Awaited = {
      waiterGone: () => {
        if (this.world.db.abandon(query)) this.reply(instance, attempt, "failed");
      },
    };
    if (!attempt.settled) attempt.waitingOn = awaited;
    this.world.db.offer(query);
  }

  private drainWrite(write: PendingWrite): void {
    this.world.db.offer(this.writeQuery(write.key, write.drawKey, () => {}));
  }

  /** The DB side of a write: commit a new version, then invalidate or update the cached value. */
  private writeQuery(key: number, k: NonNullable<DrawKey>, onDone: (ok: boolean) => void): DbQuery {
    const world = this.world;
    const offeredMs = this.kernel.now;
    const u = (purpose: number) => world.keyed.uniform(k.streamId, k.seq, k.attempt, purpose);
    const needed = world.db.drawsNeeded(true);
    // An unread draw gets a placeholder: 1 never fails, and no sampler reads an unneeded u2.
    const u2 = needed.u2 ? u(Draw.serviceU2) : 1;
    const uFail = needed.failure ? u(Draw.failure) : 1;
    return new DbQuery(true, u(Draw.serviceU1), u2, uFail, (error) => {
      if (error !== null) {
        onDone(false);
        return;
      }
      const version = (world.dbVersion[key] as number) + 1;
      world.dbVersion[key] = version;
      const cache = world.cache;
      if (cache === null) {
        onDone(true);
        return;
      }
      const deltaMs = this.kernel.now - offeredMs;
      cacheRoundTrip(
        world,
        (atMs) => {
          if (world.config.cache?.onWrite === "update") {
            cache.invalidate(key, version);
            cache.set(key, world.entryFor(version, atMs, deltaMs), atMs);
          } else {
            cache.invalidate(key, version);
          }
        },
        () => onDone(true),
      );
    });
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

function isHit(lookup: Lookup): boolean {
  return lookup.decision === "hit";
}

/** The attempt is its own draw key (stream, request number, attempt). */
function drawKeyOf(attempt: Attempt): DrawKey {
  return attempt;
}
