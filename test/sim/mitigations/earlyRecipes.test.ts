import { describe, expect, it } from "vitest";
import { namedStream } from "../../../src/sim/kernel/random.js";
import { earlyExpDecay } from "../../../src/sim/mitigations/earlyExpDecay.js";
import { earlyLogTest } from "../../../src/sim/mitigations/earlyLogTest.js";
import type { FreshnessPolicy } from "../../../src/sim/mitigations/types.js";
import type { CacheEntry } from "../../../src/sim/model/sharedCache.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../helpers.js";
import { entry, fakeStream } from "./support.js";

/** Fraction of `n` seeded decisions on `e` at `atMs` that refresh early. */
function earlyFraction(policy: FreshnessPolicy, e: CacheEntry, atMs: number, n: number): number {
  const random = namedStream(5, "test/early");
  let early = 0;
  for (let i = 0; i < n; i++) if (policy.decide(e, atMs, random) === "early-refresh") early++;
  return early / n;
}

/** 4 binomial standard errors: a false failure has probability ≈ 6e-5. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

describe("early-exp-decay (published recipe, as printed)", () => {
  const n = 20_000;

  it("early-exp-decay: a brand-new entry is refreshed on about e^(−β) of reads (37% at β = 1)", () => {
    const fresh = entry(1000, 60_000); // age 0: remaining = ttl
    for (const beta of [1, 2]) {
      const p = Math.exp(-beta);
      const f = earlyFraction(earlyExpDecay(60_000, 0, beta), fresh, 1000, n);
      expect(Math.abs(f - p)).toBeLessThan(tolerance(p, n));
    }
  });

  it("the probability is exp(−β·remaining/ttl): e^(−β/2) at half-life, → 1 at expiry", () => {
    const e = entry(0, 1000);
    const policy = earlyExpDecay(1000, 0, 1);
    const half = Math.exp(-0.5);
    expect(Math.abs(earlyFraction(policy, e, 500, n) - half)).toBeLessThan(tolerance(half, n));
    // Exact boundary with a fake stream: refresh iff rand ≤ p.
    const p = Math.exp(-0.5);
    expect(policy.decide(e, 500, fakeStream(p))).toBe("early-refresh");
    expect(policy.decide(e, 500, fakeStream(p + 1e-9))).toBe("hit");
    expect(policy.decide(e, 999.999_999, fakeStream(0.999_999))).toBe("early-refresh");
    expect(policy.decide(e, 1000, fakeStream(0.5))).toBe("miss");
    expect(policy.decide(undefined, 0, fakeStream(0.5))).toBe("miss");
  });

  it("in a run, at least e^(−β) of fresh reads refresh early (the probability only grows with age)", () => {
    const m = simulate(
      baseConfig({
        durationMs: 3000,
        traffic: [openSource(300)],
        cache: { ttlMs: 60_000, initial: "warm" },
        strategy: { freshness: { kind: "early-exp-decay", beta: 1 } },
      }),
    ).metrics;
    // Each hit refreshed early with probability ≥ e^(−1) whatever its entry's age, so the count is
    // stochastically at least Binomial(hits, 0.368): 4 standard errors below that is ≈ 0.33.
    const p = Math.exp(-1);
    expect(m.cache.earlyRefreshes / m.cache.hits).toBeGreaterThan(p - tolerance(p, m.cache.hits));
    // With a 60 s TTL a sane early expiry would do almost nothing in 3 s; this recipe recomputes on
    // about a third of all reads.
    expect(m.db.queries).toBe(m.cache.earlyRefreshes);
  });
});

describe("early-log-test (published recipe, as printed)", () => {
  it("early-log-test: never fires, since δ·β·ln(rand()) ≤ 0 < rand()", () => {
    const random = namedStream(9, "test/log");
    let early = 0;
    let decisions = 0;
    for (const beta of [0.5, 1, 4]) {
      const policy = earlyLogTest(1000, 0, beta);
      for (const deltaMs of [1, 100, 10_000]) {
        const e = entry(0, 1000, deltaMs);
        for (const atMs of [0, 500, 999, 999.999]) {
          for (let i = 0; i < 500; i++, decisions++) {
            if (policy.decide(e, atMs, random) === "early-refresh") early++;
          }
        }
      }
    }
    expect(decisions).toBe(18_000);
    expect(early).toBe(0);
    // The best case for firing: the first draw is 1 (ln 1 = 0), the second as small as possible.
    expect(earlyLogTest(1000, 0, 1).decide(entry(0, 1000), 999, fakeStream(1, 1e-300))).toBe("hit");
    expect(earlyLogTest(1000, 0, 1).decide(entry(0, 1000), 1000, fakeStream(0.5))).toBe("miss");
  });

  it("in a run it behaves exactly like a plain TTL: earlyRefreshes = 0 and identical metrics", () => {
    const plain = baseConfig({
      durationMs: 3000,
      traffic: [openSource(300, { keys: { count: 10, popularity: "zipf", exponent: 1 } })],
      cache: { ttlMs: 500, initial: "warm" },
    });
    const logTest = simulate({
      ...plain,
      strategy: { ...plain.strategy, freshness: { kind: "early-log-test", beta: 1 } },
    });
    expect(logTest.metrics.cache.earlyRefreshes).toBe(0);
    expect(logTest.metrics).toEqual(simulate(plain).metrics);
    expect(logTest.metrics.db.queries).toBeGreaterThan(0); // expiries did happen
  });
});
