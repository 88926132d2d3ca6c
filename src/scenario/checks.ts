import { alternatives } from "./describe.js";
import { MAX_LISTED_PROBLEMS } from "./errors.js";
import type { KeySelectorOutput } from "./eventSchema.js";
import type { PathIssue } from "./issues.js";
import { isPlainObject } from "./mergePatch.js";
import type { ScenarioOutput, StrategyOutput } from "./schema.js";
import { formatLimit } from "./schemaKit.js";
import { closest } from "./suggest.js";
import { formatMs } from "./units.js";

/** Every series holds one number per bucket; a million points is already more than a chart shows. */
export const MAX_BUCKETS = 1e6;

/**
 * Rules that span sections, checked once each section is valid on its own: what cannot be said
 * in the schema of one mapping.
 */
export function checkScenario(scenario: ScenarioOutput): PathIssue[] {
  const issues: PathIssue[] = [];
  const report = (path: PropertyKey[], message: string) => issues.push({ path, message });
  const { duration, warmup, bucket } = scenario;

  if (warmup >= duration) {
    report(
      ["warmup"],
      `warmup (${formatMs(warmup)}) must be shorter than duration (${formatMs(duration)})`,
    );
  } else if (bucket > duration - warmup) {
    report(
      ["bucket"],
      `bucket (${formatMs(bucket)}) is longer than the measured window (${formatMs(duration - warmup)})`,
    );
  } else if ((duration - warmup) / bucket > MAX_BUCKETS) {
    const shortest = Math.ceil((duration - warmup) / MAX_BUCKETS);
    report(
      ["bucket"],
      `bucket (${formatMs(bucket)}) cuts the measured window (${formatMs(duration - warmup)}) into more than ${formatLimit(MAX_BUCKETS)} buckets; expected a bucket of at least ${formatMs(shortest)}`,
    );
  }

  const seen = new Set<string>();
  scenario.traffic.forEach((source, i) => {
    if (seen.has(source.name))
      report(["traffic", i, "name"], `duplicate source name "${source.name}"`);
    seen.add(source.name);
  });

  const keyCount = keyUniverse(scenario);
  const instances = scenario.app.instances;
  scenario.events.forEach((event, i) => {
    const here = ["events", i, event.kind];
    if (event.at >= duration) {
      report(
        ["events", i, "at"],
        `at ${formatMs(event.at)} is not before the end of the run (duration ${formatMs(duration)})`,
      );
    }
    switch (event.kind) {
      case "spike":
      case "burst":
      case "cron":
        issues.push(...checkSourceRef(scenario, event.kind, event.value.source, here));
        break;
      case "restart":
        issues.push(...checkRestart(event.value.instances, instances, [...here, "instances"]));
        break;
      case "expire":
        issues.push(...checkKeys(event.value, keyCount, here));
        break;
      case "warm":
        issues.push(...checkKeys(event.value.keys, keyCount, [...here, "keys"]));
        break;
    }
  });
  return issues;
}

/** Rules between one strategy's mitigations and the (possibly overridden) scenario. */
export function checkStrategy(scenario: ScenarioOutput, name: string): PathIssue[] {
  const strategy: StrategyOutput | null | undefined = scenario.strategies[name];
  if (strategy === null || strategy === undefined) return [];
  const issues: PathIssue[] = [];
  const here = ["strategies", name];
  if (scenario.cache === "none") {
    const needCache: Array<[keyof StrategyOutput, boolean]> = [
      ["ttl", strategy.ttl !== undefined],
      ["freshness", strategy.freshness !== undefined],
      [
        "coalescing",
        typeof strategy.coalescing === "object" && strategy.coalescing.kind !== "single-flight",
      ],
      ["background", strategy.background !== undefined],
    ];
    for (const [slot, used] of needCache) {
      if (used) {
        issues.push({
          path: [...here, slot],
          message: `${slot} needs a cache, but this strategy runs with cache: none`,
        });
      }
    }
  }
  if (strategy.background !== undefined) {
    const keys = strategy.background.value.keys;
    issues.push(
      ...checkKeys(keys, keyUniverse(scenario), [...here, "background", "refresh", "keys"]),
    );
  }
  return issues;
}

/**
 * Expectations naming a strategy that does not exist. Checked on the raw file so that it is
 * reported even while other parts of the file are still wrong.
 */
export function checkExpectNames(raw: unknown): PathIssue[] {
  if (!isPlainObject(raw) || !isPlainObject(raw.expect) || !isPlainObject(raw.strategies))
    return [];
  const names = Object.keys(raw.strategies);
  return Object.keys(raw.expect)
    .filter((name) => !Object.hasOwn(raw.strategies as object, name))
    .map((name, i) => {
      // Suggestions cost a comparison with every strategy: only for the problems that are listed.
      const guess = i < MAX_LISTED_PROBLEMS ? closest(name, names) : undefined;
      const listed =
        names.length <= 12
          ? alternatives(names, "and")
          : `${names.slice(0, 10).join(", ")}, … (${names.length} in all)`;
      const hint =
        guess === undefined ? `the strategies are ${listed}` : `did you mean "${guess}"?`;
      return {
        path: ["expect", name],
        anchor: "key",
        message: `unknown strategy "${name}"; ${hint}`,
      };
    });
}

/** Keys are k0 … k{n−1} where n is the largest key count of any source. */
function keyUniverse(scenario: ScenarioOutput): number {
  return Math.max(...scenario.traffic.map((source) => source.keys.count));
}

function checkSourceRef(
  scenario: ScenarioOutput,
  kind: string,
  source: string | undefined,
  here: PropertyKey[],
): PathIssue[] {
  const open = scenario.traffic.filter((s) => s.kind === "open").map((s) => s.name);
  if (source === undefined) {
    if (open.length === 1) return [];
    return [
      {
        path: here,
        message:
          open.length === 0
            ? `${kind} needs an open-loop source, and this scenario has none`
            : `${kind} needs a source: there are several open-loop sources (${alternatives(open)})`,
      },
    ];
  }
  const named = scenario.traffic.find((s) => s.name === source);
  if (named === undefined) {
    const guess = closest(source, open);
    const hint =
      guess === undefined ? `expected ${alternatives(open)}` : `did you mean "${guess}"?`;
    return [{ path: [...here, "source"], message: `unknown source "${source}"; ${hint}` }];
  }
  if (named.kind !== "open") {
    return [
      {
        path: [...here, "source"],
        message: `"${source}" is a closed-loop source; ${kind} needs an open-loop one`,
      },
    ];
  }
  return [];
}

function checkRestart(
  targets: "all" | number | number[],
  instances: number,
  here: PropertyKey[],
): PathIssue[] {
  if (typeof targets === "number") {
    return targets > instances
      ? [
          {
            path: here,
            message: `cannot restart ${targets} instances: app.instances is ${instances}`,
          },
        ]
      : [];
  }
  if (targets === "all") return [];
  return targets.flatMap((index, i) =>
    index >= instances
      ? [
          {
            path: [...here, i],
            message: `no instance ${index}: app.instances is ${instances}, so indices run from 0 to ${instances - 1}`,
          },
        ]
      : [],
  );
}

function checkKeys(selector: KeySelectorOutput, count: number, here: PropertyKey[]): PathIssue[] {
  const range = count === 1 ? "the only key is k0" : `keys are k0 … k${count - 1}`;
  if (selector === "all") return [];
  if (Array.isArray(selector)) {
    return selector.flatMap((key, i) =>
      Number(key.slice(1)) >= count
        ? [{ path: [...here, i], message: `no key ${key}: ${range}` }]
        : [],
    );
  }
  return selector.hottest > count
    ? [
        {
          path: [...here, "hottest"],
          message: `hottest ${selector.hottest} is more keys than exist: ${range}`,
        },
      ]
    : [];
}
