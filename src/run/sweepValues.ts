import { type ParamValue, parseParamValue } from "../scenario/parameter.js";
import { UsageError } from "./errors.js";

/** The most points a sweep may have: each is a full run of every strategy. */
export const MAX_SWEEP_POINTS = 10_000;

/** `--values 500,1000,2000`: each item read as a YAML scalar (`30s` stays a string). */
export function parseValueList(text: string): ParamValue[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) {
    throw new UsageError(`bad --values "${text}": expected values separated by commas, none empty`);
  }
  if (items.length > MAX_SWEEP_POINTS) {
    throw new UsageError(`--values has ${items.length} values; at most ${MAX_SWEEP_POINTS}`);
  }
  return items.map(parseParamValue);
}

/**
 * `--range from:to:step`: from, from + step, … up to and including `to`. Each point is
 * computed as from + i·step (not by adding step repeatedly, which drifts), rounded to 12
 * significant digits so 0.1 steps give 0.3, not 0.30000000000000004; `to` is included when the
 * last step lands within a millionth of a step of it.
 */
export function parseRange(text: string): number[] {
  const parts = text.split(":");
  const numbers = parts.map((p) => (p.trim() === "" ? Number.NaN : Number(p.replace(/_/g, ""))));
  const [from = Number.NaN, to = Number.NaN, step = Number.NaN] = numbers;
  if (parts.length !== 3 || !numbers.every(Number.isFinite)) {
    throw new UsageError(`bad --range "${text}": expected from:to:step, three numbers`);
  }
  if (!(step > 0)) throw new UsageError(`bad --range "${text}": the step must be positive`);
  if (to < from) throw new UsageError(`bad --range "${text}": "to" is below "from"`);
  const count = Math.floor((to - from) / step + 1e-6) + 1;
  if (count > MAX_SWEEP_POINTS) {
    throw new UsageError(
      `--range "${text}" has ${count} points; at most ${MAX_SWEEP_POINTS} (use a larger step)`,
    );
  }
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
}

/**
 * The grid a tipping-point search bisects: numbers sorted ascending without repeats; values
 * that are not all numbers (durations such as `30s`) keep the order given, which must then run
 * from the easy end to the hard end.
 */
export function sortedGrid(values: readonly ParamValue[]): ParamValue[] {
  if (values.length === 0) throw new UsageError("no values to search");
  if (!values.every((v) => typeof v === "number")) return [...values];
  return [...new Set(values as number[])].sort((a, b) => a - b);
}
