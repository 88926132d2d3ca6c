/**
 * An observer of one run, so that tests can check the model's invariants (test/properties) on
 * what actually happened rather than on the metrics it adds up to. The model calls it at a few
 * points of the life of a request, a load and a lock; a run without a probe pays one undefined
 * check at each. A probe only watches: it must not change what it is shown.
 *
 * Identities (`request`, `load`) are the model's own objects, compared by reference; `atMs` is
 * the simulated time of the call.
 */
export interface SimProbe {
  /** A client request arrives, before its first attempt. */
  requestStarted(request: object, atMs: number): void;
  /** The request's final outcome is decided: at most once per request. */
  requestEnded(request: object, outcome: "ok" | "failed" | "shed", atMs: number): void;
  /**
   * An app instance starts a load of a key (the DB query with the app's own retries, then the
   * cache set). The instance's `epoch` counts its restarts: a restart forgets the loads it had.
   */
  loadStarted(load: ProbedLoad, atMs: number): void;
  /** The load is over, however it ended (answered, failed, refused by the breaker, abandoned). */
  loadEnded(load: ProbedLoad, atMs: number): void;
  /** `owner` took the key's lock in the shared cache (set-if-absent), held until `untilMs`. */
  lockAcquired(key: number, owner: number, atMs: number, untilMs: number): void;
  /** `owner` asks the cache to release the key's lock (a no-op unless it still holds it). */
  lockReleased(key: number, owner: number, atMs: number): void;
  /** The lock's `owner` starts its load of the key: the next loadStarted is that load. */
  lockHolderLoads(key: number, owner: number, atMs: number): void;
}

/** What a probe may read of a load. */
export interface ProbedLoad {
  readonly key: number;
  readonly background: boolean;
  readonly instance: { readonly index: number; readonly epoch: number };
}
