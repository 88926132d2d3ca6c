import { describeValue } from "./describe.js";

/**
 * Durations are written with a unit (`250ms`, `1.5s`, `5m`, `1h`) or as a bare number of
 * milliseconds. The pattern is shared with the JSON Schema so editors flag what the loader rejects.
 */
export const DURATION_PATTERN = "^(?:\\d+(?:\\.\\d+)?|\\.\\d+) ?(?:ms|s|m|h)$";

const DURATION_RE = new RegExp(DURATION_PATTERN);
const EXAMPLES = "such as 250ms, 60s, 5m or 1h";

/** Seconds per unit; `ms` is handled apart so that "0.1ms" is not multiplied at all. */
const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * The longest duration a scenario may give: a simulated year. Past it a value is surely a typo or
 * a unit slip (`1e300`, `99999999h`), and would overflow series and schedules rather than run.
 */
export const MAX_DURATION_MS = 365 * 24 * 3_600_000;

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

export interface DurationOptions {
  /** Reject 0: for lengths of time where zero would divide by zero or never make progress. */
  positive?: boolean;
}

export function parseDuration(input: unknown, options: DurationOptions = {}): Parsed {
  const ms = toMs(input);
  if (ms === undefined) {
    const hint =
      typeof input === "string" && input.trim().startsWith("-")
        ? "durations cannot be negative"
        : `expected a duration ${EXAMPLES}`;
    return { ok: false, message: `${hint}, got ${describeValue(input)}` };
  }
  if (ms < 0)
    return { ok: false, message: `durations cannot be negative, got ${describeValue(input)}` };
  if (ms > MAX_DURATION_MS) {
    return {
      ok: false,
      message: `expected a duration from 0 to ${formatMs(MAX_DURATION_MS)} (a year), got ${describeValue(input)}`,
    };
  }
  if (options.positive && ms === 0) {
    return {
      ok: false,
      message: `expected a duration greater than 0, got ${describeValue(input)}`,
    };
  }
  return { ok: true, value: ms };
}

function toMs(input: unknown): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) ? input : undefined;
  if (typeof input !== "string" || !DURATION_RE.test(input)) return undefined;
  const match = /^([\d.]+) ?(ms|s|m|h)$/.exec(input);
  const [, amount = "", unit = ""] = match ?? [];
  if (unit === "ms") return Number(amount);
  // Scaling through the decimal exponent keeps "1.1s" at exactly 1100 rather than 1100.0000000000002.
  const ms = Number(`${amount}e3`) * (SECONDS[unit] ?? Number.NaN);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A rate in events per second: a plain finite number, never negative. */
export function parseRate(input: unknown): Parsed {
  if (typeof input !== "number" || !Number.isFinite(input)) {
    return {
      ok: false,
      message: `expected a rate (a number per second), got ${describeValue(input)}`,
    };
  }
  if (input < 0) return { ok: false, message: `rates cannot be negative, got ${input}` };
  return { ok: true, value: input };
}

/** The shortest exact spelling of a duration, so messages quote values the way users write them. */
export function formatMs(ms: number): string {
  const units: Array<[string, number]> = [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ];
  for (const [unit, size] of units) {
    if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
