import type { Command } from "commander";
import type { CliContext } from "./io.js";

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command("schema")
    .description("print the JSON Schema of the scenario format (for editors)")
    .action(() => {
      ctx.io.stdout(`${JSON.stringify(ctx.deps.scenarioJsonSchema(), null, 2)}\n`);
      ctx.exitCode = 0;
    });
}
