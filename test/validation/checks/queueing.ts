import type { Distribution } from "../../../src/sim/config.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../../sim/helpers.js";
import { type Row, row } from "./row.js";
import { replicationEstimate, Z } from "./stats.js";
import type { Topic } from "./topic.js";

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ (a < c). */
export function erlangC(c: number, a: number): number {
  // Erlang B by its stable recursion B(k) = a·B(k−1)/(k + a·B(k−1)), then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** M/M/c mean wait in queue: C(c, a)/(cμ − λ). */
export function mmcWait(c: number, lambdaPerMs: number, meanServiceMs: number): number {
  const a = lambdaPerMs * meanServiceMs;
  return erlangC(c, a) / (c / meanServiceMs - lambdaPerMs);
}

/** Pollaczek–Khinchine mean wait in M/G/1: λ·E[S²]/(2(1 − ρ)). */
export function pkWait(lambdaPerMs: number, meanServiceMs: number, secondMoment: number): number {
  const rho = lambdaPerMs * meanServiceMs;
  return (lambdaPerMs * secondMoment) / (2 * (1 - rho));
}

interface QueueRun {
  /** Mean response time (DB wait + service) of the requests that arrived in the window. */
  w: number;
  p99: number;
  meanInFlight: number;
  throughputPerMs: number;
}

const MEAN_SERVICE_MS = 10;
const REPLICATIONS = 10;

/**
 * One queue: `cache: none` (every read is a DB query), Poisson arrivals, `servers` servers, no
 * timeout or retry. Latency is then exactly DB wait + service.
 */
function runQueue(
  servers: number,
  rho: number,
  service: Distribution,
  arrivals: number,
  seed: number,
): QueueRun {
  const lambdaPerMs = (rho * servers) / MEAN_SERVICE_MS;
  // Warm-up: 4000 mean service times, over ten relaxation times of M/M/1 at ρ = 0.9
  // (1/(μ(1 − √ρ)²) ≈ 380 E[S]), so the empty start leaves no measurable bias.
  const warmupMs = 4000 * MEAN_SERVICE_MS;
  const windowMs = arrivals / lambdaPerMs;
  const out = simulate(
    baseConfig({
      seed,
      durationMs: warmupMs + windowMs,
      warmupMs,
      bucketMs: windowMs,
      cache: null,
      traffic: [openSource(lambdaPerMs * 1000)],
      db: { service, servers },
    }),
  );
  const m = out.metrics;
  return {
    w: m.latencyMs.mean as number,
    p99: m.latencyMs.p99 as number,
    meanInFlight: m.db.meanInFlight,
    throughputPerMs: m.db.completed / windowMs,
  };
}

function replicate(
  servers: number,
  rho: number,
  service: Distribution,
  arrivalsPerReplication: number,
  seedBase: number,
): QueueRun[] {
  const runs: QueueRun[] = [];
  for (let r = 0; r < REPLICATIONS; r++) {
    runs.push(runQueue(servers, rho, service, arrivalsPerReplication, seedBase + r));
  }
  return runs;
}

const BASIS = `${Z} SE, ${REPLICATIONS} replications`;
/** HDR histogram percentiles carry up to 0.1% relative error (3 significant digits). */
const HDR_ERROR = 0.001;

const exponential = (meanMs: number): Distribution => ({ kind: "exponential", meanMs });
const constant = (valueMs: number): Distribution => ({ kind: "constant", valueMs });

/** Response time W and waiting time Wq = W − E[S] from the same replications. */
function responseRows(label: string, source: string, runs: QueueRun[], wTheory: number): Row[] {
  const w = replicationEstimate(runs.map((r) => r.w));
  const tolerance = Z * w.se;
  return [
    row({
      check: `${label}: mean response time W (ms)`,
      source,
      theory: wTheory,
      simulated: w.mean,
      tolerance,
      basis: BASIS,
    }),
    row({
      check: `${label}: mean wait in queue Wq = W − E[S] (ms)`,
      source,
      theory: wTheory - MEAN_SERVICE_MS,
      simulated: w.mean - MEAN_SERVICE_MS,
      tolerance,
      basis: BASIS,
    }),
  ];
}

/** Little's law on the servers: mean queries in service = λ·E[S] (= c·ρ). */
function littleRow(label: string, runs: QueueRun[], servers: number, rho: number): Row {
  const l = replicationEstimate(runs.map((r) => r.meanInFlight));
  return row({
    check: `${label}: db.meanInFlight = λ·E[S] (queries in service)`,
    source: "little",
    theory: servers * rho,
    simulated: l.mean,
    tolerance: Z * l.se,
    basis: BASIS,
  });
}

/** Arrivals per replication: enough that 4 SE stays within a few per cent near saturation. */
function arrivalsFor(rho: number): number {
  if (rho >= 0.9) return 100_000;
  if (rho >= 0.8) return 40_000;
  return 20_000;
}

export function mm1Rows(): Row[] {
  const rows: Row[] = [];
  for (const rho of [0.5, 0.8, 0.9]) {
    const runs = replicate(1, rho, exponential(MEAN_SERVICE_MS), arrivalsFor(rho), 1000);
    const label = `M/M/1 ρ=${rho}`;
    const wTheory = MEAN_SERVICE_MS / (1 - rho);
    rows.push(...responseRows(label, "kleinrock", runs, wTheory));
    // The response time of M/M/1 (FIFO) is exponential with rate μ − λ: p99 = W·ln 100.
    const p99 = replicationEstimate(runs.map((r) => r.p99));
    const p99Theory = wTheory * Math.log(100);
    rows.push(
      row({
        check: `${label}: p99 response time = W·ln 100 (ms)`,
        source: "kleinrock",
        theory: p99Theory,
        simulated: p99.mean,
        tolerance: Z * p99.se + HDR_ERROR * p99Theory,
        basis: `${BASIS}, + 0.1% histogram error`,
      }),
    );
    if (rho === 0.9) rows.push(littleRow(label, runs, 1, rho));
  }
  return rows;
}

export function mmcRows(): Row[] {
  const rows: Row[] = [];
  const servers = 4;
  for (const rho of [0.5, 0.8, 0.9]) {
    const runs = replicate(servers, rho, exponential(MEAN_SERVICE_MS), arrivalsFor(rho) / 2, 2000);
    const lambdaPerMs = (rho * servers) / MEAN_SERVICE_MS;
    const label = `M/M/${servers} ρ=${rho}`;
    const wTheory = MEAN_SERVICE_MS + mmcWait(servers, lambdaPerMs, MEAN_SERVICE_MS);
    rows.push(...responseRows(label, "erlang", runs, wTheory));
    if (rho === 0.9) rows.push(littleRow(label, runs, servers, rho));
  }
  return rows;
}

export function md1Rows(): Row[] {
  const rows: Row[] = [];
  for (const rho of [0.5, 0.9]) {
    const arrivals = rho >= 0.9 ? 60_000 : 20_000;
    const runs = replicate(1, rho, constant(MEAN_SERVICE_MS), arrivals, 3000);
    const lambdaPerMs = rho / MEAN_SERVICE_MS;
    const wq = pkWait(lambdaPerMs, MEAN_SERVICE_MS, MEAN_SERVICE_MS ** 2);
    rows.push(...responseRows(`M/D/1 ρ=${rho}`, "pk", runs, MEAN_SERVICE_MS + wq));
  }
  return rows;
}

/**
 * Little's law as a sample-path identity, on measured quantities only: with unlimited servers
 * (M/M/∞) every query is in service from offer to answer, so the time-average number in service
 * must equal the measured throughput times the measured mean response time.
 */
export function littleSamplePathRow(): Row {
  const windowMs = 100_000;
  const lambdaPerMs = 1;
  const out = simulate(
    baseConfig({
      seed: 4000,
      durationMs: 1000 + windowMs,
      warmupMs: 1000,
      bucketMs: windowMs,
      cache: null,
      traffic: [openSource(lambdaPerMs * 1000)],
      db: { service: exponential(MEAN_SERVICE_MS), servers: null },
    }),
  );
  const m = out.metrics;
  const l = m.db.meanInFlight;
  const lambdaW = (m.db.completed / windowMs) * (m.latencyMs.mean as number);
  // The two sides differ only through queries that cross the window's edges: about L of them at
  // each edge, each adding at most its service time (mean E[S]) to one side and not the other, so
  // the expected relative gap is about 2·E[S]/T = 2e-4. Tolerance: ten times that.
  const tolerance = 10 * ((2 * MEAN_SERVICE_MS) / windowMs) * lambdaW;
  return row({
    check: "M/M/∞, λ=1000/s, E[S]=10 ms: db.meanInFlight = throughput × mean response time",
    source: "little",
    theory: lambdaW,
    simulated: l,
    tolerance,
    basis: "10× the edge effect 2·E[S]/T",
  });
}

export function queueingRows(): Row[] {
  return [...mm1Rows(), ...mmcRows(), ...md1Rows(), littleSamplePathRow()];
}

export const queueingTopic: Topic = {
  id: "queueing",
  title: "Queueing: M/M/1, M/M/c, M/D/1 and Little's law",
  compute: () => ({ rows: queueingRows() }),
};
