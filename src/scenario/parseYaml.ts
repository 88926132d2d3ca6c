import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import { quote } from "./describe.js";
import { listProblems, type Problem, ScenarioError } from "./errors.js";

/** Scenarios need about ten levels; far deeper is an accident or an attack. */
export const MAX_DEPTH = 40;

/**
 * Aliases may be reused, but not multiplied into a document many times the size of the file:
 * that is the "billion laughs" attack and would hang validation.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The YAML library finds an alias's anchor by walking the document up to the alias, so each alias
 * costs the size of the file: thousands of them take minutes. A scenario uses a handful.
 */
export const MAX_ALIASES = 1000;

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  value: unknown;
}

const DEPTH_MESSAGE = `nesting is deeper than ${MAX_DEPTH} levels; a scenario needs about ten`;

/** YAML text to a plain value, or a ScenarioError listing every syntax problem. */
export function parseYaml(written: string, file: string): ParsedYaml {
  // The YAML library ends lines only at \n; a file saved with old Mac line endings (\r alone)
  // would read as one long line. One character for one keeps every offset where it was.
  const text = written.replace(/\r(?!\n)/g, "\n");
  const lineCounter = countLines(text);
  const at = (offset: number, message: string): Problem => ({
    file,
    ...lineCounter.linePos(offset),
    message,
  });
  const empty = () =>
    new ScenarioError([
      {
        file,
        line: 1,
        col: 1,
        message:
          "the file is empty; expected a scenario with duration, traffic, cache, db and strategies",
      },
    ]);
  if (text.trim() === "") throw empty();

  // logLevel "error": the library would otherwise print process warnings (a collection used as a
  // key, say) straight to stderr; such keys are reported as unknown keys instead.
  // uniqueKeys is off because the library checks it pairwise, which takes minutes on a file of a
  // few hundred thousand keys; findDuplicateKeys does the same job in one pass.
  const doc = parseDocument(text, {
    uniqueKeys: false,
    prettyErrors: false,
    logLevel: "error",
  });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((error) =>
    at(error.pos[0], describeYamlError(error)),
  );
  if (yamlProblems.length > 0) throw new ScenarioError(listProblems(yamlProblems));
  if (doc.contents === null) throw empty();

  const duplicates = findDuplicateKeys(doc).map(([offset, key]) =>
    at(offset, `duplicate key ${quote(key)}; each key may appear once in a mapping`),
  );
  if (duplicates.length > 0) throw new ScenarioError(listProblems(duplicates));

  const tooDeep = findTooDeep(doc);
  if (tooDeep !== undefined) throw new ScenarioError([at(tooDeep, DEPTH_MESSAGE)]);

  const aliases = aliasOffsets(doc);
  if (aliases.length > MAX_ALIASES) {
    const message = `${aliases.length} aliases; expected at most ${MAX_ALIASES} (a scenario needs a few): write the values out`;
    throw new ScenarioError([at(aliases[MAX_ALIASES] ?? 0, message)]);
  }

  try {
    return { doc, lineCounter, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const unresolved = firstAlias(doc, (alias) => alias.resolve(doc) === undefined);
    if (unresolved !== undefined) {
      const [offset, alias] = unresolved;
      throw new ScenarioError([
        at(
          offset,
          `alias *${alias.source} names no anchor; expected &${alias.source} earlier in the file`,
        ),
      ]);
    }
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? "aliases expand this document too many times (an alias bomb?); write the values out or use fewer aliases"
        : `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`;
    throw new ScenarioError([at(firstAlias(doc)?.[0] ?? 0, message)]);
  }
}

/**
 * Line starts found by scanning the text, rather than the library's LineCounter: that one learns
 * lines from the lexer, which skips some newlines while it recovers from a syntax error, and then
 * puts later problems at a column past the end of their line.
 */
function countLines(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    lineCounter.addNewLine(i + 1);
  }
  return lineCounter;
}

function describeYamlError(error: YAMLError): string {
  switch (error.code) {
    case "MULTIPLE_DOCS":
      return "expected one YAML document, found a second one (---)";
    default:
      // The YAML library survives its own stack overflow and reports it as a parse error.
      if (/call stack/i.test(error.message)) return DEPTH_MESSAGE;
      return `invalid YAML: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
  }
}

/** The offset of the first node nested deeper than MAX_DEPTH, walked without recursion. */
function findTooDeep(doc: Document.Parsed): number | undefined {
  const stack: Array<[unknown, number]> = [[doc.contents, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > MAX_DEPTH) return (node as { range?: [number] }).range?.[0] ?? 0;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) stack.push([pair.key, depth + 1]);
        stack.push([pair.value, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push([isPair(item) ? item.value : item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * The offset and text of every scalar key written a second time in its mapping, in file order.
 * Keys compare as the plain value sees them, so `1:` and `"1":` collide too.
 */
function findDuplicateKeys(doc: Document.Parsed): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  const stack: unknown[] = [doc.contents];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = scalarKeyText(pair.key.value);
          if (seen.has(key)) found.push([pair.key.range?.[0] ?? 0, key]);
          seen.add(key);
        } else {
          stack.push(pair.key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/** A scalar key as the plain value names it: `~:` becomes "". */
export function scalarKeyText(value: unknown): string {
  return value === null ? "" : String(value);
}

/** The offsets of every alias, walked without recursion. */
function aliasOffsets(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  const stack: unknown[] = [doc.contents];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isAlias(node)) offsets.push(node.range?.[0] ?? 0);
    else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return offsets.sort((a, b) => a - b);
}

/** The offset of the first alias (that `wanted` accepts), and the alias. */
function firstAlias(
  doc: Document.Parsed,
  wanted: (alias: Alias) => boolean = () => true,
): [number, Alias] | undefined {
  let found: [number, Alias] | undefined;
  visit(doc, {
    Alias(_, node) {
      if (!isAlias(node) || !wanted(node)) return undefined;
      found = [node.range?.[0] ?? 0, node];
      return visit.BREAK;
    },
  });
  return found;
}
