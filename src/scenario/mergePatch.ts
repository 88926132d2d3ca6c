/**
 * JSON Merge Patch (RFC 7396), as strategies apply it to scenario sections: mappings merge,
 * values and lists replace, null removes a key.
 *
 * One deliberate extension: where the format holds exactly one of several keys (a distribution,
 * a slowdown), a patch naming a different variant replaces the mapping instead of merging into
 * it. Plain RFC 7396 would turn `service: { constant: 5ms }` over a lognormal service into a
 * mapping with both keys, which is always an error; the replacement is the only sensible reading.
 */

export type Path = readonly PropertyKey[];

/** Scenario paths whose mapping holds exactly one variant key. */
const VARIANT_PATHS: readonly string[] = [
  "cache.latency",
  "db.service",
  "db.writeService",
  "db.slowdown",
];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isVariantPath = (path: Path) => VARIANT_PATHS.includes(path.join("."));

function switchesVariant(target: Record<string, unknown>, patch: Record<string, unknown>): boolean {
  return Object.entries(patch).some(
    ([key, value]) => value !== null && !Object.hasOwn(target, key),
  );
}

/** Own-property assignment, so a `__proto__` key from YAML stays data. */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `path` locates `target` in the scenario, for the variant rule. */
export function mergePatch(target: unknown, patch: unknown, path: Path = []): unknown {
  if (!isPlainObject(patch)) return patch;
  const base =
    isPlainObject(target) && !(isVariantPath(path) && switchesVariant(target, patch)) ? target : {};
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) put(result, key, value);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else put(result, key, mergePatch(result[key], value, [...path, key]));
  }
  return result;
}

/**
 * Whether the value at `rest` (below `path`) of a merged section came from the patch rather than
 * the target, so a problem there can point at the override in the file. A problem about a mapping
 * the patch merged into counts as the patch's.
 */
export function fromPatch(target: unknown, patch: unknown, path: Path, rest: Path): boolean {
  let t = target;
  let p = patch;
  const here = [...path];
  for (const segment of rest) {
    if (!isPlainObject(p) || !isPlainObject(t)) return true;
    if (isVariantPath(here) && switchesVariant(t, p)) return true;
    const key = String(segment);
    if (!Object.hasOwn(p, key)) return false;
    p = p[key];
    t = t[key];
    here.push(key);
  }
  return true;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]))
    );
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  );
}
