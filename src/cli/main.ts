import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { UsageError } from "../run/errors.js";
import { ScenarioError } from "../scenario/errors.js";
import { type CliContext, type CliDeps, type CliIo, fileErrorMessage } from "./io.js";
import { registerList } from "./list.js";
import { registerReport } from "./report.js";
import { registerRun } from "./run.js";
import { registerSchema } from "./schema.js";
import { registerValidate } from "./validate.js";

export type { CliDeps, CliIo } from "./io.js";

/** Exit codes (SPEC §5), plus 70 (EX_SOFTWARE) for a bug in stampede-sim itself. */
export const EXIT = { ok: 0, expectationFailed: 1, usage: 2, internal: 70 } as const;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

function buildProgram(ctx: CliContext): Command {
  const { io } = ctx;
  const program = new Command("stampede-sim")
    .description("Deterministic simulator of cache stampedes, retry storms and their mitigations")
    .version(packageVersion(), "-V, --version")
    // Settings made before the subcommands are added are inherited by them.
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      getOutHelpWidth: () => io.columns ?? 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError(true);
  registerRun(program, ctx);
  registerReport(program, ctx);
  registerValidate(program, ctx);
  registerSchema(program, ctx);
  registerList(program, ctx);
  return program;
}

/** Maps anything thrown out of a command to its message on stderr and an exit code. */
function exitCodeFor(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (or the help) through configureOutput.
    const shownOnRequest =
      err.code === "commander.helpDisplayed" || err.code === "commander.version";
    return shownOnRequest || (err.code === "commander.help" && err.exitCode === 0)
      ? EXIT.ok
      : EXIT.usage;
  }
  if (err instanceof ScenarioError) {
    io.stderr(`${err.format()}\n`);
    return EXIT.usage;
  }
  if (err instanceof UsageError) {
    io.stderr(`error: ${err.message}\n`);
    return EXIT.usage;
  }
  const fileError = fileErrorMessage(err);
  if (fileError !== null) {
    io.stderr(`error: ${fileError}\n`);
    return EXIT.usage;
  }
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  io.stderr(`internal error (this is a bug in stampede-sim):\n${detail}\n`);
  return EXIT.internal;
}

/**
 * Runs the command line `argv` (without node and the script) against `io` and returns the exit
 * code: 0 success, 1 an expectation failed under --check, 2 bad usage or input, 70 a bug.
 * Never exits the process itself. `deps` replaces the loader and simulator (for tests).
 */
export async function main(argv: string[], io: CliIo, deps?: CliDeps): Promise<number> {
  try {
    // Loaded lazily so that tests with fake collaborators never load the real simulator.
    const ctx: CliContext = {
      io,
      deps: deps ?? (await import("./realDeps.js")).realDeps,
      exitCode: EXIT.ok,
    };
    await buildProgram(ctx).parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (err) {
    return exitCodeFor(err, io);
  }
}
