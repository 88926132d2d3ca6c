import type { AppInstance } from "./appInstance.js";
import { type DbError, DbQuery } from "./database.js";
import type { Attempt } from "./request.js";
import { backoffMs } from "./retryPolicy.js";
import type { CacheEntry } from "./sharedCache.js";
import { cacheRoundTrip, Draw, type World } from "./world.js";

export type LoadResult = { ok: true; entry: CacheEntry | null } | { ok: false };

/** The results that carry no entry are shared: waiters only read them. */
const FAILED: LoadResult = Object.freeze({ ok: false });
const LOADED_UNCACHED: LoadResult = Object.freeze({ ok: true, entry: null });

/** Scratch for a query's uniforms between Load.draws and the DbQuery that keeps them. */
const DRAWS = new Float64Array(3);

/**
 * The protection stop between a load and the database (the breaker): it may refuse a rebuild,
 * bound its duration, and learns every rebuild's outcome.
 */
export interface RebuildGate {
  readonly timeoutMs: number | null;
  tryEnter(nowMs: number): boolean;
  exit(nowMs: number, ok: boolean, enteredAtMs: number): void;
}

/** Who waits for a load: told its result once it ends. */
export interface LoadWaiter {
  readonly attempt: Attempt | null;
  done(result: LoadResult): void;
}

/** The keyed draws a load's queries use: its leading request's, or a background stream's. */
export type DrawKey = { streamId: number; seq: number; attempt: number } | null;

/**
 * One recompute of a key on one app instance: DB query (with the app's own DB timeout and retry
 * when configured), then the cache set, then every waiter gets the result. A load lives on while
 * any waiter does; when the last one gives up, the database decides whether the query is cancelled.
 */
export class Load {
  done = false;
  /** Called once when the load ends, however it ends (coalescing tables forget it then). */
  onFinish: (() => void) | null = null;
  /** Decides at the cache, when the set takes effect, whether it may write (lease tokens). */
  setGuard: ((atMs: number) => boolean) | null = null;
  /** The breaker on the rebuild path, when the strategy has one. */
  gate: RebuildGate | null = null;
  private gateEnteredAtMs = 0;
  /** The app's last DB-retry sleep (decorrelated jitter draws from [base, 3·previous]). */
  private lastSleepMs = 0;
  /** The first waiter, and the others (most loads have one: no array for them). */
  private firstWaiter: LoadWaiter | null = null;
  private moreWaiters: LoadWaiter[] | null = null;
  private liveWaiters = 0;
  private current: DbQuery | null = null;
  private readonly epoch: number;

  constructor(
    private readonly world: World,
    readonly instance: AppInstance,
    readonly key: number,
    private readonly drawKey: DrawKey,
    readonly background: boolean,
  ) {
    this.epoch = instance.epoch;
  }

  /** Adds a waiter; its `attempt` is null for background work that has no client. */
  join(waiter: LoadWaiter): void {
    if (this.firstWaiter === null) this.firstWaiter = waiter;
    else if (this.moreWaiters === null) this.moreWaiters = [waiter];
    else this.moreWaiters.push(waiter);
    const attempt = waiter.attempt;
    if (attempt !== null && !attempt.settled) {
      this.liveWaiters++;
      attempt.waitingOn = this;
    }
  }

  /** A waiting attempt's client gave up. */
  waiterGone(): void {
    this.liveWaiters--;
    if (this.liveWaiters > 0 || this.background || this.done || this.current === null) return;
    const query = this.current;
    if (this.world.db.abandon(query)) {
      this.current = null;
      this.world.recorder.loadEnded(this.key);
      this.complete(FAILED);
    }
  }

  start(): void {
    this.world.probe?.loadStarted(this, this.world.kernel.now);
    const gate = this.gate;
    if (gate !== null) {
      const now = this.world.kernel.now;
      this.gateEnteredAtMs = now;
      if (!gate.tryEnter(now)) {
        this.gate = null;
        this.complete(FAILED);
        return;
      }
      if (gate.timeoutMs !== null) {
        this.world.kernel.after(gate.timeoutMs, () => {
          if (this.done) return;
          const query = this.current;
          this.current = null;
          if (query !== null && this.world.db.abandon(query))
            this.world.recorder.loadEnded(this.key);
          this.complete(FAILED);
        });
      }
    }
    this.offer(0);
  }

  private offer(appTry: number): void {
    const world = this.world;
    const now = world.kernel.now;
    this.draws(appTry);
    const u1 = DRAWS[0] as number;
    const u2 = DRAWS[1] as number;
    const uFail = DRAWS[2] as number;
    const query = new LoadQuery(this, appTry, now, u1, u2, uFail);
    query.snapshot = world.dbVersion[this.key] as number;
    this.current = query;
    if (!world.db.offer(query)) return;
    query.tracked = true;
    world.recorder.loadStarted(this.key, now);
    const timeoutMs = world.config.app.db?.timeoutMs ?? null;
    if (timeoutMs !== null) {
      world.kernel.after(timeoutMs, () => {
        if (this.current !== query || query.state === "done") return;
        this.current = null;
        if (world.db.abandon(query)) world.recorder.loadEnded(this.key);
        this.retryOrFail(appTry);
      });
    }
  }

  /** Writes the query's three uniforms into DRAWS (read at once: no array per query). */
  private draws(appTry: number): void {
    const k = this.drawKey;
    if (k === null) {
      const s = this.world.streams.background;
      DRAWS[0] = s.next();
      DRAWS[1] = s.next();
      DRAWS[2] = s.next();
      return;
    }
    const keyed = this.world.keyed;
    const shift = appTry * Draw.appRetryStride;
    const needed = this.world.db.drawsNeeded(false);
    // An unread draw gets a placeholder: 1 never fails, and no sampler reads an unneeded u2.
    DRAWS[0] = keyed.uniform(k.streamId, k.seq, k.attempt, Draw.serviceU1 + shift);
    DRAWS[1] = needed.u2 ? keyed.uniform(k.streamId, k.seq, k.attempt, Draw.serviceU2 + shift) : 1;
    DRAWS[2] = needed.failure
      ? keyed.uniform(k.streamId, k.seq, k.attempt, Draw.failure + shift)
      : 1;
  }

  /** A query's service starts: the value it reads is the key's version now. */
  queryStarted(query: LoadQuery): void {
    query.snapshot = this.world.dbVersion[this.key] as number;
  }

  /** A query of this load answers (perhaps one the app's DB timeout already gave up on). */
  queryAnswered(query: LoadQuery, error: DbError | null): void {
    if (query.tracked) this.world.recorder.loadEnded(this.key);
    this.onAnswer(query, error, query.appTry, query.offeredMs, query.snapshot);
  }

  private onAnswer(
    query: DbQuery,
    error: DbError | null,
    appTry: number,
    offeredMs: number,
    version: number,
  ): void {
    if (this.current !== query) return; // abandoned by the app's DB timeout
    this.current = null;
    if (this.instance.epoch !== this.epoch) {
      // The instance restarted: the process that would have set the value is gone.
      this.complete(FAILED);
      return;
    }
    if (error !== null) {
      this.retryOrFail(appTry);
      return;
    }
    const world = this.world;
    const deltaMs = world.kernel.now - offeredMs;
    const cache = world.cache;
    if (cache === null) {
      this.complete(LOADED_UNCACHED);
      return;
    }
    cacheRoundTrip(
      world,
      (atMs) => {
        const entry = world.entryFor(version, atMs, deltaMs);
        if (this.setGuard === null || this.setGuard(atMs)) cache.set(this.key, entry, atMs);
        return entry;
      },
      (entry) => this.complete({ ok: true, entry }),
    );
  }

  private retryOrFail(appTry: number): void {
    const policy = this.world.config.app.db?.retry;
    if (!policy || appTry + 1 >= policy.attempts || this.instance.epoch !== this.epoch) {
      this.complete(FAILED);
      return;
    }
    const u = this.drawKey
      ? this.world.keyed.uniform(
          this.drawKey.streamId,
          this.drawKey.seq,
          this.drawKey.attempt,
          Draw.backoff + (appTry + 1) * Draw.appRetryStride,
        )
      : this.world.streams.background.next();
    // Decorrelated jitter chains on the previous sleep of this load's own retry loop.
    const sleepMs = backoffMs(policy.backoff, appTry + 1, this.lastSleepMs, u);
    this.lastSleepMs = sleepMs;
    this.world.kernel.after(sleepMs, () => {
      if (this.done) return;
      if (this.instance.epoch !== this.epoch) this.complete(FAILED);
      else this.offer(appTry + 1);
    });
  }

  private complete(result: LoadResult): void {
    if (this.done) return;
    this.done = true;
    this.world.probe?.loadEnded(this, this.world.kernel.now);
    this.gate?.exit(this.world.kernel.now, result.ok, this.gateEnteredAtMs);
    this.onFinish?.();
    this.firstWaiter?.done(result);
    if (this.moreWaiters !== null) for (const waiter of this.moreWaiters) waiter.done(result);
  }
}

/**
 * A load's query to the database, carrying what the load needs back with its answer: a subclass
 * rather than closures, because every miss makes one.
 */
class LoadQuery extends DbQuery {
  /** The key's version when service started (or when offered, until then). */
  snapshot = 0;
  /** Counted as a running load (offered without being rejected at once). */
  tracked = false;

  constructor(
    private readonly load: Load,
    readonly appTry: number,
    readonly offeredMs: number,
    u1: number,
    u2: number,
    uFail: number,
  ) {
    super(false, u1, u2, uFail, ignoreAnswer);
  }

  override started(): void {
    this.load.queryStarted(this);
  }

  override answer(error: DbError | null): void {
    this.load.queryAnswered(this, error);
  }
}

function ignoreAnswer(): void {}
