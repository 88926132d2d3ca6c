import type { ExpectationResult, Metrics } from "../sim/result.js";

export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * The value at a dotted path under `metrics` (e.g. `db.loadsPerRefresh.max`), or null when the
 * path leads to nothing numeric (a null metric, an unknown path or a non-finite number).
 */
export function metricAt(metrics: Metrics, path: string): number | null {
  let node: unknown = metrics;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "number" && Number.isFinite(node) ? node : null;
}

/**
 * Checks each bound against the metrics, in the order the bounds are given. Bounds are
 * inclusive; an expectation whose actual value is null (or missing) fails.
 */
export function evaluateExpectations(
  metrics: Metrics,
  bounds: Record<string, Bounds>,
): ExpectationResult[] {
  return Object.entries(bounds).map(([metric, bound]) => {
    const actual = metricAt(metrics, metric);
    const ok =
      actual !== null &&
      (bound.min === undefined || actual >= bound.min) &&
      (bound.max === undefined || actual <= bound.max);
    return {
      metric,
      ...(bound.min !== undefined ? { min: bound.min } : {}),
      ...(bound.max !== undefined ? { max: bound.max } : {}),
      actual,
      ok,
    };
  });
}
