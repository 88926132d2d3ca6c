import { z } from "zod";
import { OVERRIDE_SECTIONS, scenarioSchema } from "./schema.js";

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The published JSON Schema of the scenario format, generated from the schema the loader
 * validates with. It describes what users write (durations as "250ms" or numbers), and draft-07
 * because that is what YAML editors understand best.
 */
export function scenarioJsonSchema(): object {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-07" }) as Json;
  describeOverrides(schema);
  return schema;
}

/**
 * The validator accepts any override and checks it once merged; editors are better served by the
 * shape of a merge patch of each section, derived here from the section's own schema.
 */
function describeOverrides(root: Json): void {
  const sections = root.properties;
  const strategies = isJson(sections) ? sections.strategies : undefined;
  const strategy = isJson(strategies) ? strategies.additionalProperties : undefined;
  const branches: unknown[] =
    isJson(strategy) && Array.isArray(strategy.anyOf) ? strategy.anyOf : [strategy];
  const slots = branches.find((branch) => isJson(branch) && isJson(branch.properties));
  if (!isJson(sections) || !isJson(slots) || !isJson(slots.properties)) return;
  for (const section of OVERRIDE_SECTIONS) {
    const original = sections[section];
    const current = slots.properties[section];
    if (!isJson(original)) continue;
    slots.properties[section] = {
      ...(isJson(current) && typeof current.description === "string"
        ? { description: current.description }
        : {}),
      ...nullable(patchOf(original)),
    };
  }
}

/**
 * A merge patch of a value: mappings with every key optional and nullable (null removes the key),
 * with neither defaults (they belong to the scenario) nor "exactly one of" rules (a patch may
 * switch variants); anything else replaces the value whole, so keeps its full schema.
 */
function patchOf(schema: Json): Json {
  const { default: _default, required: _required, oneOf: _oneOf, ...rest } = schema;
  if (Array.isArray(rest.anyOf)) {
    return {
      ...rest,
      anyOf: rest.anyOf.map((branch) => (isJson(branch) ? patchOf(branch) : branch)),
    };
  }
  if (rest.type !== "object" || !isJson(rest.properties)) return { ...schema };
  const properties: Json = {};
  for (const [key, value] of Object.entries(rest.properties)) {
    properties[key] = isJson(value) ? nullable(patchOf(value)) : value;
  }
  return { ...rest, properties };
}

function nullable(schema: Json): Json {
  const { description, ...rest } = schema;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [rest, { type: "null" }],
  };
}
