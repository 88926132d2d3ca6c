import { runBatch } from "../exec/executor.js";
import { scenarioJsonSchema } from "../scenario/jsonSchema.js";
import { loadScenarioFile } from "../scenario/load.js";
import type { CliDeps } from "./io.js";

export const realDeps: CliDeps = { loadScenarioFile, runBatch, scenarioJsonSchema };
