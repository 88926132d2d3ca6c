import { describe, expect, it } from "vitest";
import { namedStream } from "../../../src/sim/kernel/random.js";
import { ttlWindow } from "../../../src/sim/mitigations/plainTtl.js";
import { staleWhileRevalidate } from "../../../src/sim/mitigations/staleWhileRevalidate.js";
import { ttlFactor } from "../../../src/sim/mitigations/ttlJitter.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../helpers.js";

describe("ttl jitter", () => {
  it("jitter: every write's durations are scaled by one factor drawn uniformly in [1 − r, 1 + r]", () => {
    expect(ttlFactor(null, 0.123)).toBe(1);
    // Draws are in (0, 1]: u = 1 gives the low end exactly, u → 0 approaches the high end.
    expect(ttlFactor(0.2, 1)).toBeCloseTo(0.8, 12);
    expect(ttlFactor(0.2, Number.MIN_VALUE)).toBeCloseTo(1.2, 12);
    expect(ttlFactor(0.2, 0.5)).toBeCloseTo(1, 12);

    const r = 0.25;
    const n = 20_000;
    const bins = new Array<number>(10).fill(0);
    const stream = namedStream(11, "test/jitter");
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const f = ttlFactor(r, stream.next());
      min = Math.min(min, f);
      max = Math.max(max, f);
      sum += f;
      const b = Math.min(9, Math.floor(((f - (1 - r)) / (2 * r)) * 10));
      bins[b] = (bins[b] as number) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(1 - r);
    expect(max).toBeLessThanOrEqual(1 + r);
    // …and they reach close to both ends (the gap to an end after n draws is ≈ 2r/n).
    expect(min).toBeLessThan(1 - r + 0.01);
    expect(max).toBeGreaterThan(1 + r - 0.01);
    // Uniform on [1 − r, 1 + r] has variance r²/3, so the mean of n draws has standard error
    // r/√(3n) ≈ 0.001; 4 standard errors leave a false-failure chance of about 6e-5.
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 * (r / Math.sqrt(3 * n)));
    // Pearson's chi-square over 10 equal bins has 9 degrees of freedom under uniformity; its
    // 99.9% quantile is 27.88.
    const expected = n / 10;
    const chi2 = bins.reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it("the factor scales ttl, soft and hard, but not keepStale", () => {
    expect(ttlWindow(1000, 500)(100, 1.2)).toEqual({ freshUntilMs: 1300, keepUntilMs: 1800 });
    expect(staleWhileRevalidate(500, 2000).window(100, 1.5)).toEqual({
      freshUntilMs: 850,
      keepUntilMs: 3100,
    });
  });

  // 200 keys written together by the warm start, uniformly popular, each read 10 times a second.
  const together = baseConfig({
    durationMs: 4000,
    bucketMs: 250,
    traffic: [openSource(2000, { keys: { count: 200, popularity: "uniform", exponent: 1 } })],
    cache: { ttlMs: 2000, initial: "warm" },
  });
  const withJitter = {
    ...together,
    strategy: { ...together.strategy, ttlJitter: 0.5 },
  };

  it("keys written together expire spread over [ttl·(1 − r), ttl·(1 + r)]: lower peak misses/s", () => {
    const plain = simulate(together);
    const jittered = simulate(withJitter);
    const bucketOf = (ms: number) => ms / together.bucketMs;
    // Without jitter nothing expires before the ttl, and then every key does at once.
    expect(plain.series.cacheMisses.slice(0, bucketOf(2000)).every((m) => m === 0)).toBe(true);
    // With r = 0.5 nothing expires before ttl·0.5 = 1 s, but some keys do expire before 2 s.
    expect(jittered.series.cacheMisses.slice(0, bucketOf(1000)).every((m) => m === 0)).toBe(true);
    expect(
      jittered.series.cacheMisses.slice(bucketOf(1000), bucketOf(2000)).some((m) => m > 0),
    ).toBe(true);
    // All 200 keys miss within ~0.3 s of t = 2 s without jitter (≈ 600/s); spread over 2 s with
    // jitter they miss ≈ 25 per 250 ms bucket (≈ 100/s, Poisson noise ± 20/s).
    expect(plain.metrics.cache.peakMissesPerSec).toBeGreaterThan(500);
    expect(jittered.metrics.cache.peakMissesPerSec).toBeLessThan(
      plain.metrics.cache.peakMissesPerSec / 2,
    );
    // The same arrivals either way (common random numbers): only the expiries moved.
    expect(jittered.metrics.requests.total).toBe(plain.metrics.requests.total);
  });
});
