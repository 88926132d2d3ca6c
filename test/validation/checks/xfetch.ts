import type { Distribution } from "../../../src/sim/config.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../../sim/helpers.js";
import { type Row, row } from "./row.js";
import { EULER_GAMMA, Z } from "./stats.js";
import type { Topic } from "./topic.js";

const constant = (valueMs: number): Distribution => ({ kind: "constant", valueMs });

/**
 * The model behind both checks, for one entry written with `ttl` of life left, reads Poisson at λ,
 * a constant recompute time δ and no coalescing. A read at remaining time r > 0 refreshes early
 * with probability e^(−r/(δβ)), so early refreshes start as a Poisson process of intensity
 * λ·e^(−r/(δβ)) and the cumulative intensity from the write down to r is
 * H(r) = λδβ·(e^(−r/(δβ)) − e^(−ttl/(δβ))). The first trigger R₁ solves H(R₁) = E, E ~ Exp(1)
 * (none before expiry when E > H(0)). The integrals below are the exact finite-parameter values;
 * the closed forms e^(1/β) and δβ(ln(λδβ) + γ) are their limits for λδβ → ∞ and ttl ≫ δβ·ln(λδβ).
 */
interface Params {
  lambdaPerMs: number;
  deltaMs: number;
  beta: number;
  ttlMs: number;
}

/** Composite Simpson integration of f over [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

function model({ lambdaPerMs, deltaMs, beta, ttlMs }: Params) {
  const s = deltaMs * beta;
  const lds = lambdaPerMs * s;
  const h = (r: number) => lds * (Math.exp(-r / s) - Math.exp(-ttlMs / s));
  // Density of R₁ at r: intensity times the probability of no trigger before it.
  const density = (r: number) => lambdaPerMs * Math.exp(-r / s) * Math.exp(-h(r));
  const noTrigger = Math.exp(-h(0));
  return { s, lds, density, noTrigger };
}

/**
 * Exact expected loads per refresh: 1 + the mean number of extra loads. A first trigger at R₁ ≥ δ
 * is followed, during its own recompute, by triggers of intensity λe^(−r/(δβ)) for r in
 * [R₁ − δ, R₁]; one at R₁ < δ also by every read after expiry until its SET (λ(δ − R₁)); with no
 * trigger at all the first miss at expiry is followed by Poisson(λδ) misses.
 */
export function exactLoadsPerRefresh(p: Params): number {
  const { s, lds, density, noTrigger } = model(p);
  const d = p.deltaMs;
  const extras = (r: number) =>
    r >= d
      ? lds * Math.exp(-r / s) * (Math.exp(d / s) - 1)
      : lds * (1 - Math.exp(-r / s)) + p.lambdaPerMs * (d - r);
  const withTrigger =
    simpson((r) => density(r) * extras(r), 0, Math.min(d, p.ttlMs)) +
    (p.ttlMs > d ? simpson((r) => density(r) * extras(r), d, p.ttlMs) : 0);
  return 1 + withTrigger + noTrigger * p.lambdaPerMs * d;
}

/** Exact mean and standard deviation of the lead R₁ (0 when nothing triggers before expiry). */
export function exactLead(p: Params): { mean: number; sd: number } {
  const { density } = model(p);
  const m1 = simpson((r) => density(r) * r, 0, p.ttlMs);
  const m2 = simpson((r) => density(r) * r * r, 0, p.ttlMs);
  return { mean: m1, sd: Math.sqrt(m2 - m1 * m1) };
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/**
 * Loads per refresh in steady state: one hot key, warm, TTL expiring on its own, synchronous xfetch
 * (the triggering reader recomputes), cache RTT 0, unlimited DB, constant δ. The TTL is chosen so
 * that a trigger right after a write is rare: H(0) − H(ttl) barely differs from λδβ.
 */
export function loadsPerRefreshRows(): Row[] {
  const cases: Array<[number, number, number, number]> = [
    // [β, λδβ, δ ms, duration ms]
    [1, 50, 10, 150_000],
    [2, 20, 10, 200_000],
    [0.5, 100, 10, 60_000],
  ];
  return cases.map(([beta, lds, deltaMs, durationMs], i) => {
    const s = deltaMs * beta;
    const lambdaPerMs = lds / s;
    const ttlMs = Math.round(s * (Math.log(lds) + 7));
    const out = simulate(
      baseConfig({
        seed: 300 + i,
        durationMs,
        traffic: [openSource(lambdaPerMs * 1000)],
        cache: { initial: "warm", ttlMs },
        db: { service: constant(deltaMs) },
        strategy: { freshness: { kind: "xfetch", beta, background: false } },
      }),
    );
    const db = out.metrics.db;
    const n = db.refreshes;
    const theory = Math.exp(1 / beta);
    // Loads − 1 is Poisson with mean X·(e^(1/β) − 1), X = H(R₁) ~ Exp(1): a mixed Poisson with
    // variance m + m², m = e^(1/β) − 1. Refreshes are independent (each cycle draws its own X).
    const m = theory - 1;
    const se = Math.sqrt((m + m * m) / n);
    const bias = exactLoadsPerRefresh({ lambdaPerMs, deltaMs, beta, ttlMs }) - theory;
    return row({
      check: `β=${beta}, λδβ=${lds}, δ=${deltaMs} ms, ttl=${ttlMs} ms: loads per refresh = e^(1/β) (${n} refreshes)`,
      source: "vattani",
      theory,
      simulated: db.loadsPerRefresh?.mean as number,
      tolerance: Z * se + Math.abs(bias),
      basis: `${Z} SE (σ² = m + m², m = e^(1/β) − 1) + finite-λδβ correction ${fmt(bias)}`,
    });
  });
}

/**
 * Lead of the first early refresh: K keys read uniformly (each a Poisson stream at λ), all written
 * at t = 0 with the same ttl, xfetch in the background. The DB hangs for the whole run, so each
 * key's first early refresh stays in flight (one background load per key per instance) and is its
 * only DB query: the DB-offer series, bucketed finely, is the histogram of the K first-trigger
 * times. Lead = ttl − trigger time; a key that never triggers has lead 0 (it would miss at expiry).
 */
export function leadRows(): Row[] {
  const cases: Array<[number, number, number, number]> = [
    // [β, λδβ, δ ms, keys]
    [1, 20, 10, 2500],
    [0.5, 10, 20, 4000],
  ];
  const rows: Row[] = [];
  cases.forEach(([beta, lds, deltaMs, keys], i) => {
    const s = deltaMs * beta;
    const lambdaPerMs = lds / s;
    const ttlMs = Math.round(s * (Math.log(lds) + 7));
    const bucketMs = s / 64;
    const out = simulate(
      baseConfig({
        seed: 400 + i,
        durationMs: ttlMs,
        bucketMs,
        traffic: [
          openSource(lambdaPerMs * 1000 * keys, {
            keys: { count: keys, popularity: "uniform", exponent: 1 },
          }),
        ],
        cache: { initial: "warm", ttlMs },
        db: { service: constant(deltaMs) },
        strategy: { freshness: { kind: "xfetch", beta, background: true } },
        events: [{ atMs: 0, kind: "dbOutage", forMs: 2 * ttlMs, mode: "hang" }],
      }),
    );
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    out.series.dbQps.forEach((qps, b) => {
      const count = Math.round((qps * bucketMs) / 1000);
      const lead = ttlMs - (b + 0.5) * bucketMs;
      n += count;
      sum += count * lead;
      sumSq += count * lead * lead;
    });
    // Keys that never triggered count with lead 0.
    const mean = sum / keys;
    const sd = Math.sqrt(sumSq / keys - mean * mean);
    const exact = exactLead({ lambdaPerMs, deltaMs, beta, ttlMs });
    const theory = s * (Math.log(lds) + EULER_GAMMA);
    const theorySd = (s * Math.PI) / Math.sqrt(6);
    const label = `β=${beta}, λδβ=${lds}, δ=${deltaMs} ms, ${keys} keys (${n} triggered)`;
    rows.push(
      row({
        check: `${label}: mean lead of the first early refresh = δβ(ln(λδβ) + γ) (ms)`,
        source: "vattani",
        theory,
        simulated: mean,
        // R₁ is δβ·(ln(λδβ) − ln E): a Gumbel with σ = δβπ/√6; the mean of K independent keys has
        // SE σ/√K. Bucket midpoints move each lead by at most half a bucket.
        tolerance: (Z * theorySd) / Math.sqrt(keys) + bucketMs / 2 + Math.abs(exact.mean - theory),
        basis: `${Z} SE (σ = δβπ/√6) + half a bucket + finite-λδβ correction ${fmt(exact.mean - theory)}`,
      }),
      row({
        check: `${label}: standard deviation of the lead = δβπ/√6 (ms)`,
        source: "vattani",
        theory: theorySd,
        simulated: sd,
        // SE of a sample SD ≈ σ·√((κ − 1)/(4K)) with the Gumbel's kurtosis κ = 5.4; bucketing adds
        // at most half a bucket to each lead.
        tolerance:
          Z * theorySd * Math.sqrt(4.4 / (4 * keys)) + bucketMs / 2 + Math.abs(exact.sd - theorySd),
        basis: `${Z} SE (Gumbel kurtosis 5.4) + half a bucket + finite-λδβ correction ${fmt(exact.sd - theorySd)}`,
      }),
    );
  });
  return rows;
}

export function xfetchRows(): Row[] {
  return [...loadsPerRefreshRows(), ...leadRows()];
}

export const xfetchTopic: Topic = {
  id: "xfetch",
  title: "XFetch: loads per refresh e^(1/β) and the lead of the first early refresh",
  compute: () => ({ rows: xfetchRows() }),
};
