/** Small estimators shared by the checks. Every function is pure. */

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Unbiased sample variance (n − 1 in the denominator). */
export function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return s / (values.length - 1);
}

/**
 * The mean of independent replications and its standard error, the spread of the replication
 * means over √R. Each replication is one long run with its own seed, so the replication means are
 * independent even when the observations inside a run are strongly autocorrelated (a queue near
 * saturation), which is what makes this the honest standard error for such runs.
 */
export function replicationEstimate(values: readonly number[]): { mean: number; se: number } {
  return { mean: mean(values), se: Math.sqrt(sampleVariance(values) / values.length) };
}

/**
 * Tolerance in standard errors for an estimate whose standard error comes from R = 10 independent
 * replications: the studentised error then follows a t distribution with 9 degrees of freedom, and
 * P(|t₉| > 4) ≈ 0.003. Where the standard error is known exactly (a binomial or Poisson count), a
 * normal approximation applies and 4 SE is exceeded with probability 6e-5.
 */
export const Z = 4;

/**
 * Kolmogorov–Smirnov critical value for n observations at significance 0.001 (asymptotic
 * c(α)·n^(−1/2) with c = √(−ln(α/2)/2) = 1.949). Comparing the CDFs only at bucket edges can only
 * lower the statistic, so the test stays valid (conservative) on bucketed data.
 */
export function ksCritical(n: number): number {
  return Math.sqrt(-Math.log(0.001 / 2) / 2) / Math.sqrt(n);
}

/** Euler–Mascheroni constant γ: the mean of −ln X for X ~ Exp(1) (the mean of a standard Gumbel). */
export const EULER_GAMMA = 0.5772156649015329;
