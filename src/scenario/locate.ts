import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from "yaml";

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
      const pair = container.items.find((item) => keyText(item.key) === segment);
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

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function isEmpty(value: unknown): boolean {
  return value === null || (isScalar(value) && value.value === null && value.source === "");
}

function start(node: unknown, lineCounter: LineCounter): Position | undefined {
  const range = (node as Ranged | null)?.range;
  if (!range) return undefined;
  return lineCounter.linePos(range[0]);
}
