import type { Backoff, RetryPolicy } from "../../../src/sim/config.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, burst, type ConfigOverrides, openSource } from "../../sim/helpers.js";
import { type Row, row } from "./row.js";
import { ksCritical, Z } from "./stats.js";
import type { Topic } from "./topic.js";

const BASE_MS = 100;
const CAP_MS = 1000;
const REQUESTS = 20_000;

function backoff(kind: Backoff["kind"], jitter: Backoff["jitter"], capMs = CAP_MS): Backoff {
  return { kind, baseMs: BASE_MS, capMs, jitter };
}

function policy(attempts: number, b: Backoff): RetryPolicy {
  return { attempts, backoff: b, budget: null };
}

/**
 * Every request's total sleep, observed from outside the client: REQUESTS requests arrive together
 * at t = 0 and every DB query fails at once (failureRate 1, service 0, `cache: none`), so a
 * request's latency is exactly the sum of its sleeps. The error series, bucketed per millisecond,
 * is the histogram of those sums; the latency mean is their exact mean.
 */
function observeSleeps(
  over: ConfigOverrides,
  maxTotalMs: number,
  seed: number,
): { counts: number[]; mean: number; n: number } {
  const out = simulate(
    baseConfig({
      seed,
      durationMs: Math.ceil(maxTotalMs) + 2,
      bucketMs: 1,
      cache: null,
      traffic: [openSource(0)],
      events: [burst(0, REQUESTS)],
      db: { service: { kind: "constant", valueMs: 0 }, failureRate: 1 },
      ...over,
    }),
  );
  const m = out.metrics;
  if (m.requests.inFlight !== 0) throw new Error("a request outlived the run");
  return { counts: out.series.errors, mean: m.latencyMs.mean as number, n: m.requests.total };
}

/** A theoretical distribution of the total sleep: P(X < t), mean and standard deviation. */
interface Law {
  cdf: (t: number) => number;
  mean: number;
  sd: number;
}

/** Kolmogorov–Smirnov distance between the bucketed sample and the law, at every bucket edge. */
function ksDistance(counts: readonly number[], n: number, law: Law): number {
  let below = 0;
  let d = 0;
  for (let edge = 0; edge <= counts.length; edge++) {
    d = Math.max(d, Math.abs(below / n - law.cdf(edge)));
    below += counts[edge] ?? 0;
  }
  return d;
}

/** The point mass at v. */
function pointMass(v: number): Law {
  return { cdf: (t) => (t > v ? 1 : 0), mean: v, sd: 0 };
}

/**
 * Sum of independent uniforms U[aᵢ, bᵢ), by repeated convolution of the CDF on a grid:
 * P(X + U < x) = (G(x − a) − G(x − b))/(b − a) with G the integral of the CDF of X. The step is
 * 0.05 ms; the trapezoid error on the CDF is then below 1e-6, far under the KS bands.
 */
function sumOfUniforms(intervals: ReadonlyArray<[number, number]>): Law {
  const step = 0.05;
  const top = intervals.reduce((s, [, b]) => s + b, 0) + 1;
  const size = Math.ceil(top / step) + 1;
  let cdf = new Float64Array(size).fill(1); // X = 0
  for (const [a, b] of intervals) {
    const g = new Float64Array(size);
    for (let i = 1; i < size; i++) {
      g[i] = (g[i - 1] as number) + ((cdf[i - 1] as number) + (cdf[i] as number)) * (step / 2);
    }
    const at = (x: number) =>
      x <= 0 ? 0 : (g[Math.min(size - 1, Math.round(x / step))] as number);
    const next = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const x = i * step;
      next[i] = Math.min(1, (at(x - a) - at(x - b)) / (b - a));
    }
    cdf = next;
  }
  const final = cdf;
  const mean = intervals.reduce((s, [a, b]) => s + (a + b) / 2, 0);
  const variance = intervals.reduce((s, [a, b]) => s + (b - a) ** 2 / 12, 0);
  return {
    cdf: (t) => (t <= 0 ? 0 : (final[Math.min(size - 1, Math.round(t / step))] as number)),
    mean,
    sd: Math.sqrt(variance),
  };
}

/** Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** Decorrelated jitter, one retry: min(cap, U[base, 3·base)). */
function decorrelatedFirst(capMs: number): Law {
  const hi = 3 * BASE_MS;
  const cdf = (t: number) =>
    t > capMs ? 1 : Math.min(1, Math.max(0, (t - BASE_MS) / (hi - BASE_MS)));
  const mean = BASE_MS + simpson((t) => 1 - cdf(t), BASE_MS, Math.min(capMs, hi), 4000);
  const second =
    BASE_MS ** 2 + simpson((t) => 2 * t * (1 - cdf(t)), BASE_MS, Math.min(capMs, hi), 4000);
  return { cdf, mean, sd: Math.sqrt(second - mean * mean) };
}

/**
 * Decorrelated jitter, two retries: s₁ ~ U[base, 3·base), s₂ | s₁ ~ min(cap, U[base, 3·s₁)).
 * P(s₁ + s₂ < t) = E[P(s₂ < t − s₁ | s₁)], integrated over s₁.
 */
function decorrelatedTwo(capMs: number): Law {
  const lo = BASE_MS;
  const hi = 3 * BASE_MS;
  const second = (z: number, y: number) =>
    z <= lo ? 0 : z > capMs ? 1 : Math.min(1, (z - lo) / (3 * y - lo));
  const cdf = (t: number) => simpson((y) => second(t - y, y), lo, hi, 2000) / (hi - lo);
  // E[s₂ | s₁ = y] and E[s₂² | s₁ = y] for the capped uniform on [lo, 3y).
  const m1 = (y: number) => {
    const top = 3 * y;
    if (top <= capMs) return (lo + top) / 2;
    return ((capMs ** 2 - lo ** 2) / 2 + capMs * (top - capMs)) / (top - lo);
  };
  const m2 = (y: number) => {
    const top = 3 * y;
    if (top <= capMs) return (top ** 3 - lo ** 3) / (3 * (top - lo));
    return ((capMs ** 3 - lo ** 3) / 3 + capMs ** 2 * (top - capMs)) / (top - lo);
  };
  const avg = (f: (y: number) => number) => simpson(f, lo, hi, 2000) / (hi - lo);
  const mean = avg((y) => y + m1(y));
  const meanSq = avg((y) => y * y + 2 * y * m1(y) + m2(y));
  return { cdf, mean, sd: Math.sqrt(meanSq - mean * mean) };
}

/**
 * Decorrelated jitter over `retries` sleeps: the mean of the total, and an upper bound on its
 * standard deviation (Σ of the sleeps' standard deviations, by Cauchy–Schwarz). The law of each
 * sleep comes from the previous one's on a 0.25 ms grid: P(sₙ ≤ x) = E[min(1, (x − base)/(3sₙ₋₁ −
 * base))] below the cap, 1 from the cap on.
 */
function decorrelatedChain(retries: number, capMs: number): { mean: number; sdBound: number } {
  const h = 0.25;
  // Masses at points; the first sleep is uniform on [base, 3·base) (cap above it).
  let points: number[] = [];
  let masses: number[] = [];
  const cells = Math.round((2 * BASE_MS) / h);
  for (let i = 0; i < cells; i++) {
    points.push(BASE_MS + (i + 0.5) * h);
    masses.push(1 / cells);
  }
  let mean = 0;
  let sdBound = 0;
  for (let n = 1; n <= retries; n++) {
    const m = points.reduce((s, x, i) => s + x * (masses[i] as number), 0);
    const m2 = points.reduce((s, x, i) => s + x * x * (masses[i] as number), 0);
    mean += m;
    sdBound += Math.sqrt(Math.max(0, m2 - m * m));
    if (n === retries) break;
    // Next sleep's CDF on the grid below the cap, then masses per cell and the atom at the cap.
    const grid = Math.round((capMs - BASE_MS) / h);
    const cdfAt = (x: number) => {
      let s = 0;
      points.forEach((y, i) => {
        s += (masses[i] as number) * Math.min(1, Math.max(0, (x - BASE_MS) / (3 * y - BASE_MS)));
      });
      return s;
    };
    const nextPoints: number[] = [];
    const nextMasses: number[] = [];
    let previous = 0;
    for (let i = 1; i <= grid; i++) {
      const c = cdfAt(BASE_MS + i * h);
      if (c - previous > 0) {
        nextPoints.push(BASE_MS + (i - 0.5) * h);
        nextMasses.push(c - previous);
      }
      previous = c;
    }
    if (1 - previous > 0) {
      nextPoints.push(capMs);
      nextMasses.push(1 - previous);
    }
    points = nextPoints;
    masses = nextMasses;
  }
  return { mean, sdBound };
}

interface Case {
  label: string;
  over: ConfigOverrides;
  law: Law;
  /** The law's description in the table. */
  formula: string;
  bug?: string;
}

const exp = (attempts: number, jitter: Backoff["jitter"]) => ({
  client: { retry: policy(attempts, backoff("exponential", jitter)) },
});

/** d = min(cap, base·2^(n−1)) for retries n = 1 … count. */
function exponentialSteps(count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.min(CAP_MS, BASE_MS * 2 ** i));
}

/**
 * src/sim/model/load.ts, Load.retryOrFail (lines 190–191 at the time of writing): the app tier's
 * own DB retry calls backoffMs(policy.backoff, appTry + 1, policy.backoff.baseMs, u), passing
 * `base` as the previous sleep on every try, so decorrelated jitter never chains: the second sleep
 * is U[base, 3·base) instead of U[base, 3·s₁). Expected mean of s₁ + s₂ with base 100 ms: 550 ms;
 * actual: 400 ms. The client-side retry (clients.ts) keeps `lastSleepMs` and is right; the fix is
 * the same here (remember the load's last sleep and pass it).
 */
function cases(): Case[] {
  return [
    {
      label: "fixed, 4 attempts",
      over: { client: { retry: policy(4, backoff("fixed", "none")) } },
      law: pointMass(3 * BASE_MS),
      formula: "3·base",
    },
    {
      label: "exponential, no jitter, 6 attempts",
      over: exp(6, "none"),
      law: pointMass(exponentialSteps(5).reduce((a, b) => a + b, 0)),
      formula: "Σ min(cap, base·2^(n−1))",
    },
    {
      label: "exponential, full jitter, 2 attempts",
      over: exp(2, "full"),
      law: sumOfUniforms([[0, BASE_MS]]),
      formula: "U[0, base)",
    },
    {
      label: "exponential, full jitter, 5 attempts",
      over: exp(5, "full"),
      law: sumOfUniforms(exponentialSteps(4).map((d) => [0, d])),
      formula: "Σ U[0, dₙ)",
    },
    {
      label: "exponential, equal jitter, 2 attempts",
      over: exp(2, "equal"),
      law: sumOfUniforms([[BASE_MS / 2, BASE_MS]]),
      formula: "U[base/2, base)",
    },
    {
      label: "exponential, equal jitter, 5 attempts",
      over: exp(5, "equal"),
      law: sumOfUniforms(exponentialSteps(4).map((d) => [d / 2, d])),
      formula: "Σ U[dₙ/2, dₙ)",
    },
    {
      label: "decorrelated, 2 attempts",
      over: exp(2, "decorrelated"),
      law: decorrelatedFirst(CAP_MS),
      formula: "U[base, 3·base)",
    },
    {
      label: "decorrelated, cap 250 ms, 2 attempts",
      over: { client: { retry: policy(2, backoff("exponential", "decorrelated", 250)) } },
      law: decorrelatedFirst(250),
      formula: "min(cap, U[base, 3·base))",
    },
    {
      label: "decorrelated, 3 attempts",
      over: exp(3, "decorrelated"),
      law: decorrelatedTwo(CAP_MS),
      formula: "s₁ + min(cap, U[base, 3s₁))",
    },
    {
      label: "app→DB retry, full jitter, 3 attempts",
      over: {
        app: { db: { timeoutMs: null, retry: policy(3, backoff("exponential", "full")) } },
      },
      law: sumOfUniforms(exponentialSteps(2).map((d) => [0, d])),
      formula: "Σ U[0, dₙ)",
    },
    {
      label: "app→DB retry, decorrelated, 3 attempts",
      over: {
        app: { db: { timeoutMs: null, retry: policy(3, backoff("exponential", "decorrelated")) } },
      },
      law: decorrelatedTwo(CAP_MS),
      formula: "s₁ + min(cap, U[base, 3s₁))",
    },
  ];
}

export function backoffRows(): Row[] {
  const rows: Row[] = [];
  cases().forEach((c, i) => {
    const maxTotal = 4 * CAP_MS;
    const { counts, mean, n } = observeSleeps(c.over, maxTotal, 700 + i);
    const prefix = `${c.label} (base ${BASE_MS} ms)`;
    const bug = c.bug === undefined ? {} : { bug: c.bug };
    rows.push(
      row({
        check: `${prefix}: mean total sleep, ${c.formula} (ms)`,
        source: "spec7",
        theory: c.law.mean,
        simulated: mean,
        // Without jitter every request sleeps exactly the same sum of exact binary numbers.
        tolerance: c.law.sd === 0 ? 0 : (Z * c.law.sd) / Math.sqrt(n),
        basis: c.law.sd === 0 ? "exact (no randomness)" : `${Z} SE, σ exact (n=${n})`,
        ...bug,
      }),
      row({
        check: `${prefix}: KS distance to ${c.formula}`,
        source: "spec7",
        theory: 0,
        simulated: ksDistance(counts, n, c.law),
        tolerance: ksCritical(n),
        basis: `KS critical value, α = 0.001 (n=${n})`,
        ...bug,
      }),
    );
  });
  // Longer decorrelated chains: the mean of four sleeps from the chain's law.
  const chain = decorrelatedChain(4, CAP_MS);
  const { mean, n } = observeSleeps(exp(5, "decorrelated"), 5 * CAP_MS, 720);
  rows.push(
    row({
      check: `decorrelated, 5 attempts (base ${BASE_MS} ms, cap ${CAP_MS} ms): mean total sleep, Σ E[sₙ] (ms)`,
      source: "spec7",
      theory: chain.mean,
      simulated: mean,
      tolerance: (Z * chain.sdBound) / Math.sqrt(n) + 0.5,
      basis: `${Z} SE (σ ≤ Σ σₙ) + 0.5 ms grid error`,
    }),
  );
  return rows;
}

export const backoffTopic: Topic = {
  id: "backoff",
  title: "Backoff: the sleep distributions of each jitter kind",
  compute: () => ({ rows: backoffRows() }),
};
