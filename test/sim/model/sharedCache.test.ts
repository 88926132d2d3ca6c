import { describe, expect, it } from "vitest";
import { Recorder } from "../../../src/sim/metrics/recorder.js";
import { LocalCache } from "../../../src/sim/model/localCache.js";
import { type CacheEntry, SharedCache } from "../../../src/sim/model/sharedCache.js";

function entry(version: number, writtenAtMs: number, freshMs: number, keepMs = 0): CacheEntry {
  return {
    version,
    writtenAtMs,
    freshUntilMs: writtenAtMs + freshMs,
    keepUntilMs: writtenAtMs + freshMs + keepMs,
    deltaMs: 5,
  };
}

function setup(keys: number, capacity: number | null) {
  const recorder = new Recorder(0, 10_000, 1000, keys, true);
  const cache = new SharedCache(keys, capacity, recorder);
  const metrics = () => recorder.finish(0, true).metrics.cache;
  return { cache, metrics };
}

describe("SharedCache", () => {
  it("evicts the least recently used key past capacity; a get refreshes recency", () => {
    const { cache } = setup(3, 2);
    cache.set(0, entry(0, 0, 1000), 0);
    cache.set(1, entry(0, 0, 1000), 0);
    expect(cache.get(0, 1)).toBeDefined(); // k0 now most recent
    cache.set(2, entry(0, 2, 1000), 2);
    expect(cache.size).toBe(2);
    expect(cache.peek(1)).toBeUndefined();
    expect(cache.peek(0)).toBeDefined();
    expect(cache.peek(2)).toBeDefined();
  });

  it("keeps an expired value readable until keep-until, then drops it", () => {
    const { cache } = setup(1, null);
    cache.set(0, entry(0, 0, 1000, 500), 0);
    expect(cache.get(0, 1200)?.freshUntilMs).toBe(1000);
    expect(cache.get(0, 1500)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("expire sets fresh-until to now and leaves keep-until; it never extends freshness", () => {
    const { cache } = setup(2, null);
    cache.set(0, entry(0, 0, 1000, 500), 0);
    cache.expire(0, 400);
    expect(cache.peek(0)).toMatchObject({ freshUntilMs: 400, keepUntilMs: 1500 });
    cache.set(1, entry(0, 0, 1000), 0);
    cache.expire(1, 2000);
    expect(cache.peek(1)?.freshUntilMs).toBe(1000);
    cache.expire(0, 450); // already expired at 400: stays
    expect(cache.peek(0)?.freshUntilMs).toBe(400);
  });

  it("counts a set of an older version than one written or invalidated as a stale set", () => {
    const { cache, metrics } = setup(1, null);
    cache.set(0, entry(1, 0, 1000), 0);
    cache.set(0, entry(0, 10, 1000), 10); // older than written v1
    cache.invalidate(0, 3);
    cache.set(0, entry(2, 20, 1000), 20); // older than invalidated v3
    cache.set(0, entry(3, 30, 1000), 30); // current: fine
    cache.set(0, entry(3, 40, 1000), 40, false); // uncounted (initial fill)
    const m = metrics();
    expect(m.sets).toBe(4);
    expect(m.staleSets).toBe(2);
  });

  it("flush drops values, stale copies and locks", () => {
    const { cache } = setup(2, null);
    cache.set(0, entry(0, 0, 1000, 1000), 0);
    expect(cache.tryLock(1, 7, 0, 5000)).toBe(true);
    cache.flush();
    expect(cache.size).toBe(0);
    expect(cache.tryLock(1, 8, 1, 5000)).toBe(true);
  });

  it("locks: set-if-absent with a TTL, released only by their owner", () => {
    const { cache } = setup(1, null);
    expect(cache.tryLock(0, 1, 0, 100)).toBe(true);
    expect(cache.tryLock(0, 2, 50, 100)).toBe(false);
    cache.unlock(0, 2); // not the owner
    expect(cache.tryLock(0, 2, 60, 100)).toBe(false);
    expect(cache.tryLock(0, 2, 100, 100)).toBe(true); // expired
    cache.unlock(0, 1); // the old holder cannot free the new one's lock
    expect(cache.tryLock(0, 3, 150, 100)).toBe(false);
    cache.unlock(0, 2);
    expect(cache.tryLock(0, 3, 150, 100)).toBe(true);
  });
});

describe("LocalCache (L1)", () => {
  it("is fresh for min(ttl, the source's fresh-until), LRU-bounded, cleared by invalidate", () => {
    const l1 = new LocalCache(100, 2);
    l1.fill(0, 0, 1000);
    l1.fill(1, 0, 50); // the shared value is fresh for 50 only
    expect(l1.isFresh(0, 99)).toBe(true);
    expect(l1.isFresh(0, 100)).toBe(false);
    expect(l1.isFresh(1, 49)).toBe(true);
    expect(l1.isFresh(1, 50)).toBe(false);
    l1.fill(0, 200, 1000);
    l1.fill(1, 200, 1000);
    expect(l1.isFresh(0, 201)).toBe(true); // k0 most recent
    l1.fill(2, 202, 1000);
    expect(l1.isFresh(1, 203)).toBe(false); // evicted
    expect(l1.isFresh(0, 203)).toBe(true);
    l1.invalidate(0);
    expect(l1.isFresh(0, 204)).toBe(false);
    l1.clear();
    expect(l1.isFresh(2, 205)).toBe(false);
  });
});
