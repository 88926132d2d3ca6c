import { mkdirSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, posix, relative, sep } from "node:path";
import type { Command } from "commander";
import { runLabel } from "../exec/slicedRun.js";
import { expectationCounts, expectationFailures } from "../report/expectations.js";
import { plural } from "../report/format.js";
import { renderMarkdown } from "../report/markdown.js";
import {
  INDEX_FILE,
  type ReportIndexEntry,
  renderReportIndex,
  reportFileName,
  reportIndexEntry,
  reportNameProblem,
} from "../report/reportIndex.js";
import { combinePlans } from "../run/combinePlans.js";
import { planRun } from "../run/compare.js";
import { UsageError } from "../run/errors.js";
import { ScenarioError } from "../scenario/errors.js";
import type { LoadedScenario } from "../scenario/load.js";
import type { SimConfig } from "../sim/config.js";
import { addExecOptions, type ExecFlags, executePlan } from "./execute.js";
import { type CliContext, fileErrorMessage } from "./io.js";
import { parseSeed } from "./parse.js";
import { writeFileAtomic } from "./writeAtomic.js";

interface ReportFlags extends ExecFlags {
  outDir: string;
  out?: string;
  check?: boolean;
  seed?: number;
}

const SCENARIO_FILE = /\.ya?ml$/;

/**
 * A path as reports show it: relative (an absolute one is made relative to the working
 * directory), with `/` separators and no `./` or `//`, so the same files give the same bytes
 * however they were named and on any machine.
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = isAbsolute(path) ? relative(cwd, path) || "." : path;
  return posix.normalize(rel.split(sep).join("/"));
}

/** Byte order, not the locale's: the same names sort the same everywhere. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The scenario files named by the arguments, in order, each once: a directory stands for its
 * `*.yaml` and `*.yml` files (not its subdirectories), sorted by name. Anything else is taken
 * as a file for the loader to read (and to complain about when it cannot).
 */
export function expandScenarioArgs(args: readonly string[]): {
  files: string[];
  problems: string[];
} {
  const files: string[] = [];
  const problems: string[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const arg of args) {
    const path = displayPath(arg);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() !== true) {
      add(path);
      continue;
    }
    const names = readdirSync(path, { withFileTypes: true })
      .filter((entry) => SCENARIO_FILE.test(entry.name))
      .filter(
        (entry) =>
          entry.isFile() ||
          statSync(join(path, entry.name), { throwIfNoEntry: false })?.isFile() === true,
      )
      .map((entry) => entry.name)
      .sort(byCodeUnit);
    if (names.length === 0) problems.push(`no scenario files (*.yaml, *.yml) in ${arg}`);
    for (const name of names) add(posix.join(path, name));
  }
  return { files, problems };
}

/**
 * Loads every scenario before anything runs, so a bad one stops the whole report before a single
 * file is written. Prints every problem (file:line:col lines for scenario errors) and returns
 * null when there was one.
 */
function loadAll(ctx: CliContext, args: readonly string[]): LoadedScenario[] | null {
  const { io, deps } = ctx;
  const { files, problems } = expandScenarioArgs(args);
  for (const problem of problems) io.stderr(`error: ${problem}\n`);
  let bad = problems.length;
  const loaded: LoadedScenario[] = [];
  const fileOfReport = new Map<string, string>();
  for (const file of files) {
    let scenario: LoadedScenario;
    try {
      scenario = deps.loadScenarioFile(file);
    } catch (err) {
      const fileError = fileErrorMessage(err);
      if (err instanceof ScenarioError) io.stderr(`${err.format()}\n`);
      else if (fileError !== null) io.stderr(`error: ${fileError}\n`);
      else throw err;
      bad++;
      continue;
    }
    const nameProblem = reportNameProblem(scenario.name);
    // Reports are files in one directory: two names differing only in case would collide on
    // case-insensitive file systems.
    const key = reportFileName(scenario.name).toLowerCase();
    const other = fileOfReport.get(key);
    if (nameProblem !== null) {
      io.stderr(
        `error: ${file}: scenario name "${scenario.name}" cannot name its report file: ${nameProblem}\n`,
      );
      bad++;
    } else if (other !== undefined) {
      io.stderr(
        `error: ${other} and ${file} would both be reported as ${reportFileName(scenario.name)}; give one of them another name\n`,
      );
      bad++;
    } else {
      fileOfReport.set(key, file);
      loaded.push(scenario);
    }
  }
  if (bad > 0) {
    io.stderr("report: nothing written: every scenario must load before any report is made\n");
    return null;
  }
  return loaded;
}

function makeOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === "EEXIST" || code === "ENOTDIR"
        ? "a file is in the way"
        : err instanceof Error
          ? err.message
          : String(err);
    throw new UsageError(`cannot create the output directory ${dir}: ${why}`);
  }
}

export function registerReport(program: Command, ctx: CliContext): void {
  const command = program
    .command("report")
    .description(
      "run every strategy of each scenario and write <out-dir>/<scenario name>.md for each, plus an index (README.md)",
    )
    .argument("<scenarios...>", "scenario files (YAML), or directories of them (*.yaml, *.yml)")
    .option("--out-dir <dir>", "directory to write the reports into", "reports")
    .option("--seed <n>", "random seed for every scenario, replacing theirs", parseSeed)
    .option("--check", "exit 1 when an expectation fails")
    .option("--out <file>", "with --shard: write the part to FILE instead of stdout");
  addExecOptions(command).action(async (args: string[], flags: ReportFlags) => {
    const { io } = ctx;
    // Reports always go to --out-dir; --out only names where a shard writes its part.
    if (flags.out !== undefined && flags.shard === undefined) {
      throw new UsageError(
        "report writes into --out-dir; --out names a shard's part, with --shard",
      );
    }
    if (ctx.merged?.out !== undefined) {
      throw new UsageError(
        "merge --out does not apply to report parts: the reports go to the --out-dir given to the shards",
      );
    }
    const scenarios = loadAll(ctx, args);
    if (scenarios === null) {
      ctx.exitCode = 2;
      return;
    }
    for (const loaded of scenarios) {
      for (const name of loaded.strategyNames) {
        if (loaded.trafficOverridden(name)) {
          io.stderr(
            `note: ${loaded.name}: strategy "${name}" overrides traffic, so it does not see the same arrivals as the other strategies\n`,
          );
        }
      }
    }
    const runOptions = {
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      replications: flags.replications,
    };
    const scenarioOf = new Map<SimConfig, string>();
    const plans = scenarios.map((loaded) => {
      const plan = planRun(loaded, runOptions);
      for (const config of plan.configs) scenarioOf.set(config, loaded.name);
      return plan;
    });
    io.stderr(
      `report: ${plural(scenarios.length, "scenario", "scenarios")}, ${plural(
        plans.reduce((n, p) => n + p.configs.length, 0),
        "simulation",
        "simulations",
      )}\n`,
    );
    const results = await executePlan(
      ctx,
      combinePlans(plans),
      flags,
      (config) => `${scenarioOf.get(config)}: ${runLabel(config)}`,
      flags.out,
    );
    if (results === null) return;

    // Every simulation has finished before the first file is written: a failed or interrupted
    // report leaves the earlier reports as they were.
    makeOutDir(flags.outDir);
    const entries: ReportIndexEntry[] = [];
    const failures: string[] = [];
    for (const result of results) {
      const file = reportFileName(result.scenario.name);
      const out = join(flags.outDir, file);
      writeFileAtomic(out, renderMarkdown(result));
      const { passed, total } = expectationCounts(result);
      io.stderr(
        `report: ${result.scenario.name}: ${plural(result.strategies.length, "strategy", "strategies")}, ${passed}/${total} expectations → ${out}\n`,
      );
      entries.push(reportIndexEntry(result, file));
      failures.push(...expectationFailures(result));
    }
    const index = join(flags.outDir, INDEX_FILE);
    writeFileAtomic(
      index,
      renderReportIndex(entries, flags.seed === undefined ? {} : { seed: flags.seed }),
    );
    io.stderr(`report: ${plural(entries.length, "report", "reports")} indexed in ${index}\n`);
    if (failures.length > 0) {
      const heading = flags.check ? "check failed" : "warning";
      io.stderr(
        `${heading}: ${plural(failures.length, "expectation", "expectations")} failed\n${failures.map((f) => `  ${f}\n`).join("")}`,
      );
    }
    ctx.exitCode = flags.check && failures.length > 0 ? 1 : 0;
  });
}
