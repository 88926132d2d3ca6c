import { isMap, isScalar } from "yaml";
import { checkExpectNames, checkScenario, checkStrategy } from "./checks.js";
import { ScenarioError } from "./errors.js";
import { fromZodIssues } from "./issues.js";
import { deepEqual, isPlainObject, mergePatch } from "./mergePatch.js";
import { errorMap } from "./messages.js";
import type { ParsedYaml } from "./parseYaml.js";
import { type Origin, ProblemList } from "./problems.js";
import { OVERRIDE_SECTIONS, type ScenarioOutput, scenarioSchema } from "./schema.js";

export interface Validated {
  /** The file as written. */
  scenario: ScenarioOutput;
  /** In file order. */
  strategyNames: string[];
  /** Per strategy, the scenario with that strategy's overrides merged. */
  merged: Map<string, ScenarioOutput>;
  /** Strategies whose overrides change the traffic. */
  overridesTraffic: Set<string>;
}

const PARSE_OPTIONS = { reportInput: true, error: errorMap } as const;

/**
 * Validates the scenario as written and once per strategy with its overrides merged (SPEC §8,
 * Overrides), so a bad override fails at load time. Throws a ScenarioError with every problem.
 */
export function validate(file: string, { doc, lineCounter, value }: ParsedYaml): Validated {
  const problems = new ProblemList(file, doc, lineCounter);
  const base = scenarioSchema.safeParse(value, PARSE_OPTIONS);
  if (base.success) problems.add(checkScenario(base.data));
  else problems.add(fromZodIssues(base.error.issues));
  problems.add(checkExpectNames(value));

  const raw = isPlainObject(value) ? value : {};
  const strategies = isPlainObject(raw.strategies) ? raw.strategies : {};
  const strategyNames = strategyOrder(doc, strategies);
  const merged = new Map<string, ScenarioOutput>();
  const overridesTraffic = new Set<string>();

  for (const name of strategyNames) {
    const patch = strategies[name];
    const sections = isPlainObject(patch)
      ? OVERRIDE_SECTIONS.filter((section) => Object.hasOwn(patch, section))
      : [];
    let scenario = base.success ? base.data : undefined;
    let origin: Origin = { kind: "base" };
    if (isPlainObject(patch) && sections.length > 0) {
      origin = { kind: "strategy", name, base: raw, patch };
      // Only this strategy and no expectations: the rest was checked with the file as written,
      // and re-checking every strategy once per strategy would be quadratic in their number.
      const { expect: _expect, ...shared } = raw;
      const mergedRaw: Record<string, unknown> = { ...shared, strategies: { [name]: patch } };
      for (const section of sections) {
        mergedRaw[section] = mergePatch(raw[section], patch[section], [section]);
      }
      if (sections.includes("traffic") && !deepEqual(mergedRaw.traffic, raw.traffic)) {
        overridesTraffic.add(name);
      }
      const result = scenarioSchema.safeParse(mergedRaw, PARSE_OPTIONS);
      scenario = result.success ? result.data : undefined;
      if (result.success) problems.add(checkScenario(result.data), origin);
      else problems.add(fromZodIssues(result.error.issues), origin);
    }
    if (scenario === undefined) continue;
    problems.add(checkStrategy(scenario, name), origin);
    merged.set(name, scenario);
  }

  if (problems.problems.length > 0 || !base.success) throw new ScenarioError(problems.sorted());
  return { scenario: base.data, strategyNames, merged, overridesTraffic };
}

/** Strategy names as the file lists them; object key order would put "2" before "a". */
function strategyOrder(doc: ParsedYaml["doc"], strategies: Record<string, unknown>): string[] {
  const node = doc.get("strategies", true);
  const listed = isMap(node)
    ? node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)))
    : [];
  const inOrder = listed.filter((name) => Object.hasOwn(strategies, name));
  const listedNames = new Set(inOrder);
  const rest = Object.keys(strategies).filter((name) => !listedNames.has(name));
  return [...new Set([...inOrder, ...rest])];
}
