import { InvalidArgumentError } from "commander";

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
