import type { Distribution } from "../config.js";

/** z for the 99th percentile of the standard normal: lognormal σ = ln(p99/median)/Z99 (SPEC §8). */
export const Z99 = 2.3263;

/** A sampler turns one or two uniforms in (0, 1] into a duration in ms. */
export interface Sampler {
  /** Draw from uniforms; `u2` is only read by distributions that need two. */
  sample(u1: number, u2: number): number;
  readonly meanMs: number;
  /** Whether `u2` is read: a keyed draw nobody reads need not be computed. */
  readonly usesSecondDraw: boolean;
}

export function samplerFor(dist: Distribution): Sampler {
  switch (dist.kind) {
    case "constant": {
      const v = dist.valueMs;
      return { sample: () => v, meanMs: v, usesSecondDraw: false };
    }
    case "exponential": {
      const mean = dist.meanMs;
      return { sample: (u1) => -mean * Math.log(u1), meanMs: mean, usesSecondDraw: false };
    }
    case "uniform": {
      const { minMs, maxMs } = dist;
      return {
        sample: (u1) => minMs + (maxMs - minMs) * (1 - u1),
        meanMs: (minMs + maxMs) / 2,
        usesSecondDraw: false,
      };
    }
    case "lognormal": {
      const mu = Math.log(dist.medianMs);
      const sigma = Math.log(dist.p99Ms / dist.medianMs) / Z99;
      return {
        // Box–Muller; u1 in (0, 1] keeps the logarithm finite.
        sample: (u1, u2) =>
          Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)),
        meanMs: Math.exp(mu + (sigma * sigma) / 2),
        usesSecondDraw: true,
      };
    }
  }
}
