import type { AppConfig } from "../config.js";
import type { Load } from "./load.js";
import { LocalCache } from "./localCache.js";
import type { Attempt } from "./request.js";

/** One app server: its in-process state is what a restart wipes. */
export class AppInstance {
  up = true;
  /** Bumped by every restart, so work started before it cannot complete after it. */
  epoch = 0;
  readonly inProgress = new Set<Attempt>();
  readonly localCache: LocalCache | null;
  /** Background loads in flight per key: at most one per key per instance without coalescing. */
  readonly backgroundLoads = new Map<number, Load>();

  constructor(
    readonly index: number,
    app: AppConfig,
  ) {
    this.localCache = app.localCache
      ? new LocalCache(app.localCache.ttlMs, app.localCache.capacity)
      : null;
  }

  /** Wipes in-process state; returns the attempts that were in progress (they fail). */
  restart(): Attempt[] {
    this.epoch++;
    const interrupted = [...this.inProgress];
    this.inProgress.clear();
    this.localCache?.clear();
    this.backgroundLoads.clear();
    return interrupted;
  }
}
