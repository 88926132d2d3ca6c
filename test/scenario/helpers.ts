import { ScenarioError } from "../../src/scenario/errors.js";
import { type LoadedScenario, loadScenarioText } from "../../src/scenario/load.js";

/** The smallest valid scenario; tests append to it or edit it. */
export const MINIMAL = `duration: 60s
traffic:
  - name: web
    open: { rate: 100 }
cache: { ttl: 10s }
db:
  service: { constant: 5ms }
strategies:
  naive: {}
`;

export function load(text: string): LoadedScenario {
  return loadScenarioText(text, "s.yaml");
}

/** The formatted problems of a scenario that must be rejected, one string per problem. */
export function problemsOf(text: string): string[] {
  try {
    load(text);
  } catch (error) {
    if (error instanceof ScenarioError) return error.format().split("\n");
    throw error;
  }
  throw new Error("expected the scenario to be rejected");
}
