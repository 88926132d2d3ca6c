import type { Distribution, TrafficSource } from "../../../src/sim/config.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../../sim/helpers.js";
import { type Row, row } from "./row.js";
import { Z } from "./stats.js";
import type { Topic } from "./topic.js";

const constant = (valueMs: number): Distribution => ({ kind: "constant", valueMs });

/**
 * One hot key, a warm cache whose TTL expires on its own every `ttlMs`, a DB with unlimited
 * servers and a constant recompute time δ, no coalescing. Returns the refresh groups measured.
 */
function naiveRefreshes(
  source: TrafficSource,
  deltaMs: number,
  rttMs: number,
  durationMs: number,
  seed: number,
): { refreshes: number; meanLoads: number } {
  const out = simulate(
    baseConfig({
      seed,
      durationMs,
      traffic: [source],
      cache: { initial: "warm", ttlMs: 1000, latency: constant(rttMs) },
      db: { service: constant(deltaMs) },
    }),
  );
  const db = out.metrics.db;
  return { refreshes: db.refreshes, meanLoads: db.loadsPerRefresh?.mean as number };
}

/**
 * Open loop: the first read after expiry misses and loads; every read whose GET reaches the cache
 * before that load's SET does (a window of δ + RTT) misses too and loads again. Loads per refresh
 * = 1 + Poisson(λ(δ + RTT)); the refreshes are independent, so the mean over n of them has the
 * exact standard error √(λ(δ + RTT)/n).
 */
export function openLoopRows(): Row[] {
  const cases: Array<[number, number, number, number]> = [
    // [λ per second, δ ms, RTT ms, duration ms]
    [500, 20, 0, 200_000],
    [5000, 20, 0, 60_000],
    [500, 20, 10, 200_000],
  ];
  return cases.map(([rate, deltaMs, rttMs, durationMs], i) => {
    const { refreshes, meanLoads } = naiveRefreshes(
      openSource(rate),
      deltaMs,
      rttMs,
      durationMs,
      100 + i,
    );
    const mu = (rate * (deltaMs + rttMs)) / 1000;
    return row({
      check: `open loop λ=${rate}/s, δ=${deltaMs} ms, RTT=${rttMs} ms: loads per refresh = 1 + λ(δ + RTT) (${refreshes} refreshes)`,
      source: "derived",
      theory: 1 + mu,
      simulated: meanLoads,
      tolerance: Z * Math.sqrt(mu / refreshes),
      basis: `${Z} SE, SE = √(λ(δ+RTT)/n) exact (Poisson)`,
    });
  });
}

/**
 * Closed loop: N clients, each thinking an exponential time of mean Z between requests and waiting
 * for its answer. With a zero-latency cache a hit takes no time, so every client is thinking at
 * the expiry; the first to ask misses, and each of the N − 1 others misses (once: it then waits
 * for its own load) iff its next request falls within the δ that follows, with probability
 * 1 − e^(−δ/Z) by memorylessness. Loads per refresh = 1 + Binomial(N − 1, 1 − e^(−δ/Z)).
 */
export function closedLoopRows(): Row[] {
  const cases: Array<[number, number, number, number]> = [
    // [clients N, think mean Z ms, δ ms, duration ms]
    [200, 1000, 20, 200_000],
    [50, 100, 100, 200_000],
  ];
  return cases.map(([clients, thinkMs, deltaMs, durationMs], i) => {
    const source: TrafficSource = {
      ...openSource(0),
      load: { kind: "closed", clients, think: { kind: "exponential", meanMs: thinkMs } },
    };
    const { refreshes, meanLoads } = naiveRefreshes(source, deltaMs, 0, durationMs, 200 + i);
    const p = 1 - Math.exp(-deltaMs / thinkMs);
    const variance = (clients - 1) * p * (1 - p);
    const lambdaDelta = (clients / thinkMs) * deltaMs;
    return row({
      check:
        `closed loop N=${clients}, think Exp(Z=${thinkMs} ms), δ=${deltaMs} ms: loads per refresh = ` +
        `1 + (N−1)(1 − e^(−δ/Z)) (${refreshes} refreshes; the open-loop 1 + λδ would say ${1 + lambdaDelta})`,
      source: "derived",
      theory: 1 + (clients - 1) * p,
      simulated: meanLoads,
      tolerance: Z * Math.sqrt(variance / refreshes),
      basis: `${Z} SE, SE exact (binomial)`,
    });
  });
}

export function stampedeRows(): Row[] {
  return [...openLoopRows(), ...closedLoopRows()];
}

export const stampedeTopic: Topic = {
  id: "stampede",
  title: "Stampede arithmetic: loads per refresh without mitigation",
  compute: () => ({ rows: stampedeRows() }),
};
