/**
 * Human number formatting shared by the renderers. Locale-free and deterministic: the same
 * number always gives the same text, on any machine.
 */

import type { StrategyResult } from "../sim/result.js";

/** What a missing value (a null metric) prints as. */
export const NONE = "-";

/** Drops trailing zeros of a fixed-point string: "12.50" → "12.5", "3.00" → "3". */
function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** At most 3 significant digits for 1 ≤ |x| < 1000, 2 decimals below 1. */
function short(x: number): string {
  const abs = Math.abs(x);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = trimZeros(x.toFixed(decimals));
  return text === "-0" ? "0" : text;
}

const SUFFIXES = ["", "k", "M", "G", "T"] as const;

/** Compact count: 987, 12.3k, 1.2M. Null prints as "-". */
export function compact(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return NONE;
  if (n === 0) return "0";
  let scaled = n;
  let unit = 0;
  while (Math.abs(scaled) >= 999.5 && unit < SUFFIXES.length - 1) {
    scaled /= 1000;
    unit++;
  }
  if (unit === 0 && Number.isInteger(n)) return String(n);
  return `${short(scaled)}${SUFFIXES[unit]}`;
}

/** Integer with thousands separators (9,800); non-integers keep up to 2 decimals. */
export function grouped(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return NONE;
  const abs = Math.abs(n);
  const text = abs >= 100 || Number.isInteger(n) ? Math.round(abs).toString() : short(abs);
  const [whole = "0", fraction] = text.split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = n < 0 && text !== "0" ? "-" : "";
  return `${sign}${withCommas}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** A latency or duration in milliseconds, in the largest fitting unit: 0.8ms, 123ms, 1.2s, 2.5m (units as in scenario files). */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NONE;
  const abs = Math.abs(ms);
  if (abs < 999.5) return `${short(ms)}ms`;
  if (abs < 59_950) return `${short(ms / 1000)}s`;
  if (abs < 3_597_000) return `${short(ms / 60_000)}m`;
  return `${short(ms / 3_600_000)}h`;
}

/** A ratio as a percentage: 0.1234 → 12.3%, 0.0012 → 0.12%. */
export function percent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return NONE;
  const p = ratio * 100;
  if (p === 0) return "0%";
  const abs = Math.abs(p);
  if (abs < 0.01) return p < 0 ? "-<0.01%" : "<0.01%";
  const text = trimZeros(p.toFixed(abs >= 1 ? 1 : 2));
  // Rounding must not make an imperfect ratio look perfect.
  if (text === "100" && p < 100) return ">99.9%";
  return `${text}%`;
}

/** A per-second rate: 9,800/s. */
export function rate(perSec: number | null): string {
  return perSec === null || !Number.isFinite(perSec) ? NONE : `${grouped(perSec)}/s`;
}

/** An exact number, for expectation bounds and actual values (no rounding hides a failure). */
export function exact(n: number | null): string {
  return n === null ? "null" : String(n);
}

/** The share of requests still in flight at the end above which a run is flagged (SPEC §8). */
export const IN_FLIGHT_FLAG_RATIO = 0.001;

/** True when the run ended with more than 0.1% of its requests still in flight (mid-collapse). */
export function endedMidCollapse(strategy: StrategyResult): boolean {
  const { inFlight, total } = strategy.metrics.requests;
  return inFlight > 0 && inFlight > IN_FLIGHT_FLAG_RATIO * total;
}

/** "1 strategy", "3 strategies". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A scenario duration the way the scenario format writes it: 180s, 5m, 1h, 250ms, 1.5s. */
export function scenarioDuration(ms: number): string {
  if (ms !== 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${trimZeros((ms / 1000).toFixed(3))}s`;
  return `${trimZeros(ms.toFixed(3))}ms`;
}
