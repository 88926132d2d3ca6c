import type { KeySpace } from "../config.js";

/** Picks key indices (k0 … k{count−1}) by popularity; k0 is the most popular under Zipf. */
export interface KeyChooser {
  pick(u: number): number;
}

export function keyChooserFor(keys: KeySpace): KeyChooser {
  const count = keys.count;
  if (count === 1) return { pick: () => 0 };
  if (keys.popularity === "uniform") {
    return { pick: (u) => Math.min(count - 1, Math.floor((1 - u) * count)) };
  }
  // Zipf by inverse CDF over a precomputed cumulative table: exact and O(log n) per draw.
  const cdf = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += 1 / (i + 1) ** keys.exponent;
    cdf[i] = sum;
  }
  return {
    pick(u) {
      const target = (1 - u) * sum;
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cdf[mid] as number) > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}
