import { type CliDeps, type CliIo, main } from "../../src/cli/main.js";
import type { SimulateFn } from "../../src/run/compare.js";
import type { LoadedScenario } from "../../src/scenario/load.js";
import type { SimConfig } from "../../src/sim/config.js";
import { metrics, series } from "../report/fixtures.js";
import { baseConfig, NAIVE } from "../sim/helpers.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main` in-process with captured output. */
export async function runCli(
  argv: string[],
  deps: CliDeps,
  io: Partial<Pick<CliIo, "isTTY" | "env" | "columns" | "now" | "signal">> = {},
): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await main(
    argv,
    {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
      isTTY: io.isTTY ?? false,
      env: io.env ?? {},
      ...(io.columns === undefined ? {} : { columns: io.columns }),
      ...(io.now === undefined ? {} : { now: io.now }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    },
    deps,
  );
  return { code, stdout, stderr };
}

/** A loaded scenario with strategies naive and single-flight; no real YAML involved. */
export function fakeScenario(over: Partial<LoadedScenario> = {}): LoadedScenario {
  return {
    file: "scenarios/homepage.yaml",
    name: "homepage",
    description: "The homepage key expires under load.",
    seed: 42,
    durationMs: 20_000,
    warmupMs: 10_000,
    bucketMs: 1000,
    strategyNames: ["naive", "single-flight"],
    expect: {
      "single-flight": { "db.peakQps": { max: 40 } },
      naive: { "db.peakQps": { min: 1000 } },
    },
    configFor: (strategy, seed) =>
      baseConfig({
        name: "homepage",
        seed: seed ?? 42,
        durationMs: 20_000,
        warmupMs: 10_000,
        strategy: { ...NAIVE, name: strategy },
      }),
    trafficOverridden: () => false,
    ...over,
  };
}

/** Naive stampedes (peak 9,800/s); everything else peaks at 38/s. Records the configs it saw. */
export function fakeSimulate(seen: SimConfig[] = []): SimulateFn {
  return (config) => {
    seen.push(config);
    const naive = config.strategy.name === "naive";
    return {
      metrics: metrics({ db: { peakQps: naive ? 9800 : 38 } }),
      series: series(naive ? [0, 0, 9800, 120, 0] : [0, 0, 38, 1, 0]),
    };
  };
}

export interface FakeDeps extends CliDeps {
  seen: SimConfig[];
  loadedFiles: string[];
}

export function fakeDeps(
  loaded: LoadedScenario | ((file: string) => LoadedScenario) = fakeScenario(),
  simulate?: SimulateFn,
): FakeDeps {
  const seen: SimConfig[] = [];
  const loadedFiles: string[] = [];
  const sim = simulate ?? fakeSimulate(seen);
  return {
    seen,
    loadedFiles,
    loadScenarioFile: (file) => {
      loadedFiles.push(file);
      return typeof loaded === "function" ? loaded(file) : { ...loaded, file };
    },
    runBatch: async (configs) => configs.map((config) => ({ eventsProcessed: 0, ...sim(config) })),
    scenarioJsonSchema: () => ({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
    }),
  };
}
