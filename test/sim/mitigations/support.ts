import type { Breaker, SimConfig } from "../../../src/sim/config.js";
import type { RandomStream } from "../../../src/sim/kernel/random.js";
import type { CacheEntry } from "../../../src/sim/model/sharedCache.js";
import type { SimOutput } from "../../../src/sim/simulate.js";

/** A RandomStream that replays `values` in order, then repeats the last one. */
export function fakeStream(...values: number[]): RandomStream & { calls: number } {
  const stream = {
    calls: 0,
    next(): number {
      const v = values[Math.min(stream.calls, values.length - 1)];
      stream.calls++;
      if (v === undefined) throw new Error("fakeStream needs at least one value");
      return v;
    },
  };
  return stream;
}

/** A cache entry written at `writtenAtMs`, fresh for `freshMs`, kept `keepMs` past that. */
export function entry(writtenAtMs: number, freshMs: number, deltaMs = 10, keepMs = 0): CacheEntry {
  return {
    version: 0,
    writtenAtMs,
    freshUntilMs: writtenAtMs + freshMs,
    keepUntilMs: writtenAtMs + freshMs + keepMs,
    deltaMs,
  };
}

/** Breaker options with the catalog's defaults, overridable. */
export function breaker(over: Partial<Breaker> = {}): Breaker {
  return {
    kind: "breaker",
    maxConcurrent: null,
    timeoutMs: null,
    windowMs: 10_000,
    threshold: 0.5,
    minCalls: 10,
    openForMs: 5000,
    probes: 1,
    ...over,
  };
}

/** DB queries offered in each bucket (the series is per second). */
export function dbQueriesPerBucket(out: SimOutput, config: SimConfig): number[] {
  return out.series.dbQps.map((qps) => Math.round((qps * config.bucketMs) / 1000));
}
