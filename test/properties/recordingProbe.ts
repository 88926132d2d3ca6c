import type { ProbedLoad, SimProbe } from "../../src/sim/probe.js";

/**
 * A probe that checks the model's invariants as the run goes and keeps the first violations, so a
 * failing property names what broke and when. Each check is one of the guarantees in
 * docs/guarantees.md.
 */
export class RecordingProbe implements SimProbe {
  readonly violations: string[] = [];
  /** Each request's arrival time. */
  readonly started = new Map<object, number>();
  readonly ended = new Map<object, string>();
  loadsStarted = 0;
  loadsEnded = 0;
  locksAcquired = 0;
  /** The most loads of one key in progress at once on one instance (within one process life). */
  maxLoadsPerInstanceKey = 0;
  private lastAtMs = 0;
  private readonly loadsInProgress = new Map<string, number>();
  private readonly loadSlots = new Map<ProbedLoad, string>();
  private readonly locks = new Map<number, { owner: number; untilMs: number }>();
  private readonly ownersThatLoaded = new Set<number>();
  private holderAboutToLoad: { key: number; owner: number } | null = null;

  constructor(private readonly options: { lockStrategy?: boolean } = {}) {}

  private violation(message: string): void {
    if (this.violations.length < 10) this.violations.push(message);
  }

  /** Simulated time never goes backwards between the model's calls. */
  private at(atMs: number, what: string): void {
    if (!(atMs >= this.lastAtMs)) this.violation(`${what} at ${atMs} after ${this.lastAtMs}`);
    this.lastAtMs = atMs;
  }

  requestStarted(request: object, atMs: number): void {
    this.at(atMs, "requestStarted");
    if (this.started.has(request)) this.violation(`request started twice at ${atMs}`);
    this.started.set(request, atMs);
  }

  requestEnded(request: object, outcome: string, atMs: number): void {
    this.at(atMs, "requestEnded");
    if (!this.started.has(request)) this.violation(`request ended (${outcome}) but never started`);
    if (this.ended.has(request)) this.violation(`request ended twice at ${atMs}`);
    this.ended.set(request, outcome);
  }

  loadStarted(load: ProbedLoad, atMs: number): void {
    this.at(atMs, "loadStarted");
    this.loadsStarted++;
    const slot = `${load.instance.index}/${load.instance.epoch}/${load.key}`;
    const now = (this.loadsInProgress.get(slot) ?? 0) + 1;
    this.loadsInProgress.set(slot, now);
    this.loadSlots.set(load, slot);
    this.maxLoadsPerInstanceKey = Math.max(this.maxLoadsPerInstanceKey, now);
    if (this.options.lockStrategy) {
      const holder = this.holderAboutToLoad;
      this.holderAboutToLoad = null;
      if (holder === null || holder.key !== load.key) {
        this.violation(`a load of key ${load.key} at ${atMs} started without holding its lock`);
      }
    }
  }

  loadEnded(load: ProbedLoad, atMs: number): void {
    this.at(atMs, "loadEnded");
    this.loadsEnded++;
    const slot = this.loadSlots.get(load);
    if (slot === undefined) {
      this.violation(`a load of key ${load.key} ended at ${atMs} without starting`);
      return;
    }
    this.loadSlots.delete(load);
    this.loadsInProgress.set(slot, (this.loadsInProgress.get(slot) ?? 1) - 1);
  }

  lockAcquired(key: number, owner: number, atMs: number, untilMs: number): void {
    this.at(atMs, "lockAcquired");
    this.locksAcquired++;
    const held = this.locks.get(key);
    // A flush deletes locks without telling the probe; lock runs leave flushes out.
    if (this.options.lockStrategy && held !== undefined && held.untilMs > atMs) {
      this.violation(`lock of key ${key} taken by ${owner} at ${atMs} while ${held.owner} held it`);
    }
    this.locks.set(key, { owner, untilMs });
  }

  lockReleased(key: number, owner: number, atMs: number): void {
    this.at(atMs, "lockReleased");
    if (this.locks.get(key)?.owner === owner) this.locks.delete(key);
  }

  lockHolderLoads(key: number, owner: number, atMs: number): void {
    this.at(atMs, "lockHolderLoads");
    if (!this.options.lockStrategy) return;
    const held = this.locks.get(key);
    if (held === undefined || held.owner !== owner || held.untilMs <= atMs) {
      // Only a holder whose lock expired before its reply arrived may load without it: the
      // documented double load of a lock TTL shorter than the round trip. Arbitraries keep the
      // lock TTL far above the cache latency, so here it is a violation.
      this.violation(`owner ${owner} loads key ${key} at ${atMs} without holding its lock`);
    }
    if (this.ownersThatLoaded.has(owner)) this.violation(`lock owner ${owner} loaded twice`);
    this.ownersThatLoaded.add(owner);
    this.holderAboutToLoad = { key, owner };
  }
}
