import type { SimConfig, TrafficSource } from "../config.js";
import type { Recorder } from "../metrics/recorder.js";
import type { FreshnessPolicy } from "../mitigations/types.js";
import type { AppTier } from "./appTier.js";
import type { RequestOrigin } from "./request.js";
import type { CacheEntry } from "./sharedCache.js";
import type { World } from "./world.js";

/** One open-loop source's arrival stream, as the skipper drives it. */
export interface ArrivalStream {
  readonly origin: RequestOrigin;
  /** The arrival after one at `fromMs` (takes the source's next arrival draw); Infinity if none. */
  nextAfter(fromMs: number): number;
  /** Schedules the arrival at `atMs` as an ordinary per-request event. */
  schedule(atMs: number): void;
}

/**
 * Skip-ahead over runs of fresh reads. While a hot key is certain to be a hit and nothing else is
 * due, a read's whole life is known when it arrives: its GET takes effect at a + RTT/2 and sees a
 * hit, its answer reaches the client at a + RTT. Such reads need no events: a run of them is
 * accounted in one step, each still taking exactly the draws and counter updates it would have,
 * in the same order, so the run's result is identical to the per-request path's.
 *
 * Why the order is the same. A bulk step at arrival t covers arrivals a with a + RTT < end, where
 * end is the earliest of: the next event that is not passive (a timeout, a DB answer, a timeline
 * event, another source's arrival…), the moment the key may stop being a certain hit, and the end
 * of the run. Until then nothing happens but these reads and the passive events of reads already
 * in flight (open-loop fresh hits sent before t, all over before L = the latest passive event
 * + RTT, since a GET schedules its answer when it takes effect). The step runs at L, after them.
 * Between reads, the only effects that do not commute are those of the same kind — GETs (an
 * instance's draws, in GET order) and answers (the latency sum and the per-bucket histogram, in
 * answer order) — and with one constant RTT both orders are arrival order, in flight first. The
 * arrival that ends the run is scheduled as an ordinary event; it is after L because the step
 * only starts when end − L leaves room for more than two round trips.
 *
 * What a skipped read leaves out, and why nothing can tell: a cache-latency draw (a constant
 * latency reads none), a key draw (one key reads none), sequence numbers (only their order
 * matters) and a pending timeout (its answer comes long before it; the client's timer only
 * stands for the earliest unsettled attempt, and a timer that finds nothing due does nothing).
 *
 * Only where that reasoning holds: one key in the whole scenario, a constant cache latency, a
 * freshness policy that knows when a hit is certain, no L1, no admission control, no adaptive
 * throttling, open-loop read-only sources, and a client timeout (if any) well beyond a round trip.
 */
export class FreshReadSkipper {
  private constructor(
    private readonly world: World,
    private readonly tier: AppTier,
    private readonly freshness: FreshnessPolicy,
    private readonly certainHitBeforeMs: (entry: CacheEntry) => number,
    private readonly halfRttMs: number,
  ) {}

  /** The skipper for `source`, or null when this run is not one it can skip over exactly. */
  static forSource(
    world: World,
    tier: AppTier,
    freshness: FreshnessPolicy,
    source: TrafficSource,
  ): FreshReadSkipper | null {
    const config = world.config;
    const halfRttMs = constantHalfRttMs(config);
    const certainHitBeforeMs = freshness.certainHitBeforeMs;
    if (halfRttMs === null || certainHitBeforeMs === undefined) return null;
    const timeoutMs = config.client.timeoutMs;
    const eligible =
      source.load.kind === "open" &&
      source.writeRatio === 0 &&
      config.traffic.every((s) => s.keys.count === 1) &&
      config.app.localCache === null &&
      config.client.throttle === null &&
      config.strategy.admission === null &&
      (timeoutMs === null || timeoutMs > 8 * halfRttMs);
    return eligible
      ? new FreshReadSkipper(world, tier, freshness, certainHitBeforeMs, halfRttMs)
      : null;
  }

  /**
   * At the arrival `t` (now): skips over the run of fresh reads starting with it, if there is
   * one, and returns true (the stream's next ordinary arrival is then scheduled by the skipper);
   * false leaves the arrival to the per-request path.
   */
  trySkipFrom(t: number, stream: ArrivalStream): boolean {
    const world = this.world;
    const cache = world.cache;
    const entry = cache?.peek(0);
    if (entry === undefined) return false;
    const h = this.halfRttMs;
    const certainUntilMs = this.certainHitBeforeMs(entry);
    const kernel = world.kernel;
    // A GET in flight schedules its answer (passive too) h after it takes effect, so the last
    // passive event may not be in the queue yet: 2h after the latest one is strictly after all.
    const lastPassiveMs = Math.max(t, kernel.latestPassiveEventMs + 2 * h);
    // Room for more than two round trips after the reads in flight, or it is not worth a step.
    if (!(certainUntilMs - lastPassiveMs > 4 * h)) return false;
    if (world.network.partitioned || !this.tier.instances.some((i) => i.up)) return false;
    const endMs = Math.min(kernel.nextActiveEventMs(), certainUntilMs, world.config.durationMs);
    if (!(endMs - lastPassiveMs > 4 * h)) return false;
    if (lastPassiveMs > t) kernel.at(lastPassiveMs, () => this.run(t, endMs, stream));
    else this.run(t, endMs, stream);
    return true;
  }

  /** Accounts every read arriving from `firstMs` on whose answer comes before `endMs`. */
  private run(firstMs: number, endMs: number, stream: ArrivalStream): void {
    const world = this.world;
    const recorder: Recorder = world.recorder;
    const tier = this.tier;
    const freshness = this.freshness;
    const entry = world.cache?.peek(0);
    if (entry === undefined) throw new Error("fresh-read skip: the key vanished");
    const origin = stream.origin;
    const budget = origin.budget;
    const h = this.halfRttMs;
    const nowMs = world.kernel.now;
    let a = firstMs;
    for (let n = 0; ; n++) {
      // The same float arithmetic as the events would do: kernel.after(h) from a, then from a + h.
      const getMs = a + h;
      const answerMs = getMs + h;
      if (!(answerMs < endMs)) break;
      // A step is one event: ending it early (the next one starts at the arrival it stopped at,
      // exactly as if it had not stopped) keeps slices of `Simulation.advance` short.
      if (n >= READS_PER_STEP && a > nowMs) break;
      origin.nextSeq++;
      budget?.earn();
      const instance = tier.pick();
      if (instance === null) throw new Error("fresh-read skip: no instance up");
      // With one key, the GET's LRU touch moves the only entry to where it already is.
      if (freshness.decide(entry, getMs, instance.random) !== "hit") {
        throw new Error("fresh-read skip: a certain hit was not a hit");
      }
      recorder.freshReadHit(a, getMs, answerMs);
      a = stream.nextAfter(a);
    }
    if (a < world.config.durationMs) stream.schedule(a);
  }
}

/** The most reads one bulk step accounts for (about a millisecond of work). */
const READS_PER_STEP = 8192;

/** Half the cache round trip when it is one constant; null when it varies (or there is no cache). */
function constantHalfRttMs(config: SimConfig): number | null {
  const cache = config.cache;
  if (cache === null || cache.latency.kind !== "constant" || !(cache.latency.valueMs > 0)) {
    return null;
  }
  return cache.latency.valueMs / 2;
}
