export { formatProblem, type Problem, ScenarioError } from "./errors.js";
export { scenarioJsonSchema } from "./jsonSchema.js";
export { type Bounds, type LoadedScenario, loadScenarioFile, loadScenarioText } from "./load.js";
export type { ScenarioInput, ScenarioOutput } from "./schema.js";
export { formatMs, parseDuration, parseRate } from "./units.js";
