import type { DbError } from "../model/database.js";
import type { Metrics, Series } from "../result.js";
import { LatencyHistogram } from "./latencyHistogram.js";
import { RefreshGroups } from "./refreshGroups.js";

export type Outcome = "ok" | "failed" | "shed";

/**
 * Streaming metrics for one run (SPEC §7, §8 Windows): request metrics belong to requests that
 * arrive in [warmup, duration); event counters to events whose time is in it. Memory is per bucket
 * and per key, never per request.
 */
export class Recorder {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  private readonly bucketMs: number;
  private readonly bucketCount: number;

  private total = 0;
  private ok = 0;
  private failed = 0;
  private shed = 0;
  private attempts = 0;
  private throttled = 0;
  private readonly latency = new LatencyHistogram();

  private hits = 0;
  private l1Hits = 0;
  private misses = 0;
  private staleServed = 0;
  private earlyRefreshes = 0;
  private staleSets = 0;
  private gets = 0;
  private sets = 0;
  private maxStaleAgeMs = 0;

  private dbQueries = 0;
  private dbCompleted = 0;
  private dbFailed = 0;
  private dbRejected = 0;
  private dbQueueTimedOut = 0;
  private dbCancelledCount = 0;
  private peakInFlight = 0;
  private peakQueue = 0;
  /** Queries waiting now, and whether the length at the window's start has been counted. */
  private queueNow = 0;
  private queueCarried = false;
  private inServiceNow = 0;
  private inServiceSinceMs = 0;
  private inServiceAreaTotal = 0;

  private readonly seriesRequests: Float64Array;
  private readonly seriesOk: Float64Array;
  private readonly seriesErrors: Float64Array;
  private readonly seriesDbOffered: Float64Array;
  private readonly seriesMisses: Float64Array;
  private readonly seriesInServiceArea: Float64Array;
  private readonly seriesP99: Array<number | null>;
  private readonly bucketLatency = new LatencyHistogram();
  private bucketLatencyIndex = -1;

  readonly refreshGroups: RefreshGroups | null;

  constructor(
    warmupMs: number,
    durationMs: number,
    bucketMs: number,
    keyCount: number,
    trackRefreshes: boolean,
  ) {
    this.windowStartMs = warmupMs;
    this.windowEndMs = durationMs;
    this.bucketMs = bucketMs;
    this.bucketCount = Math.ceil((durationMs - warmupMs) / bucketMs);
    this.seriesRequests = new Float64Array(this.bucketCount);
    this.seriesOk = new Float64Array(this.bucketCount);
    this.seriesErrors = new Float64Array(this.bucketCount);
    this.seriesDbOffered = new Float64Array(this.bucketCount);
    this.seriesMisses = new Float64Array(this.bucketCount);
    this.seriesInServiceArea = new Float64Array(this.bucketCount);
    this.seriesP99 = new Array<number | null>(this.bucketCount).fill(null);
    this.inServiceSinceMs = warmupMs;
    this.refreshGroups = trackRefreshes ? new RefreshGroups(keyCount) : null;
  }

  inWindow(tMs: number): boolean {
    return tMs >= this.windowStartMs && tMs < this.windowEndMs;
  }

  private bucketOf(tMs: number): number {
    return Math.floor((tMs - this.windowStartMs) / this.bucketMs);
  }

  // Requests: the caller passes `measured` (arrived in the window), fixed at arrival.

  requestArrived(nowMs: number): boolean {
    if (!this.inWindow(nowMs)) return false;
    this.total++;
    (this.seriesRequests[this.bucketOf(nowMs)] as number)++;
    return true;
  }

  attemptSent(measured: boolean): void {
    if (measured) this.attempts++;
  }

  attemptThrottled(measured: boolean): void {
    if (measured) this.throttled++;
  }

  /**
   * Request metrics (requests.*, latencyMs) take measured requests only; the ok/errors/p99 series
   * are event series (SPEC §8 Windows): every request finishing in the window counts, including one
   * that arrived during the warmup.
   */
  requestFinished(measured: boolean, outcome: Outcome, arrivalMs: number, nowMs: number): void {
    const latencyMs = nowMs - arrivalMs;
    if (measured) {
      if (outcome === "ok") this.ok++;
      else if (outcome === "failed") this.failed++;
      else this.shed++;
      this.latency.record(latencyMs);
    }
    if (!this.inWindow(nowMs)) return;
    const b = this.bucketOf(nowMs);
    if (outcome === "ok") (this.seriesOk[b] as number)++;
    else (this.seriesErrors[b] as number)++;
    // Finish times only move forward, so one histogram serves every bucket in turn.
    if (b !== this.bucketLatencyIndex) {
      this.closeBucketLatency();
      this.bucketLatencyIndex = b;
    }
    this.bucketLatency.record(latencyMs);
  }

  /**
   * A read answered from a fresh value with no events of its own (skip-ahead): exactly
   * requestArrived(arrivalMs), attemptSent, cacheGet(getMs), cacheHit(answerMs, false) and
   * requestFinished(…, "ok", arrivalMs, answerMs), in one call for the bulk loop.
   */
  freshReadHit(arrivalMs: number, getMs: number, answerMs: number): void {
    const measured = this.requestArrived(arrivalMs);
    if (measured) this.attempts++;
    if (getMs >= this.windowStartMs && getMs < this.windowEndMs) this.gets++;
    if (answerMs >= this.windowStartMs && answerMs < this.windowEndMs) this.hits++;
    this.requestFinished(measured, "ok", arrivalMs, answerMs);
  }

  private closeBucketLatency(): void {
    if (this.bucketLatencyIndex >= 0 && this.bucketLatency.count > 0) {
      this.seriesP99[this.bucketLatencyIndex] = this.bucketLatency.percentile(99);
    }
    this.bucketLatency.reset();
  }

  // Cache: counted by event time.

  cacheHit(nowMs: number, fromL1: boolean): void {
    if (!this.inWindow(nowMs)) return;
    this.hits++;
    if (fromL1) this.l1Hits++;
  }

  cacheMiss(nowMs: number): void {
    if (!this.inWindow(nowMs)) return;
    this.misses++;
    (this.seriesMisses[this.bucketOf(nowMs)] as number)++;
  }

  staleServedAt(nowMs: number, staleAgeMs: number): void {
    if (!this.inWindow(nowMs)) return;
    this.staleServed++;
    if (staleAgeMs > this.maxStaleAgeMs) this.maxStaleAgeMs = staleAgeMs;
  }

  /** A stale value was answered after the read had already been classified (breaker degraded mode). */
  staleAge(staleAgeMs: number): void {
    if (staleAgeMs > this.maxStaleAgeMs) this.maxStaleAgeMs = staleAgeMs;
  }

  earlyRefresh(nowMs: number): void {
    if (this.inWindow(nowMs)) this.earlyRefreshes++;
  }

  cacheGet(nowMs: number): void {
    if (this.inWindow(nowMs)) this.gets++;
  }

  cacheSet(nowMs: number, stale: boolean): void {
    if (!this.inWindow(nowMs)) return;
    this.sets++;
    if (stale) this.staleSets++;
  }

  // Database.

  dbOffered(nowMs: number): void {
    if (!this.inWindow(nowMs)) return;
    this.dbQueries++;
    (this.seriesDbOffered[this.bucketOf(nowMs)] as number)++;
  }

  dbAnswered(nowMs: number, error: DbError | null): void {
    if (!this.inWindow(nowMs)) return;
    if (error === null) this.dbCompleted++;
    else if (error === "rejected") this.dbRejected++;
    else if (error === "queue-timeout") this.dbQueueTimedOut++;
    else this.dbFailed++;
  }

  dbCancelled(nowMs: number): void {
    if (this.inWindow(nowMs)) this.dbCancelledCount++;
  }

  dbQueueChanged(nowMs: number, waiting: number): void {
    if (nowMs >= this.windowStartMs) this.carryQueue();
    this.queueNow = waiting;
    if (waiting > this.peakQueue && this.inWindow(nowMs)) this.peakQueue = waiting;
  }

  /** A queue that built up during the warmup is waiting at the window's first instant. */
  private carryQueue(): void {
    if (this.queueCarried) return;
    this.queueCarried = true;
    if (this.windowEndMs > this.windowStartMs && this.queueNow > this.peakQueue) {
      this.peakQueue = this.queueNow;
    }
  }

  dbInServiceChanged(nowMs: number, inService: number): void {
    this.accumulateInService(Math.min(nowMs, this.windowEndMs));
    this.inServiceNow = inService;
    if (inService > this.peakInFlight && this.inWindow(nowMs)) this.peakInFlight = inService;
  }

  /** Integrates queries-in-service over time, per bucket, from the last change to `toMs`. */
  private accumulateInService(toMs: number): void {
    let from = Math.max(this.inServiceSinceMs, this.windowStartMs);
    if (toMs > from) {
      if (from === this.windowStartMs && this.inServiceNow > this.peakInFlight) {
        this.peakInFlight = this.inServiceNow;
      }
      const value = this.inServiceNow;
      if (value > 0) {
        this.inServiceAreaTotal += value * (toMs - from);
        while (from < toMs) {
          const b = this.bucketOf(from);
          const bucketEnd = Math.min(toMs, this.windowStartMs + (b + 1) * this.bucketMs);
          (this.seriesInServiceArea[b] as number) += value * (bucketEnd - from);
          from = bucketEnd;
        }
      }
    }
    if (toMs > this.inServiceSinceMs) this.inServiceSinceMs = toMs;
  }

  // Refresh groups (loads of one key whose executions overlap).

  loadStarted(key: number, nowMs: number): void {
    this.refreshGroups?.loadStarted(key, this.inWindow(nowMs));
  }

  loadEnded(key: number): void {
    this.refreshGroups?.loadEnded(key);
  }

  /** Closes the run at the window's end; `dbInProgress` = queries still queued or in service. */
  finish(dbInProgress: number, hasCache: boolean): { metrics: Metrics; series: Series } {
    this.accumulateInService(this.windowEndMs);
    this.carryQueue();
    this.closeBucketLatency();
    this.refreshGroups?.finish();
    const windowMs = this.windowEndMs - this.windowStartMs;
    // The last bucket may be shorter than the others; rates use each bucket's own length.
    const bucketMsOf = (b: number): number =>
      Math.min(this.bucketMs, this.windowEndMs - (this.windowStartMs + b * this.bucketMs));
    const bucketSeconds = (b: number): number => bucketMsOf(b) / 1000;

    const t: number[] = [];
    const dbQps: number[] = [];
    const dbInFlight: number[] = [];
    let peakQps = 0;
    let peakMissesPerSec = 0;
    for (let b = 0; b < this.bucketCount; b++) {
      t.push(this.windowStartMs + b * this.bucketMs);
      const qps = (this.seriesDbOffered[b] as number) / bucketSeconds(b);
      dbQps.push(qps);
      if (qps > peakQps) peakQps = qps;
      const mps = (this.seriesMisses[b] as number) / bucketSeconds(b);
      if (mps > peakMissesPerSec) peakMissesPerSec = mps;
      dbInFlight.push((this.seriesInServiceArea[b] as number) / bucketMsOf(b));
    }

    const total = this.total;
    const inFlight = total - this.ok - this.failed - this.shed;
    const classified = this.hits + this.staleServed + this.misses;
    const groups = this.refreshGroups;
    const metrics: Metrics = {
      requests: {
        total,
        ok: this.ok,
        failed: this.failed,
        shed: this.shed,
        inFlight,
        attempts: this.attempts,
        retries: this.attempts - total,
        throttled: this.throttled,
        okRatio: total === 0 ? null : this.ok / total,
        failedRatio: total === 0 ? null : this.failed / total,
        amplification: total === 0 ? null : this.attempts / total,
      },
      latencyMs: {
        mean: this.latency.mean,
        p50: this.latency.percentile(50),
        p95: this.latency.percentile(95),
        p99: this.latency.percentile(99),
        p999: this.latency.percentile(99.9),
        max: this.latency.max,
      },
      cache: {
        hits: this.hits,
        l1Hits: this.l1Hits,
        misses: this.misses,
        staleServed: this.staleServed,
        earlyRefreshes: this.earlyRefreshes,
        staleSets: this.staleSets,
        gets: this.gets,
        sets: this.sets,
        hitRate: !hasCache || classified === 0 ? null : this.hits / classified,
        peakMissesPerSec,
        maxStaleAgeMs: this.maxStaleAgeMs,
      },
      db: {
        queries: this.dbQueries,
        completed: this.dbCompleted,
        failed: this.dbFailed,
        rejected: this.dbRejected,
        queueTimedOut: this.dbQueueTimedOut,
        cancelled: this.dbCancelledCount,
        inProgress: dbInProgress,
        peakQps,
        peakInFlight: this.peakInFlight,
        meanInFlight: windowMs > 0 ? this.inServiceAreaTotal / windowMs : 0,
        peakQueue: this.peakQueue,
        refreshes: groups ? groups.refreshes : 0,
        loadsPerRefresh: groups ? { mean: groups.meanLoads, max: groups.maxLoadsPerRefresh } : null,
      },
    };
    const series: Series = {
      t,
      requests: Array.from(this.seriesRequests),
      ok: Array.from(this.seriesOk),
      errors: Array.from(this.seriesErrors),
      dbQps,
      cacheMisses: Array.from(this.seriesMisses),
      p99LatencyMs: this.seriesP99,
      dbInFlight,
    };
    return { metrics, series };
  }
}
