/**
 * TTL jitter. Guarantee: every write's durations are scaled by one factor drawn uniformly in
 * [1 − ratio, 1 + ratio], so keys written together do not all expire together.
 */
export function ttlFactor(ratio: number | null, u: number): number {
  if (ratio === null) return 1;
  return 1 - ratio + 2 * ratio * (1 - u);
}
