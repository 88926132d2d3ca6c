import type { AppConfig } from "../config.js";
import { namedStream, type RandomStream } from "../kernel/random.js";
import type { LoadShedder } from "../mitigations/shed.js";
import { LinkedSet } from "./linkedSet.js";
import type { Load, RebuildGate } from "./load.js";
import { LocalCache } from "./localCache.js";
import type { Attempt } from "./request.js";

/** One app server: its in-process state is what a restart wipes. */
export class AppInstance {
  up = true;
  /** Bumped by every restart, so work started before it cannot complete after it. */
  epoch = 0;
  readonly inProgress = new LinkedSet<Attempt>();
  readonly localCache: LocalCache | null;
  /**
   * Loads in flight per key that later callers may join: single-flight's table, and the background
   * loads that must not pile up without coalescing. A restart drops it.
   */
  readonly flights = new Map<number, Load>();

  /** The breaker on this instance's rebuild path, if the strategy has one. */
  gate: RebuildGate | null;
  /** Admission control at this instance's door, if the strategy has one. */
  shedder: LoadShedder | null;
  /** This instance's stream for its mitigations' draws (early-expiry coin flips). */
  readonly random: RandomStream;

  constructor(
    readonly index: number,
    app: AppConfig,
    seed: number,
    private readonly guards: { gate: () => RebuildGate | null; shedder: () => LoadShedder | null },
  ) {
    this.localCache = app.localCache
      ? new LocalCache(app.localCache.ttlMs, app.localCache.capacity)
      : null;
    this.gate = guards.gate();
    this.shedder = guards.shedder();
    this.random = namedStream(seed, `mitigation/instance${index}`);
  }

  /** Wipes in-process state; returns the attempts that were in progress (they fail). */
  restart(): Attempt[] {
    this.epoch++;
    const interrupted = this.inProgress.toArray();
    this.inProgress.clear();
    this.localCache?.clear();
    this.flights.clear();
    this.gate = this.guards.gate();
    this.shedder = this.guards.shedder();
    return interrupted;
  }
}
