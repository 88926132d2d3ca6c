import { describe, expect, it } from "vitest";
import { burst, constant, openSource, run, sum } from "../helpers.js";

// Arrivals are observed through series.requests (requests started per bucket). A warm cache with a
// huge TTL makes every request one cache hit, so runs stay cheap.
const CHEAP = { cache: { initial: "warm", ttlMs: 1e9 } } as const;

describe("open-loop arrivals", () => {
  it("are Poisson: count over T ≈ λT and per-bucket variance ≈ mean", () => {
    const rate = 1000;
    const out = run({ ...CHEAP, durationMs: 20_000, bucketMs: 200, traffic: [openSource(rate)] });
    const expected = rate * 20; // λT = 20 000
    // The count is Poisson(λT): σ = √(λT) ≈ 141; 4σ.
    expect(Math.abs(out.metrics.requests.total - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(sum(out.series.requests)).toBe(out.metrics.requests.total);
    // Index of dispersion over 100 buckets of Poisson(200): ≈ 1 with σ ≈ √(2/99) ≈ 0.142; 4σ.
    // (Evenly spaced arrivals would give ≈ 0, a batch process far more than 1.)
    const counts = out.series.requests;
    const mean = sum(counts) / counts.length;
    const variance = sum(counts.map((c) => (c - mean) ** 2)) / (counts.length - 1);
    expect(Math.abs(variance / mean - 1)).toBeLessThan(4 * Math.sqrt(2 / (counts.length - 1)));
  });

  it("k6 stages: the count in a ramp window matches the integral of the rate", () => {
    // 0 → 2000/s over 10 s: rate(t) = 200·t per s; ∫₂⁴ = 100·(16 − 4) = 1200; ∫₀¹⁰ = 10 000;
    // then 2000/s holds: ∫₁₀¹² = 4000.
    const out = run({
      ...CHEAP,
      durationMs: 12_000,
      traffic: [
        openSource(0, {
          load: { kind: "open", ratePerSec: 0, stages: [{ durationMs: 10_000, target: 2000 }] },
        }),
      ],
    });
    const r = out.series.requests;
    // Each count is Poisson with the integral as mean: σ = √mean; 4σ.
    const window = (r[2] as number) + (r[3] as number);
    expect(Math.abs(window - 1200)).toBeLessThan(4 * Math.sqrt(1200));
    const ramp = sum(r.slice(0, 10));
    expect(Math.abs(ramp - 10_000)).toBeLessThan(4 * Math.sqrt(10_000));
    const hold = (r[10] as number) + (r[11] as number);
    expect(Math.abs(hold - 4000)).toBeLessThan(4 * Math.sqrt(4000));
    // The first second has mass 100; the ramp is not a constant 1000/s.
    expect(r[0] as number).toBeLessThan(100 + 4 * 10);
  });

  it("a spike replaces the rate in its window (here lowering it), then the rate resumes", () => {
    const out = run({
      ...CHEAP,
      durationMs: 5000,
      traffic: [openSource(1000)],
      events: [{ atMs: 2000, kind: "spike", source: "web", ratePerSec: 300, forMs: 1000 }],
    });
    const r = out.series.requests;
    // Poisson counts: σ = √mean (√300 ≈ 17, √1000 ≈ 32); 4σ. Adding instead of replacing
    // would give ≈ 1300 in the spike's second.
    expect(Math.abs((r[2] as number) - 300)).toBeLessThan(4 * Math.sqrt(300));
    for (const b of [0, 1, 3, 4]) {
      expect(Math.abs((r[b] as number) - 1000)).toBeLessThan(4 * Math.sqrt(1000));
    }
  });

  it("a spike on one of several sources replaces only that source's rate", () => {
    const common = { ...CHEAP, durationMs: 3000 };
    const sources = [openSource(200, { name: "a" }), openSource(200, { name: "b" })];
    const plain = run({ ...common, traffic: sources });
    const spiked = run({
      ...common,
      traffic: sources,
      events: [{ atMs: 1000, kind: "spike", source: "b", ratePerSec: 0, forMs: 1000 }],
    });
    // Before the spike nothing changes; b sends nothing in [1000, 2000), so that second keeps
    // only a's Poisson(200) arrivals (σ ≈ 14; 4σ); afterwards both run again (Poisson(400)).
    expect(spiked.series.requests[0]).toBe(plain.series.requests[0]);
    expect(Math.abs((spiked.series.requests[1] as number) - 200)).toBeLessThan(4 * Math.sqrt(200));
    expect(Math.abs((spiked.series.requests[2] as number) - 400)).toBeLessThan(4 * Math.sqrt(400));
  });

  it("a burst adds exactly N arrivals in [at, at + within), on top of unchanged Poisson arrivals", () => {
    const base = { ...CHEAP, durationMs: 3000, bucketMs: 100, traffic: [openSource(50)] };
    const without = run(base);
    const withBurst = run({ ...base, events: [burst(1000, 500, 200)] });
    const diff = withBurst.series.requests.map(
      (c, i) => c - (without.series.requests[i] as number),
    );
    expect(sum(diff)).toBe(500);
    expect(diff.every((d, i) => d === 0 || i === 10 || i === 11)).toBe(true);
    // Uniform over the 200 ms: each half gets Binomial(500, 1/2), σ ≈ 11.2; 4σ.
    expect(Math.abs((diff[10] as number) - 250)).toBeLessThan(4 * Math.sqrt(125));
  });

  it("a burst within 0 arrives at one instant", () => {
    const out = run({
      ...CHEAP,
      durationMs: 2000,
      bucketMs: 1,
      traffic: [openSource(0)],
      events: [burst(1234, 40)],
    });
    expect(out.series.requests[1234]).toBe(40);
    expect(out.metrics.requests.total).toBe(40);
  });

  it("an arrival at the end time is outside the run (the end is exclusive)", () => {
    const out = run({
      ...CHEAP,
      durationMs: 2000,
      traffic: [openSource(0)],
      events: [burst(1999.999, 3), burst(2000, 5)],
    });
    expect(out.metrics.requests.total).toBe(3);
  });

  it("cron repeats its burst every `every` from `at` to the end", () => {
    const out = run({
      ...CHEAP,
      durationMs: 5000,
      traffic: [openSource(0)],
      events: [{ atMs: 500, kind: "cron", source: "web", everyMs: 1000, requests: 7, withinMs: 0 }],
    });
    expect(out.series.requests).toEqual([7, 7, 7, 7, 7]);
  });

  it("several sources add up and each is its own Poisson stream", () => {
    const out = run({
      ...CHEAP,
      durationMs: 10_000,
      traffic: [openSource(300, { name: "a" }), openSource(700, { name: "b" })],
    });
    // Sum of Poissons: Poisson(10 000), σ = 100; 4σ.
    expect(Math.abs(out.metrics.requests.total - 10_000)).toBeLessThan(400);
  });
});

describe("closed-loop clients", () => {
  it("N clients with constant think Z and response R make exactly N/(Z + R) requests per second", () => {
    // cache: none, constant service 10 ms, unlimited servers: R = 10 ms exactly. Each client
    // arrives at 90, 190, …, 9990: 100 requests; the last ones are still in flight at the end.
    const out = run({
      durationMs: 10_000,
      cache: null,
      db: { service: constant(10) },
      traffic: [openSource(0, { load: { kind: "closed", clients: 10, think: constant(90) } })],
    });
    expect(out.metrics.requests.total).toBe(1000);
    expect(out.metrics.requests.ok).toBe(990);
    expect(out.metrics.requests.inFlight).toBe(10);
    expect(out.series.requests).toEqual(new Array(10).fill(100));
  });

  it("with exponential think, throughput ≈ N/(E[Z] + R)", () => {
    const out = run({
      durationMs: 10_000,
      cache: null,
      db: { service: constant(10) },
      traffic: [
        openSource(0, {
          load: { kind: "closed", clients: 10, think: { kind: "exponential", meanMs: 90 } },
        }),
      ],
    });
    // Each client is a renewal process with cycle mean μ = 100 ms and variance σ² = 90²: its count
    // over t has variance ≈ t·σ²/μ³ = 10 000·8100/10⁶ = 81; ten clients: σ = √810 ≈ 28.5; 4σ.
    expect(Math.abs(out.metrics.requests.total - 1000)).toBeLessThan(4 * Math.sqrt(810));
  });

  it("waits for the final outcome, retries and backoff included, before thinking again", () => {
    // Every query fails; 3 attempts with fixed 100 ms backoff: a cycle is 90 + 10+100+10+100+10.
    const out = run({
      durationMs: 10_000,
      cache: null,
      db: { service: constant(10), failureRate: 1 },
      client: {
        retry: {
          attempts: 3,
          backoff: { kind: "fixed", baseMs: 100, capMs: 100, jitter: "none" },
          budget: null,
        },
      },
      traffic: [openSource(0, { load: { kind: "closed", clients: 1, think: constant(90) } })],
    });
    // Arrivals at 90 + 320·j < 10 000: j = 0 … 30; the last ends at 9920, the next would be 10 010.
    expect(out.metrics.requests.total).toBe(31);
    expect(out.metrics.requests.attempts).toBe(31 * 3);
    expect(out.metrics.requests.failed).toBe(31);
    expect(out.metrics.latencyMs.max).toBe(230);
  });
});
