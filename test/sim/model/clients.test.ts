import { describe, expect, it } from "vitest";
import type { Backoff, RetryPolicy } from "../../../src/sim/config.js";
import { burst, type ConfigOverrides, constant, openSource, run } from "../helpers.js";

function retry(
  attempts: number,
  backoff: Partial<Backoff> = {},
  budget: RetryPolicy["budget"] = null,
): RetryPolicy {
  return {
    attempts,
    backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none", ...backoff },
    budget,
  };
}

describe("retries against a DB failing with probability p", () => {
  // cache: none and unlimited servers: every attempt is one DB query with its own failure draw,
  // independent of load, so attempts per request is a truncated geometric.
  const p = 0.3;
  const k = 3;
  const out = run({
    durationMs: 6000,
    cache: null,
    traffic: [openSource(1000)],
    client: { retry: retry(k) },
    db: { service: constant(1), failureRate: p },
  });
  const r = out.metrics.requests;
  const n = r.total - r.inFlight;

  it("makes 1 + p + … + p^(k−1) attempts per request", () => {
    // A ∈ {1, 2, 3} with P = 0.7, 0.21, 0.09: E[A] = 1.39, Var[A] = 2.35 − 1.39² = 0.4179.
    const mean = 1 + p + p * p;
    const variance = 1 * 0.7 + 4 * 0.21 + 9 * 0.09 - mean * mean;
    // Sample mean over n ≈ 6000 requests: σ = √(Var/n) ≈ 0.0083; 4σ.
    expect(Math.abs(r.attempts / r.total - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(r.retries).toBe(r.attempts - r.total);
    expect(out.metrics.db.queries).toBe(r.attempts);
  });

  it("answers ok with probability 1 − p^k", () => {
    const q = 1 - p ** k; // 0.973
    // Binomial(n, q): σ = √(q(1 − q)/n) ≈ 0.0021; 4σ.
    expect(Math.abs(r.ok / n - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / n));
    // A request fails only when its k-th attempt fails.
    expect(r.ok + r.failed).toBe(n);
  });
});

describe("backoff in a run", () => {
  // failureRate 1: every attempt fails after S = 10 ms; three attempts.
  const failing = (backoff: Partial<Backoff>) =>
    run({
      durationMs: 5000,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(100, 1)],
      client: { retry: retry(3, backoff) },
      db: { service: constant(10), failureRate: 1 },
    }).metrics;

  it("fixed sleeps base before each retry", () => {
    const m = failing({ kind: "fixed", baseMs: 100, capMs: 100 });
    expect(m.requests).toMatchObject({ total: 1, attempts: 3, failed: 1 });
    expect(m.latencyMs.max).toBe(10 + 100 + 10 + 100 + 10);
  });

  it("exponential sleeps base·2^(n−1), capped", () => {
    expect(failing({ kind: "exponential", baseMs: 100, capMs: 1000 }).latencyMs.max).toBe(
      10 + 100 + 10 + 200 + 10,
    );
    expect(failing({ kind: "exponential", baseMs: 100, capMs: 150 }).latencyMs.max).toBe(
      10 + 100 + 10 + 150 + 10,
    );
  });

  it("full jitter sleeps within [0, d] for each retry", () => {
    const m = failing({ kind: "exponential", baseMs: 100, capMs: 1000, jitter: "full" });
    const latency = m.latencyMs.max as number;
    expect(latency).toBeGreaterThanOrEqual(30);
    expect(latency).toBeLessThanOrEqual(30 + 100 + 200);
    expect(latency).not.toBe(330);
  });

  it("no backoff retries at once", () => {
    expect(failing({}).latencyMs.max).toBe(30);
  });
});

describe("timeouts", () => {
  const tie = (timeoutMs: number) =>
    run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(100)],
      client: { timeoutMs },
      db: { service: constant(100) },
    }).metrics.requests;

  it("an answer arriving exactly at send + timeout is a timeout", () => {
    const r = tie(100);
    expect(r.ok).toBe(0);
    expect(r.failed).toBe(r.total - r.inFlight);
    expect(r.failed).toBeGreaterThan(150);
  });

  it("an answer strictly before the timeout is ok (control)", () => {
    const r = tie(100.001);
    expect(r.failed).toBe(0);
    expect(r.ok).toBe(r.total - r.inFlight);
  });

  it("the tie holds through the cache path too (cache latency 0, cold key, naive)", () => {
    const r = run({
      durationMs: 1000,
      traffic: [openSource(0)],
      events: [burst(100, 1)],
      client: { timeoutMs: 100 },
      db: { service: constant(100) },
    }).metrics.requests;
    expect(r).toMatchObject({ total: 1, ok: 0, failed: 1 });
  });

  it("a timed-out attempt is retried; the late answer is ignored", () => {
    // S = 150, timeout 100: every attempt times out; three attempts, no backoff → 300 ms.
    const m = run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(100, 1)],
      client: { timeoutMs: 100, retry: retry(3) },
      db: { service: constant(150) },
    }).metrics;
    expect(m.requests).toMatchObject({ total: 1, attempts: 3, ok: 0, failed: 1 });
    expect(m.latencyMs.max).toBe(300);
    // Without cancelOnTimeout each abandoned query still completes.
    expect(m.db.completed).toBe(3);
  });
});

describe("retry budget", () => {
  it("bounds retries by the bucket's size plus ratio per first attempt", () => {
    const base: ConfigOverrides = {
      durationMs: 5000,
      cache: null,
      traffic: [openSource(400)],
      db: { service: constant(5), failureRate: 1 },
    };
    const unbounded = run({ ...base, client: { retry: retry(3) } }).metrics.requests;
    const budgeted = run({
      ...base,
      client: { retry: retry(3, {}, { ratio: 0.1, size: 10 }) },
    }).metrics.requests;
    expect(budgeted.total).toBe(unbounded.total);
    // Unbudgeted, every finished request made both retries.
    expect(unbounded.retries).toBeGreaterThanOrEqual(2 * (unbounded.total - unbounded.inFlight));
    // The bucket starts with 10 tokens and earns 0.1 per request: at most 10 + 0.1·total retries.
    expect(budgeted.retries).toBeLessThanOrEqual(10 + 0.1 * budgeted.total);
    // Demand always exceeds supply here, so nearly every earned token is spent: at most the
    // tokens left at the end (< 1 + one request's earnings) and the capped earnings go unused.
    expect(budgeted.retries).toBeGreaterThanOrEqual(0.1 * budgeted.total - 2);
  });

  it("a zero-ratio budget allows exactly `size` retries in the whole run", () => {
    const m = run({
      durationMs: 2000,
      cache: null,
      traffic: [openSource(100)],
      client: { retry: retry(5, {}, { ratio: 0, size: 3 }) },
      db: { service: constant(5), failureRate: 1 },
    }).metrics.requests;
    expect(m.retries).toBe(3);
  });
});
