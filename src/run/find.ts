import type { LoadedScenario } from "../scenario/load.js";
import {
  formatParamPath,
  loadWithParam,
  type ParamValue,
  parseParamPath,
} from "../scenario/parameter.js";
import { planRun, selectStrategies } from "./compare.js";
import { conditionPaths, evaluateCondition, parseCondition } from "./condition.js";
import { outcomeAt } from "./metricPaths.js";
import type { Plan, RunBatch } from "./plan.js";
import type { RunResult } from "./result.js";
import { checkReplications, replicationSeeds } from "./seeds.js";
import type { ScenarioSource } from "./sweep.js";
import { sortedGrid } from "./sweepValues.js";

export interface FindOptions {
  /** Path into the scenario document, e.g. `traffic[0].open.rate`. */
  param: string;
  /** The grid searched; numbers are sorted ascending (see sortedGrid). */
  values: readonly ParamValue[];
  /** E.g. `requests.failedRatio < 0.01` (see condition.ts). */
  condition: string;
  seed?: number;
  /** A subset of strategies: results of disjoint subsets concatenate into the whole. */
  strategies?: readonly string[];
  replications?: number;
}

/** One evaluation of the condition: a strategy at one value, on the replications' means. */
export interface FindProbe {
  value: ParamValue;
  holds: boolean;
  /** The metrics the condition reads, as evaluated (means over replications). */
  metrics: Record<string, number | null>;
}

/**
 * `holds-up-to`: holds at `value` and fails at `failsAt`, the next value of the grid.
 * `holds-everywhere`: holds at the highest value tested. `fails-everywhere`: fails at the lowest.
 */
export type FindVerdict = "holds-up-to" | "holds-everywhere" | "fails-everywhere";

export interface FindStrategy {
  name: string;
  verdict: FindVerdict;
  /** The largest value at which the condition holds; null when it fails everywhere. */
  value: ParamValue;
  /** The smallest value at which it was seen to fail; null when it holds everywhere. */
  failsAt: ParamValue;
  /** Every probe, in the order made. */
  probes: FindProbe[];
}

export interface FindResult {
  scenario: { name: string; file: string };
  param: string;
  condition: string;
  seed: number;
  /** Present with two or more replications. */
  replications?: number;
  seeds?: number[];
  /** The sorted grid searched. */
  values: ParamValue[];
  strategies: FindStrategy[];
}

interface Search {
  name: string;
  /** Index of the largest value known to hold (−1: none yet). */
  holds: number;
  /** Index of the smallest value known to fail (grid length: none yet). */
  fails: number;
  probes: FindProbe[];
  done: boolean;
}

/**
 * The largest value of the parameter at which the condition holds, per strategy, by bisection
 * over the index of the sorted grid. It assumes the condition is monotone: it holds at low
 * values and fails from some value on. The first step probes the lowest and highest values;
 * each later step halves the interval between the highest value known to hold and the lowest
 * known to fail, so a grid of n values takes about 2 + log2(n) probes per strategy. Each step
 * runs every strategy's probe (with its replications) in one `runBatch` call, so the batch can
 * run in parallel. The condition is evaluated on the means over replications.
 */
export async function findTippingPoints(
  source: ScenarioSource,
  opts: FindOptions,
  runBatch: RunBatch,
): Promise<FindResult> {
  const condition = parseCondition(opts.condition);
  const paths = conditionPaths(condition);
  const grid = sortedGrid(opts.values);
  const replications = checkReplications(opts.replications);
  const path = parseParamPath(opts.param);
  const variants = new Map<number, LoadedScenario>();
  const variant = (index: number): LoadedScenario => {
    let loaded = variants.get(index);
    if (loaded === undefined) {
      loaded = loadWithParam(source.text, source.file, path, grid[index] ?? null);
      variants.set(index, loaded);
    }
    return loaded;
  };
  const lowest = variant(0);
  const seed = opts.seed ?? lowest.seed;
  const { selected } = selectStrategies(lowest, opts.strategies);
  const searches: Search[] = selected.map((name) => ({
    name,
    holds: -1,
    fails: grid.length,
    probes: [],
    done: false,
  }));

  const probe = async (wanted: Array<{ search: Search; index: number }>) => {
    const plans: Array<Plan<RunResult>> = wanted.map(({ search, index }) =>
      planRun(variant(index), { seed, strategies: [search.name], replications }),
    );
    const outputs = await runBatch(plans.flatMap((p) => p.configs));
    let offset = 0;
    wanted.forEach(({ search, index }, i) => {
      const plan = plans[i] as Plan<RunResult>;
      const run = plan.assemble(outputs.slice(offset, offset + plan.configs.length));
      offset += plan.configs.length;
      const outcome = run.strategies[0];
      const lookup = (p: string) => (outcome === undefined ? null : outcomeAt(outcome, p));
      const holds = evaluateCondition(condition, lookup);
      search.probes.push({
        value: grid[index] ?? null,
        holds,
        metrics: Object.fromEntries(paths.map((p) => [p, lookup(p)])),
      });
      if (holds) search.holds = Math.max(search.holds, index);
      else search.fails = Math.min(search.fails, index);
    });
  };

  // First step: both ends, which settle the "fails even at the lowest" and "holds everywhere" cases.
  const ends = grid.length === 1 ? [0] : [0, grid.length - 1];
  await probe(searches.flatMap((search) => ends.map((index) => ({ search, index }))));
  for (;;) {
    for (const s of searches) {
      s.done = s.fails === 0 || s.holds === grid.length - 1 || s.fails - s.holds <= 1;
    }
    const pending = searches.filter((s) => !s.done);
    if (pending.length === 0) break;
    await probe(pending.map((search) => ({ search, index: (search.holds + search.fails) >> 1 })));
  }

  return {
    scenario: { name: lowest.name, file: lowest.file },
    param: formatParamPath(path),
    condition: opts.condition,
    seed,
    ...(replications === 1 ? {} : { replications, seeds: replicationSeeds(seed, replications) }),
    values: grid,
    strategies: searches.map((s) => ({
      name: s.name,
      verdict:
        s.fails === 0
          ? "fails-everywhere"
          : s.holds === grid.length - 1
            ? "holds-everywhere"
            : "holds-up-to",
      value: s.holds < 0 ? null : (grid[s.holds] ?? null),
      failsAt: s.fails >= grid.length ? null : (grid[s.fails] ?? null),
      probes: s.probes,
    })),
  };
}
