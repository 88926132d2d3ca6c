import { InvalidArgumentError } from "commander";
import type { Shard } from "../exec/shard.js";
import { parseDuration } from "../scenario/units.js";

/**
 * A seed: decimal digits only, 0 to 2^53 − 1. Scientific notation (`1e3`), signs, fractions
 * and trailing junk (`12abc`) are rejected rather than guessed at.
 */
export function parseSeed(value: string): number {
  if (!/^[0-9]+$/.test(value)) {
    throw new InvalidArgumentError("The seed must be a whole number written in decimal digits.");
  }
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(
      `The seed must be at most ${Number.MAX_SAFE_INTEGER} (larger ones lose precision).`,
    );
  }
  return seed;
}

/** A comma-separated list of strategy names: `a,b`. Empty names are rejected; repeats are kept once. */
export function parseStrategyList(value: string): string[] {
  const names = value.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) {
    throw new InvalidArgumentError("Expected comma-separated strategy names, like naive,lock.");
  }
  return [...new Set(names)];
}

export const FORMATS = ["table", "json", "md", "csv"] as const;
export type Format = (typeof FORMATS)[number];

/** A whole number in [min, max], for counts such as --replications and --jobs. */
export function wholeNumberIn(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected ${what}: a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** `i/n`: shard i (from 1) of n. */
export function parseShard(value: string): Shard {
  const match = /^([0-9]+)\/([0-9]+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > 100_000 || index < 1 || index > count) {
    throw new InvalidArgumentError("Expected i/n with 1 ≤ i ≤ n, like 2/4 (shard 2 of 4).");
  }
  return { index, count };
}

/** An event count: a positive number, decimal or scientific (2e9). */
export function parseEventCount(value: string): number {
  const n = Number(value);
  if (!/^[0-9.eE+]+$/.test(value) || !Number.isFinite(n) || n < 1) {
    throw new InvalidArgumentError("Expected a positive number of events, like 5e9.");
  }
  return Math.floor(n);
}

/** A wall-clock duration such as 90s, 15m or 2h (bare numbers are ms). */
export function parseWallDuration(value: string): number {
  const text = value.trim();
  const parsed = parseDuration(/^[0-9.]+$/.test(text) ? Number(text) : text);
  if (!parsed.ok || parsed.value <= 0) {
    throw new InvalidArgumentError("Expected a positive duration, like 90s, 15m or 2h.");
  }
  return parsed.value;
}
