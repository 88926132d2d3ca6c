import type {
  Backoff,
  ClientConfig,
  SimConfig,
  TimelineEvent,
  TrafficSource,
} from "../../../src/sim/config.js";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, openSource } from "../../sim/helpers.js";
import { type Row, row } from "./row.js";
import type { Topic } from "./topic.js";

/**
 * A DB whose service time grows with the queries in service, S(n) = S₀(1 + s(n − 1)) (linear
 * slowdown, unlimited servers), that does not cancel abandoned queries, behind clients with a
 * per-attempt timeout τ and k = 3 attempts.
 */
const S0_MS = 10;
const SLOPE = 0.05;
const TIMEOUT_MS = 100;
const ATTEMPTS = 3;
const DURATION_MS = 40_000;
const BUCKET_MS = 5000;
/** Goodput is judged over the last 10 s, long after every trigger has ended. */
const FINAL_FROM_MS = 30_000;

/**
 * Fluid model. At a steady attempt rate A (per ms) the number in service settles where n = A·S(n),
 * i.e. S = S₀(1 − s)/(1 − s·A·S₀) (for s·A·S₀ < 1; beyond, n grows without bound). Attempts time
 * out once S ≥ τ, so a collapsed state — every attempt timing out, every request making all its
 * attempts — sustains itself iff its own attempt rate keeps S ≥ τ: A ≥ A* = (1 − S₀(1 − s)/τ)/(s·S₀).
 */
export const CRITICAL_ATTEMPTS_PER_MS = (1 - (S0_MS * (1 - SLOPE)) / TIMEOUT_MS) / (SLOPE * S0_MS);

/** Steady service time at attempt rate A (Infinity when n grows without bound). */
function steadyServiceMs(attemptsPerMs: number): number {
  const gain = SLOPE * attemptsPerMs * S0_MS;
  return gain >= 1 ? Number.POSITIVE_INFINITY : (S0_MS * (1 - SLOPE)) / (1 - gain);
}

const immediate: Backoff = { kind: "none", baseMs: 0, capMs: 0, jitter: "none" };
const fullJitter = (baseMs: number): Backoff => ({
  kind: "exponential",
  baseMs,
  capMs: 60_000,
  jitter: "full",
});

function client(backoff: Backoff, budgetRatio: number | null = null): Partial<ClientConfig> {
  return {
    timeoutMs: TIMEOUT_MS,
    retry: {
      attempts: ATTEMPTS,
      backoff,
      budget: budgetRatio === null ? null : { ratio: budgetRatio, size: 10 },
    },
  };
}

const spike = (ratePerSec: number, source = "web"): TimelineEvent => ({
  atMs: 10_000,
  kind: "spike",
  source,
  ratePerSec,
  forMs: 1000,
});

function closedUsers(clients: number, thinkMs: number): TrafficSource {
  return {
    ...openSource(0, { name: "users" }),
    load: { kind: "closed", clients, think: { kind: "exponential", meanMs: thinkMs } },
  };
}

interface Case {
  label: string;
  trigger: string | null;
  config: SimConfig;
  /** The fluid model's attempt rate (per ms) once collapsed. */
  collapsedAttemptsPerMs: number;
  source: "bronson" | "schroeder";
}

const SPIKE = "spike to 2500/s for 1 s";

function run(
  traffic: TrafficSource[],
  clientConfig: Partial<ClientConfig>,
  events: TimelineEvent[],
): SimConfig {
  return baseConfig({
    seed: 800,
    durationMs: DURATION_MS,
    bucketMs: BUCKET_MS,
    cache: null,
    traffic,
    client: clientConfig,
    db: {
      service: { kind: "constant", valueMs: S0_MS },
      slowdown: { kind: "linear", perInFlight: SLOPE },
    },
    events,
  });
}

function openLoop(
  label: string,
  ratePerSec: number,
  clientConfig: Partial<ClientConfig>,
  collapsedAttemptsPerMs: number,
): Case {
  return {
    label: `open loop ${ratePerSec}/s, ${label}`,
    trigger: SPIKE,
    config: run([openSource(ratePerSec)], clientConfig, [spike(2500)]),
    collapsedAttemptsPerMs,
    source: clientConfig.retry?.backoff.kind === "exponential" ? "schroeder" : "bronson",
  };
}

/** N users thinking Exp(Z), plus an idle open source that carries the spike. */
function closedLoop(label: string, backoff: Backoff, meanSleepsMs: number): Case {
  const users = 2000;
  const thinkMs = 2000;
  return {
    label: `closed loop ${users} users, think ${thinkMs / 1000} s, ${label}`,
    trigger: `${SPIKE} (open loop, on top)`,
    config: run([openSource(0), closedUsers(users, thinkMs)], client(backoff), [spike(2500)]),
    collapsedAttemptsPerMs: (ATTEMPTS * users) / (thinkMs + ATTEMPTS * TIMEOUT_MS + meanSleepsMs),
    source: "schroeder",
  };
}

function cases(): Case[] {
  const k = ATTEMPTS;
  const ramp: TrafficSource = {
    ...openSource(1000),
    load: {
      kind: "open",
      ratePerSec: 1000,
      stages: [
        { durationMs: 5000, target: 1000 },
        { durationMs: 5000, target: 2500 },
        { durationMs: 5000, target: 1000 },
      ],
    },
  };
  return [
    {
      label: "open loop 1000/s, immediate retries",
      trigger: null,
      config: run([openSource(1000)], client(immediate), []),
      collapsedAttemptsPerMs: k,
      source: "bronson",
    },
    openLoop("immediate retries", 1000, client(immediate), k),
    {
      label: "open loop 1000/s, immediate retries",
      trigger: "ramp 1000 → 2500 → 1000/s over 5–15 s",
      config: run([ramp], client(immediate), []),
      collapsedAttemptsPerMs: k,
      source: "bronson",
    },
    openLoop("immediate retries", 550, client(immediate), (k * 550) / 1000),
    openLoop("immediate retries", 660, client(immediate), (k * 660) / 1000),
    openLoop("retry budget 10%", 1000, client(immediate, 0.1), 1.1),
    openLoop("exponential backoff, full jitter, base 1 s", 1000, client(fullJitter(1000)), k),
    closedLoop("immediate retries", immediate, 0),
    closedLoop("full jitter, base 200 ms", fullJitter(200), 100 + 200),
    closedLoop("full jitter, base 1 s", fullJitter(1000), 500 + 1000),
  ];
}

export interface Trajectory {
  /** Goodput per bucket: requests answered ok per request arriving, per 5 s. */
  goodput: number[];
}

function ratio(ok: number, requests: number): number {
  return requests === 0 ? 0 : ok / requests;
}

export function metastabilityResult(): { rows: Row[]; trajectories: Trajectory[] } {
  const rows: Row[] = [];
  const trajectories: Trajectory[] = [];
  const critical = Math.round(CRITICAL_ATTEMPTS_PER_MS * 1000);
  for (const c of cases()) {
    const s = simulate(c.config).series;
    let ok = 0;
    let requests = 0;
    s.t.forEach((t, b) => {
      if (t < FINAL_FROM_MS) return;
      ok += s.ok[b] as number;
      requests += s.requests[b] as number;
    });
    trajectories.push({ goodput: s.ok.map((o, b) => ratio(o, s.requests[b] as number)) });
    const sustains = c.collapsedAttemptsPerMs >= CRITICAL_ATTEMPTS_PER_MS;
    const attempts = Math.round(c.collapsedAttemptsPerMs * 1000);
    let prediction: string;
    if (c.trigger === null) {
      // Healthy: one attempt per request, at the steady service time for that rate.
      const serviceMs = steadyServiceMs(c.collapsedAttemptsPerMs / ATTEMPTS);
      prediction = `no trigger: healthy, S = ${serviceMs.toFixed(0)} ms < τ`;
    } else {
      const relation = sustains ? "≥" : "<";
      const outcome = sustains ? "stays collapsed" : "recovers";
      prediction = `${c.trigger}: collapsed attempt rate ${attempts}/s ${relation} A* = ${critical}/s, ${outcome}`;
    }
    const collapsed = c.trigger !== null && sustains;
    rows.push(
      row({
        check: `${c.label}; ${prediction}. Goodput in the last 10 s`,
        source: c.source,
        theory: collapsed ? 0 : 1,
        simulated: ratio(ok, requests),
        // Not an estimate but a state: goodput is 1 when healthy (only requests straddling the
        // window's edges, under 0.5% of them, differ) and 0 when collapsed; 0.05 tells them apart.
        tolerance: 0.05,
        basis: "a state (0 or 1), not an estimate",
        digits: 3,
      }),
    );
  }
  return { rows, trajectories };
}

function trajectoryTable(trajectories: readonly Trajectory[]): string {
  const buckets = Math.ceil(DURATION_MS / BUCKET_MS);
  const head = Array.from(
    { length: buckets },
    (_, b) => `${(b * BUCKET_MS) / 1000}–${((b + 1) * BUCKET_MS) / 1000} s`,
  );
  const lines = [
    "Goodput (requests answered per request sent) per 5 s, row by row:",
    "",
    `| # | ${head.join(" | ")} |`,
    `|---|${head.map(() => "---:").join("|")}|`,
  ];
  trajectories.forEach((t, i) => {
    lines.push(`| ${i + 1} | ${t.goodput.map((g) => g.toFixed(2)).join(" | ")} |`);
  });
  return lines.join("\n");
}

export const metastabilityTopic: Topic = {
  id: "metastability",
  title: "Congestive collapse and metastability",
  compute: () => {
    const { rows, trajectories } = metastabilityResult();
    return { rows, notes: trajectoryTable(trajectories) };
  },
};
