import type { RunResult } from "../run/result.js";

/**
 * Key order of an object: the listed keys first, in this order, then any others in the order
 * they were added. A `[key, order]` pair orders that key's value too (each element, for arrays).
 */
type KeyOrder = ReadonlyArray<string | readonly [string, KeyOrder]>;

const EXPECTATION: KeyOrder = ["metric", "min", "max", "actual", "ok"];

const METRICS: KeyOrder = [
  [
    "requests",
    [
      "total",
      "ok",
      "failed",
      "shed",
      "inFlight",
      "attempts",
      "retries",
      "okRatio",
      "failedRatio",
      "amplification",
      "throttled",
    ],
  ],
  ["latencyMs", ["mean", "p50", "p95", "p99", "p999", "max"]],
  [
    "cache",
    [
      "hits",
      "misses",
      "staleServed",
      "earlyRefreshes",
      "staleSets",
      "hitRate",
      "peakMissesPerSec",
      "maxStaleAgeMs",
      "l1Hits",
      "gets",
      "sets",
    ],
  ],
  [
    "db",
    [
      "queries",
      "completed",
      "failed",
      "rejected",
      "peakQps",
      "peakInFlight",
      "meanInFlight",
      "peakQueue",
      "refreshes",
      ["loadsPerRefresh", ["mean", "max"]],
      "queueTimedOut",
      "cancelled",
      "inProgress",
    ],
  ],
];

const SERIES: KeyOrder = [
  "t",
  "requests",
  "ok",
  "errors",
  "dbQps",
  "cacheMisses",
  "p99LatencyMs",
  "dbInFlight",
];

/**
 * SPEC §6 order, each object's extra fields (from result.ts) after the spec's. Fields this list
 * does not know yet follow in the order they were added.
 */
const RECOVERY: KeyOrder = [
  "verdict",
  "recoveryMs",
  "recoveryCi95",
  "runs",
  "recoveredRuns",
  ["trigger", ["startMs", "endMs"]],
  "baselineGoodput",
];

const RUN_RESULT: KeyOrder = [
  ["scenario", ["name", "file", "durationMs", "warmupMs", "bucketMs", "description"]],
  "seed",
  "replications",
  "seeds",
  [
    "strategies",
    [
      "name",
      ["metrics", METRICS],
      ["ci95", METRICS],
      ["series", SERIES],
      "recoveryMs",
      ["recovery", RECOVERY],
      ["expectations", EXPECTATION],
      "trafficOverridden",
    ],
  ],
  ["differences", ["baseline", ["strategies", ["name", ["metrics", METRICS], ["ci95", METRICS]]]]],
  "skipped",
];

function ordered(value: unknown, order: KeyOrder): unknown {
  if (Array.isArray(value)) return value.map((element) => ordered(element, order));
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const listed = new Set<string>();
  for (const entry of order) {
    const [key, inner] = typeof entry === "string" ? [entry, undefined] : entry;
    listed.add(key);
    if (!Object.hasOwn(source, key)) continue;
    out[key] = inner === undefined ? source[key] : ordered(source[key], inner);
  }
  for (const key of Object.keys(source)) {
    if (!listed.has(key)) out[key] = source[key];
  }
  return out;
}

/**
 * The run as JSON (SPEC §6): keys in the spec's order, then the extra fields; 2-space indent and
 * a trailing newline. Equal input gives byte-identical output.
 */
export function renderJson(result: RunResult): string {
  return `${JSON.stringify(ordered(result, RUN_RESULT), null, 2)}\n`;
}
