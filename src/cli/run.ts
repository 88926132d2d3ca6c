import { type Command, Option } from "commander";
import { runLabel } from "../exec/slicedRun.js";
import { renderMetricsCsv, renderSeriesCsv } from "../report/csv.js";
import { expectationFailures } from "../report/expectations.js";
import { plural } from "../report/format.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderTerminal } from "../report/terminal.js";
import { planRun, selectStrategies } from "../run/compare.js";
import { UsageError } from "../run/errors.js";
import type { RunResult } from "../sim/result.js";
import { addExecOptions, type ExecFlags, executePlan } from "./execute.js";
import { type CliContext, colorEnabled } from "./io.js";
import { FORMATS, type Format, parseSeed, parseStrategyList } from "./parse.js";
import { writeFileAtomic } from "./writeAtomic.js";

interface RunFlags extends ExecFlags {
  seed?: number;
  strategies?: string[];
  format: Format;
  series?: boolean;
  out?: string;
  check?: boolean;
}

function render(
  result: RunResult,
  flags: RunFlags,
  terminal: { color: boolean; width?: number },
): string {
  switch (flags.format) {
    case "table":
      return renderTerminal(result, terminal);
    case "json":
      return renderJson(result);
    case "md":
      return renderMarkdown(result);
    case "csv":
      return flags.series ? renderSeriesCsv(result) : renderMetricsCsv(result);
  }
}

export function registerRun(program: Command, ctx: CliContext): void {
  const command = program
    .command("run")
    .description("run every strategy of a scenario on the same traffic and compare them")
    .argument("<scenario>", "scenario file (YAML)")
    .option("--seed <n>", "random seed, replacing the scenario's", parseSeed)
    .option(
      "--strategies <names>",
      "comma-separated strategies to run (default: all, in file order)",
      parseStrategyList,
    )
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("table"))
    .option("--series", "with --format csv: every time series as one long CSV")
    .option("--out <file>", "write the output to FILE (atomically) instead of stdout")
    .option("--check", "exit 1 when an expectation fails");
  addExecOptions(command).action(async (file: string, flags: RunFlags) => {
    const { io, deps } = ctx;
    if (flags.series && flags.format !== "csv") {
      throw new UsageError("--series only applies to --format csv");
    }
    const loaded = deps.loadScenarioFile(file);
    const { selected } = selectStrategies(loaded, flags.strategies);
    for (const name of selected) {
      if (loaded.trafficOverridden(name)) {
        io.stderr(
          `note: strategy "${name}" overrides traffic, so it does not see the same arrivals as the other strategies\n`,
        );
      }
    }
    const plan = planRun(loaded, {
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags.strategies === undefined ? {} : { strategies: flags.strategies }),
      replications: flags.replications,
    });
    const result = await executePlan(
      ctx,
      plan,
      flags,
      (config) => `${loaded.name}: ${runLabel(config)}`,
      flags.out,
    );
    if (result === null) return;
    const out = ctx.merged?.out ?? flags.out;
    const toFile = out !== undefined;
    const output = render(result, flags, {
      color: !toFile && colorEnabled(io),
      ...(io.isTTY && !toFile && io.columns !== undefined ? { width: io.columns } : {}),
    });
    if (out !== undefined) writeFileAtomic(out, output);
    else io.stdout(output);

    const failures = expectationFailures(result);
    // The terminal table lists expectations itself; elsewhere failures are said on stderr.
    if (failures.length > 0 && (flags.check || flags.format !== "table" || toFile)) {
      const heading = flags.check ? "check failed" : "warning";
      io.stderr(
        `${heading}: ${plural(failures.length, "expectation", "expectations")} failed\n${failures.map((f) => `  ${f}\n`).join("")}`,
      );
    }
    ctx.exitCode = flags.check && failures.length > 0 ? 1 : 0;
  });
}
