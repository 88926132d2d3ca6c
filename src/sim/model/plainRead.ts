import type { SimConfig } from "../config.js";
import type { AppTier } from "./appTier.js";
import { type DbError, DbQuery } from "./database.js";
import type { RequestOrigin } from "./request.js";
import { Draw, type World } from "./world.js";

/**
 * The short path of a read when nothing stands between the client and the database: no cache, no
 * L1, no client timeout or retry, no app DB timeout or retry, no coalescing, breaker or admission,
 * and no timeline event that acts on the app tier or the network (restart, partition). Then the
 * full path (ClientRequest, Attempt, AttemptWaiter, Load, LoadQuery) only forwards: its one effect
 * is the query, and this path makes the same query with the same keyed draws, takes the
 * balancer's draw, and makes the same recorder calls in the same order, scheduling no event of
 * its own. One object per read instead of five is what makes an M/M/c run fast.
 *
 * A probe watches the full path's objects, so a run with one never takes this path (which is also
 * how the equivalence test compares the two).
 */
export class PlainReads {
  /**
   * Answered queries, for reuse: a run makes a million of them and keeps a few dozen at a time.
   * Null when the DB's queue has a wait timeout, whose pending event would still hold a query.
   * Otherwise nothing does once it has answered: it has left the queue and the servers, and a
   * stale completion event of it (from a hang) no longer matches its completion sequence number.
   */
  private readonly spare: PlainReadQuery[] | null;

  private constructor(
    private readonly world: World,
    private readonly tier: AppTier,
  ) {
    this.spare = world.config.db.queue.timeoutMs === null ? [] : null;
  }

  /** The short path for this run, or null when something on the full path could act. */
  static forRun(world: World, tier: AppTier): PlainReads | null {
    return world.probe === undefined && isPlain(world.config) ? new PlainReads(world, tier) : null;
  }

  /** A read arrives (its request number and `measured` already taken): it is sent at once. */
  start(
    origin: RequestOrigin,
    seq: number,
    key: number,
    arrivalMs: number,
    measured: boolean,
    onDone: (() => void) | null,
  ): void {
    const world = this.world;
    world.recorder.attemptSent(measured);
    // The instance does not matter here, but random balancing takes a draw per attempt.
    this.tier.pick();
    const keyed = world.keyed;
    const streamId = origin.streamId;
    const needed = world.db.drawsNeeded(false);
    // The first attempt's draws, as a load keyed by it takes them (unread ones get placeholders).
    const u1 = keyed.uniform(streamId, seq, 1, Draw.serviceU1);
    const u2 = needed.u2 ? keyed.uniform(streamId, seq, 1, Draw.serviceU2) : 1;
    const uFail = needed.failure ? keyed.uniform(streamId, seq, 1, Draw.failure) : 1;
    const spare = this.spare;
    const query =
      spare !== null && spare.length > 0
        ? (spare.pop() as PlainReadQuery).reuse(key, arrivalMs, measured, onDone, u1, u2, uFail)
        : new PlainReadQuery(this, key, arrivalMs, measured, onDone, u1, u2, uFail);
    // Rejected at once: answered inside offer, never counted as a running load.
    if (!world.db.offer(query)) return;
    query.tracked = true;
    world.recorder.loadStarted(key, arrivalMs);
  }

  /** The query's answer is the request's: one attempt, nothing to fall back on. */
  answered(query: PlainReadQuery, error: DbError | null): void {
    const recorder = this.world.recorder;
    if (query.tracked) recorder.loadEnded(query.key);
    recorder.requestFinished(
      query.measured,
      error === null ? "ok" : "failed",
      query.arrivalMs,
      this.world.kernel.now,
    );
    const onDone = query.onDone;
    query.onDone = null;
    this.spare?.push(query);
    onDone?.();
  }
}

/** Whether every read of the run may take the short path (checked once, from the config). */
function isPlain(config: SimConfig): boolean {
  const client = config.client;
  const strategy = config.strategy;
  return (
    config.cache === null &&
    config.app.localCache === null &&
    config.app.db === null &&
    client.timeoutMs === null &&
    client.retry.attempts <= 1 &&
    client.retry.budget === null &&
    client.throttle === null &&
    strategy.coalescing === null &&
    strategy.protection === null &&
    strategy.admission === null &&
    strategy.background === null &&
    config.events.every((e) => e.kind !== "restart" && e.kind !== "partition")
  );
}

class PlainReadQuery extends DbQuery {
  /** Counted as a running load (offered without being rejected at once). */
  tracked = false;
  // Fields that start as numbers, not parameter properties: see DbQuery.u1.
  key = 0;
  arrivalMs = 0;
  measured = false;
  onDone: (() => void) | null = null;

  constructor(
    private readonly reads: PlainReads,
    key: number,
    arrivalMs: number,
    measured: boolean,
    onDone: (() => void) | null,
    u1: number,
    u2: number,
    uFail: number,
  ) {
    super(false, u1, u2, uFail, ignoreAnswer);
    this.key = key;
    this.arrivalMs = arrivalMs;
    this.measured = measured;
    this.onDone = onDone;
  }

  /** This answered query made new for another read. */
  reuse(
    key: number,
    arrivalMs: number,
    measured: boolean,
    onDone: (() => void) | null,
    u1: number,
    u2: number,
    uFail: number,
  ): this {
    this.renew(u1, u2, uFail);
    this.tracked = false;
    this.key = key;
    this.arrivalMs = arrivalMs;
    this.measured = measured;
    this.onDone = onDone;
    return this;
  }

  override answer(error: DbError | null): void {
    this.reads.answered(this, error);
  }
}

function ignoreAnswer(): void {}
