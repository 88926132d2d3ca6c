import type { Distribution, RetryPolicy } from "../../../src/sim/config.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../../sim/helpers.js";
import { type Row, row } from "./row.js";
import { Z } from "./stats.js";
import type { Topic } from "./topic.js";

const constant = (valueMs: number): Distribution => ({ kind: "constant", valueMs });

const SERVICE_MS = 10;
const RATE_PER_SEC = 1000;

function immediate(attempts: number, budget: RetryPolicy["budget"] = null): RetryPolicy {
  return {
    attempts,
    backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none" },
    budget,
  };
}

/**
 * Requests to a load-independent DB: `cache: none`, unlimited servers, constant service, each
 * query failing independently with probability p (the failure draw is keyed by request and attempt,
 * so attempts are independent). No timeout; a failed attempt is retried at once.
 */
function runRetries(p: number, retry: RetryPolicy, requests: number, seed: number) {
  const windowMs = (requests / RATE_PER_SEC) * 1000;
  const warmupMs = 1000;
  const out = simulate(
    baseConfig({
      seed,
      durationMs: warmupMs + windowMs,
      warmupMs,
      bucketMs: windowMs,
      cache: null,
      traffic: [openSource(RATE_PER_SEC)],
      client: { retry },
      db: { service: constant(SERVICE_MS), failureRate: p },
    }),
  );
  return out.metrics.requests;
}

/**
 * Attempts A of one request with k attempts allowed: A = min(k, G) with G geometric, so
 * E[A] = 1 + p + … + p^(k−1) = (1 − p^k)/(1 − p) and P(success) = 1 − p^k.
 */
export function attemptMoments(p: number, k: number): { mean: number; variance: number } {
  let mean = 0;
  let second = 0;
  for (let a = 1; a <= k; a++) {
    const prob = a < k ? p ** (a - 1) * (1 - p) : p ** (k - 1);
    mean += a * prob;
    second += a * a * prob;
  }
  return { mean, variance: second - mean * mean };
}

export function amplificationRows(): Row[] {
  const rows: Row[] = [];
  const cases: Array<[number, number]> = [
    // [p, k]
    [0.1, 3],
    [0.5, 4],
    [0.9, 5],
  ];
  const requests = 60_000;
  cases.forEach(([p, k], i) => {
    const m = runRetries(p, immediate(k), requests, 500 + i);
    const n = m.total;
    const { mean, variance } = attemptMoments(p, k);
    const success = 1 - p ** k;
    const label = `p=${p}, ${k} attempts`;
    rows.push(
      row({
        check: `${label}: attempts per request = 1 + p + … + p^(k−1)`,
        source: "geometric",
        theory: mean,
        simulated: m.amplification as number,
        tolerance: Z * Math.sqrt(variance / n),
        basis: `${Z} SE, exact (independent requests, n=${n})`,
      }),
      row({
        check: `${label}: success ratio = 1 − p^k`,
        source: "geometric",
        theory: success,
        simulated: m.okRatio as number,
        tolerance: Z * Math.sqrt((success * (1 - success)) / n),
        basis: `${Z} SE, exact (binomial, n=${n})`,
      }),
    );
  });
  return rows;
}

/**
 * A retry budget (token bucket: starts with `size` tokens, each first attempt earns `ratio`, a
 * retry spends 1). When retries are wanted more often than `ratio` per request, every earned token
 * is spent, so retries ≈ ratio·n and amplification ≈ 1 + ratio; when they are wanted less often the
 * budget never binds and amplification is the unbudgeted 1 + p + … + p^(k−1).
 */
export function budgetRows(): Row[] {
  const requests = 50_000;
  const ratio = 0.1;
  const size = 10;
  const rows: Row[] = [];
  for (const [p, k, i] of [
    [0.5, 4, 0],
    [0.9, 5, 1],
  ] as const) {
    const m = runRetries(p, immediate(k, { ratio, size }), requests, 600 + i);
    const n = m.total;
    // Retries of the measured requests = tokens spent by them. The tokens come from the ratio·n
    // earned by their first attempts, plus at most what the bucket held when the window opened
    // (≤ size) and what requests crossing the window's edges take or leave (their retries are
    // immediate and each lasts one service time: about λ·k·S = 50 requests per edge, each
    // touching at most one token): a deterministic bound, not a statistical one.
    const edge = (RATE_PER_SEC / 1000) * k * SERVICE_MS;
    rows.push(
      row({
        check: `budget ratio ${ratio} (size ${size}), p=${p}, ${k} attempts (${attemptMoments(p, k).mean.toFixed(3)} unbudgeted): amplification ≈ 1 + ratio`,
        source: "sre",
        theory: 1 + ratio,
        simulated: m.amplification as number,
        tolerance: (size + 2 * edge) / n,
        basis: "(size + 2·λkS)/n, tokens at the window's edges",
      }),
    );
  }
  // Not binding: p = 0.05 wants 0.0526 retries per request, under the 0.1 earned.
  const p = 0.05;
  const k = 3;
  const m = runRetries(p, immediate(k, { ratio, size }), requests, 610);
  const { mean, variance } = attemptMoments(p, k);
  rows.push(
    row({
      check: `budget ratio ${ratio} (size ${size}), p=${p}, ${k} attempts: not binding, amplification = 1 + p + p²`,
      source: "sre",
      theory: mean,
      simulated: m.amplification as number,
      tolerance: Z * Math.sqrt(variance / m.total),
      basis: `${Z} SE, exact (n=${m.total})`,
    }),
  );
  return rows;
}

export function retryRows(): Row[] {
  return [...amplificationRows(), ...budgetRows()];
}

export const retriesTopic: Topic = {
  id: "retries",
  title: "Retries against a failing, load-independent DB; retry budget",
  compute: () => ({ rows: retryRows() }),
};
