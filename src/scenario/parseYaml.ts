import {
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
import { type Problem, ScenarioError } from "./errors.js";

/** Scenarios need about ten levels; far deeper is an accident or an attack. */
export const MAX_DEPTH = 40;

/**
 * Aliases may be reused, but not multiplied into a document many times the size of the file:
 * that is the "billion laughs" attack and would hang validation.
 */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  value: unknown;
}

const DEPTH_MESSAGE = `nesting is deeper than ${MAX_DEPTH} levels; a scenario needs about ten`;

/** YAML text to a plain value, or a ScenarioError listing every syntax problem. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
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
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    logLevel: "error",
  });
  const yamlProblems = [...doc.errors, ...doc.warnings].map((error) =>
    at(error.pos[0], describeYamlError(error, text)),
  );
  if (yamlProblems.length > 0) throw new ScenarioError(yamlProblems);
  if (doc.contents === null) throw empty();

  const tooDeep = findTooDeep(doc);
  if (tooDeep !== undefined) throw new ScenarioError([at(tooDeep, DEPTH_MESSAGE)]);

  try {
    return { doc, lineCounter, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? "aliases expand this document too many times (an alias bomb?); write the values out or use fewer aliases"
        : `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`;
    throw new ScenarioError([at(firstAlias(doc) ?? 0, message)]);
  }
}

function describeYamlError(error: YAMLError, text: string): string {
  switch (error.code) {
    case "DUPLICATE_KEY": {
      const written = /^(?:"[^"]*"|'[^']*'|[^:,{}[\]\n]+)/.exec(text.slice(error.pos[0]))?.[0];
      const key = (written ?? "").trim().replace(/^["']|["']$/g, "");
      return `duplicate key ${JSON.stringify(key)}; each key may appear once in a mapping`;
    }
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

function firstAlias(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node)) offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}
