import { type Command, Option } from "commander";
import { runLabel } from "../exec/slicedRun.js";
import { renderFind, renderSweep } from "../report/experiment.js";
import { UsageError } from "../run/errors.js";
import { findTippingPoints } from "../run/find.js";
import { planSweep, type ScenarioSource } from "../run/sweep.js";
import { parseRange, parseValueList } from "../run/sweepValues.js";
import type { ParamValue } from "../scenario/parameter.js";
import { readScenario } from "../scenario/readScenario.js";
import type { SimConfig } from "../sim/config.js";
import { addExecOptions, type ExecFlags, executePlan, startSession } from "./execute.js";
import { type CliContext, colorEnabled } from "./io.js";
import { FORMATS, type Format, parseSeed, parseStrategyList } from "./parse.js";
import { writeFileAtomic } from "./writeAtomic.js";

interface SweepFlags extends ExecFlags {
  param: string;
  values?: string;
  range?: string;
  find?: string;
  metrics?: string[];
  seed?: number;
  strategies?: string[];
  format: Format;
  out?: string;
}

function parseMetricList(value: string): string[] {
  return value.split(",").map((name) => name.trim());
}

/** The grid of values from exactly one of --values and --range. */
function valuesOf(flags: SweepFlags): ParamValue[] {
  if ((flags.values === undefined) === (flags.range === undefined)) {
    throw new UsageError(
      "give the values to try with exactly one of --values a,b,c and --range from:to:step",
    );
  }
  return flags.values !== undefined ? parseValueList(flags.values) : parseRange(flags.range ?? "");
}

export function registerSweep(program: Command, ctx: CliContext): void {
  const command = program
    .command("sweep")
    .description(
      "run the strategies of a scenario over values of one parameter; with --find, the largest value for which a condition holds",
    )
    .argument("<scenario>", "scenario file (YAML)")
    .requiredOption(
      "--param <path>",
      "the scenario setting to vary, e.g. 'traffic[0].open.rate' or db.servers",
    )
    .option("--values <list>", "comma-separated values, e.g. 500,1000,2000 or 30s,60s")
    .option("--range <from:to:step>", "numbers from..to (inclusive) by step, e.g. 1000:20000:1000")
    .option(
      "--find <condition>",
      "bisect for the largest value where the condition holds, e.g. 'requests.failedRatio < 0.01'",
    )
    .option(
      "--metrics <paths>",
      "metrics to show, comma-separated (default db.peakQps,requests.failedRatio,latencyMs.p99)",
      parseMetricList,
    )
    .option("--seed <n>", "random seed, replacing the scenario's", parseSeed)
    .option("--strategies <names>", "comma-separated strategies (default: all)", parseStrategyList)
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("table"))
    .option("--out <file>", "write the output to FILE (atomically) instead of stdout");
  addExecOptions(command).action(async (file: string, flags: SweepFlags) => {
    const { io } = ctx;
    const values = valuesOf(flags);
    const source: ScenarioSource = { text: readScenario(file), file };
    const common = {
      param: flags.param,
      values,
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags.strategies === undefined ? {} : { strategies: flags.strategies }),
      replications: flags.replications,
    };
    const labelOf = (config: SimConfig) => `${config.name}: ${runLabel(config)}`;
    let output: string;
    const out = ctx.merged?.out ?? flags.out;
    const terminal = {
      color: out === undefined && colorEnabled(io),
      ...(io.isTTY && out === undefined && io.columns !== undefined ? { width: io.columns } : {}),
    };
    if (flags.find !== undefined) {
      if (flags.shard !== undefined || ctx.merged !== undefined) {
        throw new UsageError(
          "--find chooses each probe from the last, so it cannot be sharded; split the work with --strategies instead",
        );
      }
      const session = startSession(ctx, flags, labelOf);
      const result = await findTippingPoints(
        source,
        { ...common, condition: flags.find },
        (configs) => session.run(configs),
      );
      output = renderFind(result, flags.format, terminal);
    } else {
      const plan = planSweep(source, {
        ...common,
        ...(flags.metrics === undefined ? {} : { metrics: flags.metrics }),
      });
      const result = await executePlan(ctx, plan, flags, labelOf, flags.out);
      if (result === null) return;
      output = renderSweep(result, flags.format, terminal);
    }
    if (out !== undefined) writeFileAtomic(out, output);
    else io.stdout(output);
    ctx.exitCode = 0;
  });
}
