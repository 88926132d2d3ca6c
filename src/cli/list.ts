import type { Command } from "commander";
import { renderMitigationList } from "../report/mitigationList.js";
import { MITIGATIONS } from "../sim/mitigations/catalog.js";
import type { CliContext } from "./io.js";

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command("list")
    .description("list every mitigation, its options with defaults, and its guarantee")
    .action(() => {
      ctx.io.stdout(renderMitigationList(MITIGATIONS));
      ctx.exitCode = 0;
    });
}
