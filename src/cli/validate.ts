import type { Command } from "commander";
import { plural } from "../report/format.js";
import { ScenarioError } from "../scenario/errors.js";
import { type CliContext, fileErrorMessage } from "./io.js";

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check scenario files without running them (every problem is reported)")
    .argument("<scenario...>", "scenario files (YAML)")
    .action((files: string[]) => {
      const { io } = ctx;
      let bad = 0;
      for (const file of files) {
        try {
          const loaded = ctx.deps.loadScenarioFile(file);
          const count = plural(loaded.strategyNames.length, "strategy", "strategies");
          io.stdout(`ok  ${file} (${count})\n`);
        } catch (err) {
          const fileError = fileErrorMessage(err);
          if (err instanceof ScenarioError) io.stderr(`${err.format()}\n`);
          else if (fileError !== null) io.stderr(`error: ${fileError}\n`);
          else throw err;
          bad++;
        }
      }
      ctx.exitCode = bad > 0 ? 2 : 0;
    });
}
