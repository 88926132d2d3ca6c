/**
 * Metrics are trees of numbers (some null). Replications combine the same leaf across trees:
 * the mean, the interval, a paired difference. A leaf or subtree that is null in any tree is
 * null in the result, since a statistic over some replications only would mislead.
 */

/** The same shape with every number allowed to be null. */
export type NullableTree<T> = T extends number
  ? number | null
  : T extends object
    ? { [K in keyof T]: NullableTree<T[K]> } | (null extends T ? null : never)
    : T;

/** Combines the leaves of equally shaped trees with `combine` (values in tree order). */
export function combineTrees<T>(
  trees: readonly T[],
  combine: (values: number[]) => number | null,
): NullableTree<T> {
  return combineNodes(trees as readonly unknown[], combine) as NullableTree<T>;
}

function combineNodes(
  nodes: readonly unknown[],
  combine: (values: number[]) => number | null,
): unknown {
  if (nodes.some((n) => n === null || n === undefined)) return null;
  const first = nodes[0];
  if (typeof first === "number") {
    if (!nodes.every((n): n is number => typeof n === "number" && Number.isFinite(n))) return null;
    return combine(nodes as number[]);
  }
  if (typeof first !== "object" || first === null) return null;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    out[key] = combineNodes(
      nodes.map((n) => (n as Record<string, unknown>)[key]),
      combine,
    );
  }
  return out;
}
