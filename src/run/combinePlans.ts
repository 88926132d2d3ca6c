import type { Plan } from "./plan.js";

/**
 * One plan made of several, their simulations laid end to end: a command over many scenarios
 * runs (and shards, and spreads over jobs) them as one batch, and gets each plan's result back.
 */
export function combinePlans<R>(plans: ReadonlyArray<Plan<R>>): Plan<R[]> {
  return {
    configs: plans.flatMap((plan) => plan.configs),
    assemble(outputs) {
      let start = 0;
      return plans.map((plan) => {
        const end = start + plan.configs.length;
        const result = plan.assemble(outputs.slice(start, end));
        start = end;
        return result;
      });
    },
  };
}
