import type { DbConfig } from "../config.js";
import { type Sampler, samplerFor } from "../kernel/distributions.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Recorder } from "../metrics/recorder.js";
import { type Linked, LinkedSet } from "./linkedSet.js";
import { slowdownFactor } from "./slowdown.js";

/** Why a query answered without a value. */
export type DbError = "failed" | "rejected" | "queue-timeout" | "outage";

/**
 * One query offered to the database. Its random draws are fixed by whoever creates it (keyed by
 * request and attempt), so the same request gets the same service time under every strategy.
 */
export class DbQuery implements Linked {
  linkOwner: LinkedSet<Linked> | null = null;
  linkPrev: Linked | null = null;
  linkNext: Linked | null = null;
  state: "new" | "queued" | "service" | "paused" | "done" = "new";
  /** The kernel sequence number of its live completion event; -1 for none (hang pause, cancel). */
  completionSeq = -1;
  endMs = 0;
  remainingMs = 0;
  failing = false;
  /**
   * Uniforms in (0, 1] for the service time and the failure decision (see `renew`). Fields that
   * start as numbers, not constructor parameters: a field that starts undefined (as a parameter
   * property does) makes V8 box every double later stored in it, one allocation per store.
   */
  u1 = 0;
  u2 = 0;
  uFail = 0;

  constructor(
    readonly isWrite: boolean,
    u1: number,
    u2: number,
    uFail: number,
    /** Called once, unless the query is cancelled: ok, or why not. */
    readonly onAnswer: (error: DbError | null) => void,
  ) {
    this.u1 = u1;
    this.u2 = u2;
    this.uFail = uFail;
  }

  /**
   * Makes an answered query new again with new draws, for a maker that reuses its queries: only
   * one that knows nothing can still hold the old one (no queue timeout pending on it, no probe).
   */
  protected renew(u1: number, u2: number, uFail: number): void {
    this.linkOwner = null;
    this.linkPrev = null;
    this.linkNext = null;
    this.state = "new";
    this.completionSeq = -1;
    this.endMs = 0;
    this.remainingMs = 0;
    this.failing = false;
    this.u1 = u1;
    this.u2 = u2;
    this.uFail = uFail;
  }

  /** Service starts: a subclass overrides it to act then (a read takes its snapshot). */
  started(): void {}

  /** The answer, once, unless the query is cancelled (a subclass may override it: no closure). */
  answer(error: DbError | null): void {
    this.onAnswer(error);
  }
}

/**
 * A pool of `servers` concurrent queries with a FIFO waiting queue (limit, wait timeout), a
 * service time that grows with the number in service, failure probability, outages (refuse or
 * hang) and slow-down windows from the timeline.
 */
export class Database {
  private readonly readSampler: Sampler;
  private readonly writeSampler: Sampler;
  private readonly readDraws: { u2: boolean; failure: boolean };
  private readonly writeDraws: { u2: boolean; failure: boolean };
  private readonly servers: number;
  private readonly queueLimit: number;
  private readonly inService = new LinkedSet<DbQuery>();
  // FIFO with lazy removal: cancelled or timed-out entries stay until they reach the head. A slot
  // is cleared when its query leaves, so finished queries (and the requests they hold) die young.
  private queue: Array<DbQuery | undefined> = [];
  private queueHead = 0;
  private waiting = 0;
  private refusing = 0;
  private hanging = 0;
  private slowdownEventFactor = 1;

  constructor(
    private readonly kernel: Kernel,
    private readonly config: DbConfig,
    private readonly recorder: Recorder,
  ) {
    this.readSampler = samplerFor(config.service);
    this.writeSampler = samplerFor(config.writeService);
    this.servers = config.servers ?? Number.POSITIVE_INFINITY;
    this.queueLimit = config.queue.limit ?? Number.POSITIVE_INFINITY;
    const failure = config.failureRate > 0;
    this.readDraws = { u2: this.readSampler.usesSecondDraw, failure };
    this.writeDraws = { u2: this.writeSampler.usesSecondDraw, failure };
  }

  /**
   * Which keyed draws of a query anything reads: those nobody reads need not be computed (keyed
   * draws are not taken from a stream, so skipping one changes no other draw).
   */
  drawsNeeded(isWrite: boolean): { u2: boolean; failure: boolean } {
    return isWrite ? this.writeDraws : this.readDraws;
  }

  get meanReadServiceMs(): number {
    return this.readSampler.meanMs;
  }

  get inServiceCount(): number {
    return this.inService.size;
  }

  get waitingCount(): number {
    return this.waiting;
  }

  /** Offers a query; returns false when it was rejected at once (its onAnswer has run). */
  offer(query: DbQuery): boolean {
    this.recorder.dbOffered(this.kernel.now);
    if (this.refusing > 0) {
      this.finish(query, "rejected");
      return false;
    }
    if (this.hanging === 0 && this.inService.size < this.servers) {
      this.startService(query);
      return true;
    }
    if (this.waiting >= this.queueLimit) {
      this.finish(query, "rejected");
      return false;
    }
    query.state = "queued";
    this.queue.push(query);
    this.waiting++;
    this.recorder.dbQueueChanged(this.kernel.now, this.waiting);
    const timeoutMs = this.config.queue.timeoutMs;
    if (timeoutMs !== null) {
      this.kernel.after(timeoutMs, () => {
        if (query.state !== "queued") return;
        this.leaveQueue(query);
        this.finish(query, "queue-timeout");
      });
    }
    return true;
  }

  /**
   * The query's last live waiter gave up. With cancelOnTimeout it leaves the queue or its server
   * at once and never answers; otherwise it runs on (the wasted work that sustains retry storms).
   * Returns whether it was cancelled.
   */
  abandon(query: DbQuery): boolean {
    if (!this.config.cancelOnTimeout || query.state === "done" || query.state === "new") {
      return false;
    }
    if (query.state === "queued") {
      this.leaveQueue(query);
    } else {
      this.inService.delete(query);
      this.recorder.dbInServiceChanged(this.kernel.now, this.inService.size);
    }
    query.state = "done";
    query.completionSeq = -1;
    this.recorder.dbCancelled(this.kernel.now);
    this.startWaiting();
    return true;
  }

  /** Timeline: refuse outage. Queued and in-service queries fail at once; new ones are rejected. */
  beginRefuse(): void {
    this.refusing++;
    const victims = this.inService.toArray();
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const q = this.queue[i] as DbQuery;
      if (q.state === "queued") victims.push(q);
    }
    this.queue = [];
    this.queueHead = 0;
    this.waiting = 0;
    this.recorder.dbQueueChanged(this.kernel.now, 0);
    this.inService.clear();
    this.recorder.dbInServiceChanged(this.kernel.now, 0);
    for (const q of victims) {
      q.completionSeq = -1;
      this.finish(q, "outage");
    }
  }

  endRefuse(): void {
    this.refusing--;
  }

  /** Timeline: hang outage. Nothing starts or finishes; in-service queries pause. */
  beginHang(): void {
    this.hanging++;
    if (this.hanging > 1) return;
    const now = this.kernel.now;
    for (const q of this.inService.toArray()) {
      q.remainingMs = q.endMs - now;
      q.state = "paused";
      q.completionSeq = -1;
    }
  }

  endHang(): void {
    this.hanging--;
    if (this.hanging > 0) return;
    const now = this.kernel.now;
    for (const q of this.inService.toArray()) {
      q.state = "service";
      this.scheduleCompletion(q, now + q.remainingMs);
    }
    this.startWaiting();
  }

  /** Timeline: every query started while the window lasts is `factor` times slower. */
  beginSlowdown(factor: number): void {
    this.slowdownEventFactor *= factor;
  }

  endSlowdown(factor: number): void {
    this.slowdownEventFactor /= factor;
  }

  /** Counts queries still in progress (queued or in service) for DB conservation at the end. */
  inProgressCount(): number {
    return this.inService.size + this.waiting;
  }

  private startService(query: DbQuery): void {
    const now = this.kernel.now;
    const n = this.inService.size + 1;
    const factor = slowdownFactor(this.config.slowdown, n) * this.slowdownEventFactor;
    const sampler = query.isWrite ? this.writeSampler : this.readSampler;
    const serviceMs = sampler.sample(query.u1, query.u2) * factor;
    query.failing = query.uFail <= this.config.failureRate && this.config.failureRate > 0;
    query.state = "service";
    this.inService.add(query);
    this.recorder.dbInServiceChanged(now, this.inService.size);
    query.started();
    this.scheduleCompletion(query, now + serviceMs);
  }

  private scheduleCompletion(query: DbQuery, endMs: number): void {
    query.endMs = endMs;
    query.completionSeq = this.kernel.atWith(endMs, this.complete, query);
  }

  /** A completion event: ignored unless it is still its query's live one. */
  private readonly complete = (query: DbQuery): void => {
    if (query.completionSeq !== this.kernel.currentSeq || query.state !== "service") return;
    this.inService.delete(query);
    this.recorder.dbInServiceChanged(this.kernel.now, this.inService.size);
    this.finish(query, query.failing ? "failed" : null);
    this.startWaiting();
  };

  private startWaiting(): void {
    if (this.hanging > 0) return;
    while (this.inService.size < this.servers && this.waiting > 0) {
      const next = this.queue[this.queueHead] as DbQuery;
      this.queue[this.queueHead] = undefined;
      this.queueHead++;
      if (next.state !== "queued") continue;
      this.waiting--;
      this.startService(next);
    }
    this.recorder.dbQueueChanged(this.kernel.now, this.waiting);
    this.compactQueue();
  }

  private leaveQueue(query: DbQuery): void {
    query.state = "done";
    this.waiting--;
    this.recorder.dbQueueChanged(this.kernel.now, this.waiting);
  }

  private compactQueue(): void {
    if (this.waiting === 0 && this.queueHead === this.queue.length && this.queueHead > 0) {
      this.queue.length = 0;
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private finish(query: DbQuery, error: DbError | null): void {
    query.state = "done";
    this.recorder.dbAnswered(this.kernel.now, error);
    query.answer(error);
  }
}
