import { describe, expect, it } from "vitest";
import type { Backoff } from "../../../src/sim/config.js";
import { namedStream } from "../../../src/sim/kernel/random.js";
import {
  AdaptiveThrottle,
  backoffMs,
  RetryBudgetBucket,
} from "../../../src/sim/model/retryPolicy.js";

const exp = (jitter: Backoff["jitter"], baseMs = 100, capMs = 1000): Backoff => ({
  kind: "exponential",
  baseMs,
  capMs,
  jitter,
});

/**
 * Kolmogorov–Smirnov distance between the sample and the uniform distribution on [lo, hi]. Under
 * the null hypothesis P(D > 1.95/√n) ≈ 0.001, so 1.95/√n is the bound used below.
 */
function ksUniform(sample: number[], lo: number, hi: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
    d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
  });
  return d;
}

function draws(name: string, n: number, f: (u: number) => number): number[] {
  const s = namedStream(9, name);
  return Array.from({ length: n }, () => f(s.next()));
}

const N = 4000;
const KS_BOUND = 1.95 / Math.sqrt(N);

describe("backoffMs (SPEC §7)", () => {
  it("none sleeps 0", () => {
    expect(backoffMs({ kind: "none", baseMs: 100, capMs: 1000, jitter: "full" }, 3, 50, 0.3)).toBe(
      0,
    );
  });

  it("fixed sleeps base whatever the retry number", () => {
    const b: Backoff = { kind: "fixed", baseMs: 250, capMs: 100, jitter: "none" };
    expect([1, 2, 5].map((n) => backoffMs(b, n, 0, 0.5))).toEqual([250, 250, 250]);
  });

  it("exponential without jitter is min(cap, base·2^(n−1))", () => {
    const b = exp("none", 100, 1000);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(b, n, 0, 0.5))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("full jitter is uniform on [0, d]", () => {
    const b = exp("full");
    // n = 3: d = 400.
    const sample = draws("full", N, (u) => backoffMs(b, 3, 0, u));
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sample)).toBeLessThanOrEqual(400);
    expect(ksUniform(sample, 0, 400)).toBeLessThan(KS_BOUND);
    // The endpoints: u = 1 gives 0, u → 0 gives d.
    expect(backoffMs(b, 3, 0, 1)).toBe(0);
    expect(backoffMs(b, 3, 0, 1e-12)).toBeCloseTo(400, 6);
    // Capped: n = 10 → d = cap.
    expect(backoffMs(b, 10, 0, 1e-12)).toBeCloseTo(1000, 6);
  });

  it("equal jitter is uniform on [d/2, d]", () => {
    const b = exp("equal");
    const sample = draws("equal", N, (u) => backoffMs(b, 2, 0, u));
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...sample)).toBeLessThanOrEqual(200);
    expect(ksUniform(sample, 100, 200)).toBeLessThan(KS_BOUND);
    expect(backoffMs(b, 2, 0, 1)).toBe(100);
  });

  it("decorrelated is uniform on [base, 3·previous], capped; the first retry's previous is base", () => {
    const b = exp("decorrelated", 100, 1000);
    const first = draws("decorrelated/1", N, (u) => backoffMs(b, 1, 0, u));
    expect(ksUniform(first, 100, 300)).toBeLessThan(KS_BOUND);
    const later = draws("decorrelated/2", N, (u) => backoffMs(b, 4, 250, u));
    expect(Math.min(...later)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...later)).toBeLessThanOrEqual(750);
    expect(ksUniform(later, 100, 750)).toBeLessThan(KS_BOUND);
    // Capped: previous 600 → [100, 1800] capped at 1000, so P(cap) = 800/1700.
    const capped = draws("decorrelated/3", N, (u) => backoffMs(b, 5, 600, u));
    expect(Math.max(...capped)).toBe(1000);
    const atCap = capped.filter((x) => x === 1000).length;
    const p = 800 / 1700;
    // Binomial: σ = √(N·p·(1−p)) ≈ 31.6; 4σ.
    expect(Math.abs(atCap - N * p)).toBeLessThan(4 * Math.sqrt(N * p * (1 - p)));
    // A chain of sleeps never leaves [base, cap].
    let previous = 0;
    const chain = draws("decorrelated/chain", 200, (u) => {
      previous = backoffMs(b, previous === 0 ? 1 : 2, previous, u);
      return previous;
    });
    expect(Math.min(...chain)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...chain)).toBeLessThanOrEqual(1000);
  });
});

describe("RetryBudgetBucket", () => {
  it("starts full, spends one per retry and earns ratio per first attempt up to size", () => {
    const bucket = new RetryBudgetBucket({ ratio: 0.5, size: 2 });
    expect(bucket.trySpend()).toBe(true);
    expect(bucket.trySpend()).toBe(true);
    expect(bucket.trySpend()).toBe(false);
    bucket.earn();
    expect(bucket.trySpend()).toBe(false); // 0.5 token
    bucket.earn();
    expect(bucket.trySpend()).toBe(true);
    for (let i = 0; i < 100; i++) bucket.earn(); // capped at size 2
    expect(bucket.trySpend()).toBe(true);
    expect(bucket.trySpend()).toBe(true);
    expect(bucket.trySpend()).toBe(false);
  });
});

describe("AdaptiveThrottle", () => {
  it("drops with probability max(0, (requests − K·accepts)/(requests + 1)) over its window", () => {
    const t = new AdaptiveThrottle({ k: 2, windowMs: 120_000 });
    expect(t.rejectProbability(0)).toBe(0);
    for (let i = 0; i < 10; i++) t.recordRequest(10);
    for (let i = 0; i < 2; i++) t.recordAccept(10);
    expect(t.rejectProbability(20)).toBeCloseTo((10 - 4) / 11, 12);
    // Accepts outweigh: never negative.
    for (let i = 0; i < 10; i++) t.recordAccept(30);
    expect(t.rejectProbability(40)).toBe(0);
    // Once the window has passed, the counts are forgotten.
    for (let i = 0; i < 50; i++) t.recordRequest(60_000);
    expect(t.rejectProbability(60_000)).toBeCloseTo((60 - 2 * 12) / 61, 12);
    expect(t.rejectProbability(60_000 + 120_000 + 1000)).toBe(0);
  });
});
