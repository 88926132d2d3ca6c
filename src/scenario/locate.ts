import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Pair,
  type YAMLMap,
} from "yaml";
import { scalarKeyText } from "./parseYaml.js";

export interface Position {
  line: number;
  col: number;
}

/** Whether a problem is about a key's value or about the key itself (an unknown key). */
export type Anchor = "value" | "key";

type Ranged = { range?: readonly [number, number, number] | null };

/**
 * The file position for a path into the parsed document: the value node at the end of the path,
 * or, when the path leaves the document (a missing key), the deepest mapping or list it reached.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  anchor: Anchor = "value",
): Position {
  let node: unknown = doc.contents;
  let best = start(node, lineCounter) ?? { line: 1, col: 1 };
  for (let i = 0; i < path.length; i++) {
    const container = isAlias(node) ? node.resolve(doc) : node;
    const segment = String(path[i]);
    const last = i === path.length - 1;
    if (isMap(container)) {
      const pair = pairsByKey(container).get(segment);
      if (pair === undefined) break;
      const keyPosition = start(pair.key, lineCounter);
      // `ttl:` with nothing after it has an empty value node just past the colon; the key is
      // where the reader looks.
      if ((last && anchor === "key") || isEmpty(pair.value)) return keyPosition ?? best;
      node = pair.value;
    } else if (isSeq(container)) {
      const item = container.items[Number(segment)];
      if (item === undefined) break;
      node = item;
    } else {
      break;
    }
    best = start(node, lineCounter) ?? best;
  }
  return best;
}

type MapNode = YAMLMap<unknown, unknown>;

/**
 * Each mapping's pairs by key text, built once: a file with thousands of unknown keys is located
 * key by key, and searching the mapping each time would make that quadratic.
 */
const indexes = new WeakMap<MapNode, Map<string, Pair<unknown, unknown>>>();

function pairsByKey(map: MapNode): Map<string, Pair<unknown, unknown>> {
  let index = indexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? scalarKeyText(pair.key.value) : String(pair.key);
      if (!index.has(key)) index.set(key, pair);
    }
    indexes.set(map, index);
  }
  return index;
}

function isEmpty(value: unknown): boolean {
  return value === null || (isScalar(value) && value.value === null && value.source === "");
}

function start(node: unknown, lineCounter: LineCounter): Position | undefined {
  const range = (node as Ranged | null)?.range;
  if (!range) return undefined;
  return lineCounter.linePos(range[0]);
}
