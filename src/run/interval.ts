import { mean, sampleStandardDeviation } from "simple-statistics";
import { tQuantile } from "./studentT.js";

/** A sample's mean and the half-width of its 95% confidence interval (Student's t). */
export interface MeanInterval {
  mean: number;
  /** t(0.975, n − 1) · s / √n; null for a single value, where no interval exists. */
  ci95: number | null;
}

/** Mean and 95% interval half-width of `values` (at least one). */
export function meanInterval(values: readonly number[]): MeanInterval {
  if (values.length === 0) throw new RangeError("meanInterval of no values");
  const m = mean([...values]);
  if (values.length === 1) return { mean: m, ci95: null };
  const halfWidth =
    (tQuantile(0.975, values.length - 1) * sampleStandardDeviation([...values])) /
    Math.sqrt(values.length);
  return { mean: m, ci95: halfWidth };
}
