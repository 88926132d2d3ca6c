import { isMap, isScalar, isSeq, parse as parseYamlValue } from "yaml";
import { UsageError } from "../run/errors.js";
import { ScenarioError } from "./errors.js";
import { type LoadedScenario, loadScenarioText } from "./load.js";
import { parseYaml } from "./parseYaml.js";

/**
 * Parameters of a scenario, for sweeps: a path into the scenario document such as
 * `traffic[0].open.rate`, `db.servers` or `cache.ttl`, and a value written as in YAML. The value
 * replaces what the file says before validation, so it is checked exactly like a value in the
 * file (units like `30s`, bounds, unknown keys).
 */

export type ParamValue = string | number | boolean | null;
export type ParamPath = Array<string | number>;

const SEGMENT = /^([^.[\]\s]+)((?:\[\d+\])*)/;

/** `traffic[0].open.rate` → ["traffic", 0, "open", "rate"]; a UsageError naming the column. */
export function parseParamPath(text: string): ParamPath {
  const path: ParamPath = [];
  let rest = text;
  for (;;) {
    const column = text.length - rest.length + 1;
    const match = SEGMENT.exec(rest);
    if (match === null) {
      throw new UsageError(
        `bad parameter path "${text}" at column ${column}: expected a key (like traffic[0].open.rate or db.servers)`,
      );
    }
    path.push(match[1] as string);
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
    rest = rest.slice(match[0].length);
    if (rest === "") return path;
    if (!rest.startsWith(".")) {
      throw new UsageError(
        `bad parameter path "${text}" at column ${text.length - rest.length + 1}: expected "." or "[index]"`,
      );
    }
    rest = rest.slice(1);
  }
}

/** A path written back the way users write it. */
export function formatParamPath(path: ParamPath): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/** A value as YAML reads it: `500` → 500, `30s` → "30s", `true` → true, `null` → null. */
export function parseParamValue(text: string): ParamValue {
  let value: unknown;
  try {
    value = parseYamlValue(text);
  } catch {
    throw new UsageError(`bad parameter value "${text}": not a YAML scalar`);
  }
  if (value !== null && typeof value === "object") {
    throw new UsageError(`bad parameter value "${text}": expected a number, a string or a boolean`);
  }
  return value as ParamValue;
}

/**
 * The scenario text with the value at `path` replaced; missing keys are added (so a default can
 * be swept too), and the scenario's validation then rejects any the format does not know.
 * Comments, the rest of the file and its line numbers are kept. Throws a UsageError when the path cannot lead into
 * the document: an index past a list's end, or a key under a value that is not a mapping.
 */
export function withParam(text: string, file: string, path: ParamPath, value: ParamValue): string {
  const { doc } = parseYaml(text, file);
  const name = formatParamPath(path);
  let node: unknown = doc.contents;
  path.forEach((part, i) => {
    const at = formatParamPath(path.slice(0, i)) || "the scenario";
    if (node === undefined) {
      // Missing mappings are created on the way (validation then judges them); lists are not.
      if (typeof part === "number") throw new UsageError(`parameter ${name}: ${at} does not exist`);
      return;
    }
    if (typeof part === "number") {
      if (!isSeq(node)) throw new UsageError(`parameter ${name}: ${at} is not a list`);
      if (part >= node.items.length) {
        throw new UsageError(
          `parameter ${name}: ${at} has ${node.items.length} item${node.items.length === 1 ? "" : "s"}, so [${part}] does not exist`,
        );
      }
      node = node.items[part];
    } else {
      if (!isMap(node)) {
        const shown = isScalar(node) ? ` (it is ${JSON.stringify(node.value)})` : "";
        throw new UsageError(`parameter ${name}: ${at} is not a mapping${shown}`);
      }
      node = node.get(part, true);
    }
  });
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (range !== undefined) {
    // Splice the new value over the old one's text, so every other line keeps its number and
    // a validation problem points where it would in the file.
    return `${text.slice(0, range[0])}${JSON.stringify(value)}${text.slice(range[1])}`;
  }
  // A new key: let the YAML library place it (later lines may move).
  doc.setIn(path, doc.createNode(value));
  return doc.toString();
}

/**
 * The scenario with `path` set to `value`, loaded and validated. A value the scenario format
 * rejects gives a ScenarioError whose every problem says which parameter and value caused it.
 */
export function loadWithParam(
  text: string,
  file: string,
  path: ParamPath,
  value: ParamValue,
): LoadedScenario {
  const changed = withParam(text, file, path, value);
  try {
    return loadScenarioText(changed, file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const setting = `with ${formatParamPath(path)} = ${JSON.stringify(value)}`;
    throw new ScenarioError(
      error.problems.map((p) => ({ ...p, message: `${setting}: ${p.message}` })),
    );
  }
}
