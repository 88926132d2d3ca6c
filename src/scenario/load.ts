import { parse as parsePath } from "node:path";
import type { SimConfig } from "../sim/config.js";
import { ScenarioError } from "./errors.js";
import { type ParsedYaml, parseYaml } from "./parseYaml.js";
import { ProblemList } from "./problems.js";
import { readScenario } from "./readScenario.js";
import { toSimConfig } from "./toSimConfig.js";
import { type Validated, validate } from "./validate.js";

export interface Bounds {
  min?: number;
  max?: number;
}

export interface LoadedScenario {
  file: string;
  name: string;
  description: string;
  seed: number;
  durationMs: number;
  warmupMs: number;
  bucketMs: number;
  /** In file order. */
  strategyNames: string[];
  /** Per strategy, per dotted metric path under `metrics`, inclusive bounds. */
  expect: Record<string, Record<string, Bounds>>;
  /** The normalized config for one strategy; seed defaults to the scenario's. */
  configFor(strategy: string, seed?: number): SimConfig;
  /** Whether the strategy's overrides change `traffic`, so it does not share the others' arrivals. */
  trafficOverridden(strategy: string): boolean;
}

/** Reads, parses and validates a scenario file. Throws ScenarioError for any bad input. */
export function loadScenarioFile(file: string): LoadedScenario {
  return loadScenarioText(readScenario(file), file);
}

/**
 * Parses and validates scenario text. Pure: `file` only names the source in problems and supplies
 * the default scenario name. Throws ScenarioError listing every problem found.
 */
export function loadScenarioText(text: string, file: string): LoadedScenario {
  const parsed = parseYaml(text, file);
  return loaded(file, parsed, validate(file, parsed));
}

function loaded(file: string, parsed: ParsedYaml, validated: Validated): LoadedScenario {
  const { scenario, strategyNames, merged, overridesTraffic } = validated;
  const name = scenario.name ?? parsePath(file).name;
  const configs = new Map<string, SimConfig>();
  for (const [strategy, output] of merged)
    configs.set(strategy, toSimConfig(output, strategy, name));
  const expect: Record<string, Record<string, Bounds>> = {};
  for (const [strategy, metrics] of Object.entries(scenario.expect)) {
    const bounds: Record<string, Bounds> = {};
    for (const [path, bound] of Object.entries(metrics))
      if (bound !== undefined) bounds[path] = bound;
    expect[strategy] = bounds;
  }
  const unknownStrategy = (strategy: string) => {
    const problems = new ProblemList(file, parsed.doc, parsed.lineCounter);
    problems.add([
      {
        path: ["strategies"],
        message: `unknown strategy "${strategy}"; expected ${strategyNames.join(", ")}`,
      },
    ]);
    return new ScenarioError(problems.problems);
  };
  return {
    file,
    name,
    description: scenario.description,
    seed: scenario.seed,
    durationMs: scenario.duration,
    warmupMs: scenario.warmup,
    bucketMs: scenario.bucket,
    strategyNames,
    expect,
    configFor(strategy, seed) {
      const config = configs.get(strategy);
      if (config === undefined) throw unknownStrategy(strategy);
      // A copy, so a caller that mutates its config cannot change another run's.
      return { ...structuredClone(config), seed: seed ?? config.seed };
    },
    trafficOverridden: (strategy) => overridesTraffic.has(strategy),
  };
}
