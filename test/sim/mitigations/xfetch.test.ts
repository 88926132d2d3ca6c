import { describe, expect, it } from "vitest";
import type { Coalescing, SimConfig } from "../../../src/sim/config.js";
import { xfetch } from "../../../src/sim/mitigations/xfetch.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, constant, openSource } from "../helpers.js";
import { entry, fakeStream } from "./support.js";

const xf = (beta: number, background = false) => ({ kind: "xfetch", beta, background }) as const;

describe("xfetch", () => {
  it("decide: refresh early iff now − δ·β·ln(rand) ≥ expiry", () => {
    const e = entry(0, 1000, 10); // expiry 1000, δ = 10
    const beta1 = xfetch(1000, 0, 1, false);
    // At 990 the gap −δ·β·ln(u) must reach 10: u = e^−1 exactly does, a hair above does not.
    expect(beta1.decide(e, 990, fakeStream(Math.exp(-1)))).toBe("early-refresh");
    expect(beta1.decide(e, 990, fakeStream(Math.exp(-0.999)))).toBe("hit");
    // β = 2 doubles the gap.
    const beta2 = xfetch(1000, 0, 2, false);
    expect(beta2.decide(e, 980, fakeStream(Math.exp(-1)))).toBe("early-refresh");
    expect(beta2.decide(e, 980, fakeStream(Math.exp(-0.999)))).toBe("hit");
    // u = 1 (rand is in (0, 1]) gives no gap: only expiry itself would trigger, and it is a miss.
    expect(beta1.decide(e, 999.999, fakeStream(1))).toBe("hit");
    expect(beta1.decide(e, 1000, fakeStream(1e-300))).toBe("miss");
    expect(beta1.decide(undefined, 0, fakeStream(0.5))).toBe("miss");
    expect(beta1.earlyRefreshInBackground).toBe(false);
    expect(xfetch(1000, 0, 1, true).earlyRefreshInBackground).toBe(true);
  });

  /**
   * One hot key read as a Poisson stream at λ, warm; constant δ; unlimited DB; zero cache latency;
   * one instance; no coalescing. The first reader to trigger recomputes in line; readers arriving
   * in the next δ still see the old value and trigger with probability e^(−(expiry − t)/(δβ)).
   * With λδβ = 20 and ttl ≥ δβ·ln(λδβ·1000) the truncations (first trigger within δ of expiry,
   * triggers right after a write) cost under 0.1% of a load per refresh.
   */
  function loadsPerRefreshRuns(beta: number, deltaMs: number, seeds: number, durationMs: number) {
    const rate = 20_000 / (deltaMs * beta); // λδβ = 20
    const ttlMs = Math.ceil(deltaMs * beta * Math.log(20 * 1000));
    const runs: Array<{ n: number; mean: number; misses: number; early: number }> = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const config: SimConfig = baseConfig({
        seed,
        durationMs,
        traffic: [openSource(rate)],
        cache: { ttlMs, initial: "warm" },
        db: { service: constant(deltaMs) },
        strategy: { freshness: xf(beta) },
      });
      const m = simulate(config).metrics;
      runs.push({
        n: m.db.refreshes,
        mean: m.db.loadsPerRefresh?.mean ?? Number.NaN,
        misses: m.cache.misses,
        early: m.cache.earlyRefreshes,
      });
    }
    const total = runs.reduce((a, r) => a + r.n, 0);
    const pooled = runs.reduce((a, r) => a + r.n * r.mean, 0) / total;
    // Per-refresh variance estimated from the spread of the run means: Var(run mean) = σ²/n.
    const s2 = runs.reduce((a, r) => a + r.n * (r.mean - pooled) ** 2, 0) / (runs.length - 1);
    return { runs, total, pooled, se: Math.sqrt(s2 / total), s2 };
  }

  it.each([
    [1, 5000],
    [2, 8000],
  ])(
    "xfetch: with Poisson reads at λ, λ·δ·β ≫ 1 and no lock, loads per refresh ≈ e^(1/β) (β = %d)",
    (beta, durationMs) => {
      const expected = Math.exp(1 / beta);
      const { runs, total, pooled, se, s2 } = loadsPerRefreshRuns(beta, 10, 24, durationMs);
      expect(total).toBeGreaterThan(1000);
      // Loads per refresh = 1 + Poisson(x·(e^(1/β) − 1)) with x ~ Exp(1) (the first trigger's
      // cumulative intensity), so σ² = (e^(1/β) − 1) + (e^(1/β) − 1)²: 4.67 at β = 1, 1.07 at β = 2.
      // The estimate s² from 24 run means (23 degrees of freedom) stays within a factor 3 of it
      // except with probability < 0.1%.
      const theory = expected - 1 + (expected - 1) ** 2;
      expect(s2 / theory).toBeGreaterThan(1 / 3);
      expect(s2 / theory).toBeLessThan(3);
      // The pooled mean's standard error comes from s² (with 23 degrees of freedom |t| > 4 has
      // probability ≈ 6e-4), floored at the theoretical σ/√n so that a chance-low s² cannot narrow
      // the band. SE ≈ 0.05 at β = 1 and 0.03 at β = 2: far from 1 (no duplicate loads) and from the
      // other β's value. (Fixed-length runs bias the ratio estimate by about −0.8/refreshes-per-run,
      // −0.01 here: negligible.)
      const band = 4 * Math.max(se, Math.sqrt(theory / total));
      expect(Math.abs(pooled - expected)).toBeLessThan(band);
      // Every run was a steady cycle of early refreshes, no expiry misses (the first trigger comes
      // within δ of expiry with probability e^(−λδβ·e^(−1/β)) ≤ 1e-3 per refresh).
      for (const r of runs) expect(r.early).toBeGreaterThan(r.n);
      expect(runs.reduce((a, r) => a + r.misses, 0)).toBeLessThan(total / 100);
    },
  );

  it("background: true serves the old value and refreshes behind it: no request waits for the DB", () => {
    // δ = 50 ms is 50× the 1 ms cache round trip; λδβ = 50.
    const config = baseConfig({
      durationMs: 3000,
      traffic: [openSource(1000)],
      cache: { latency: constant(1), ttlMs: 500, initial: "warm" },
      db: { service: constant(50) },
      strategy: { freshness: xf(1, true) },
    });
    const m = simulate(config).metrics;
    expect(m.latencyMs.max).toBeLessThanOrEqual(1 + 1e-9);
    expect(m.cache.misses).toBe(0);
    expect(m.cache.earlyRefreshes).toBeGreaterThan(m.db.refreshes);
    expect(m.db.refreshes).toBeGreaterThanOrEqual(5); // about one per ttl − δ·β·ln(λδβ)
    // Triggers during a running refresh start nothing more (one background load per key per
    // instance), so each refresh is one load.
    expect(m.db.loadsPerRefresh?.max).toBe(1);
    // In line, the triggering reader waits for its own recompute.
    const inline = simulate({ ...config, strategy: { ...config.strategy, freshness: xf(1) } });
    expect(inline.metrics.latencyMs.max).toBeGreaterThanOrEqual(50);
    expect(inline.metrics.cache.misses).toBe(0); // it counts as a hit, not a miss
  });

  it("δ is the measured recompute time: a slower DB makes refreshes start earlier", () => {
    // The same reads; the DB takes 10 ms vs 40 ms. The value's δ scales the early window, so the
    // mean time between refreshes (ttl + δ − δ·β·ln(λδβ/x)) is shorter with the slower DB.
    const at = (serviceMs: number) =>
      simulate(
        baseConfig({
          durationMs: 8000,
          traffic: [openSource(500)],
          cache: { ttlMs: 400, initial: "warm" },
          db: { service: constant(serviceMs) },
          strategy: { freshness: xf(1) },
        }),
      ).metrics.db.refreshes;
    // ≈ 8000/(400 + 10 − 10·(ln 5 + 0.58)) ≈ 21 refreshes vs 8000/(400 + 40 − 40·(ln 20 + 0.58)) ≈ 30;
    // a cycle's length varies by δ·β·π/√6 (Gumbel), so each count is within ±2 of its mean.
    expect(at(40)).toBeGreaterThanOrEqual(at(10) + 5);
  });

  it.each<[string, Coalescing]>([
    ["lock", { kind: "lock", ttlMs: 1000, pollMs: 10, stale: false }],
    ["lease", { kind: "lease", tokenEveryMs: 1000, waitMs: 10, stale: false }],
  ])("with a %s: one load per refresh cluster-wide, still before expiry", (_, coalescing) => {
    // 3 instances, λδβ = 50: the early refresher takes the lock (or a token) although the value is
    // still fresh; other triggers during the reload leave it to the holder and keep the value.
    const config = baseConfig({
      durationMs: 3000,
      traffic: [openSource(1000)],
      app: { instances: 3 },
      cache: { latency: constant(1), ttlMs: 500, initial: "warm" },
      db: { service: constant(50) },
      strategy: { freshness: xf(1), coalescing },
    });
    for (const background of [false, true]) {
      const m = simulate({
        ...config,
        strategy: { ...config.strategy, freshness: xf(1, background) },
      }).metrics;
      expect(m.cache.misses).toBe(0);
      expect(m.cache.earlyRefreshes).toBeGreaterThan(m.db.refreshes);
      expect(m.db.refreshes).toBeGreaterThanOrEqual(5);
      expect(m.db.loadsPerRefresh?.max).toBe(1);
      // In line, the holder waits for its reload (GET, lock or token, 50 ms load, SET); the other
      // triggers get the value after one more round trip. In the background nobody waits.
      if (background) expect(m.latencyMs.max).toBeLessThanOrEqual(1 + 1e-9);
      else expect(m.latencyMs.max).toBeCloseTo(1 + 1 + 50 + 1, 6);
    }
  });
});
