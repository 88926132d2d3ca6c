import { Command, CommanderError } from "commander";
import { RunStopped } from "../exec/stop.js";
import { UsageError } from "../run/errors.js";
import { ScenarioError } from "../scenario/errors.js";
import { type CliContext, type CliDeps, type CliIo, fileErrorMessage } from "./io.js";
import { registerList } from "./list.js";
import { registerMerge } from "./merge.js";
import { registerReport } from "./report.js";
import { registerRun } from "./run.js";
import { registerSchema } from "./schema.js";
import { registerSweep } from "./sweep.js";
import { registerValidate } from "./validate.js";
import { packageVersion } from "./version.js";

export type { CliDeps, CliIo } from "./io.js";

/**
 * Exit codes (SPEC §5), plus 70 (EX_SOFTWARE) for a bug in stampede-sim itself and 130 (128 +
 * SIGINT, as shells report it) for Ctrl-C. A limit that stops a run is bad input: 2.
 */
export const EXIT = {
  ok: 0,
  expectationFailed: 1,
  usage: 2,
  internal: 70,
  interrupted: 130,
} as const;

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
  registerSweep(program, ctx);
  registerList(program, ctx);
  registerMerge(program, async (argv, merged) => {
    const replayed: CliContext = { ...ctx, argv, merged };
    await buildProgram(replayed).parseAsync([...argv], { from: "user" });
    ctx.exitCode = replayed.exitCode;
  });
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
  if (err instanceof RunStopped) {
    io.stderr(
      `${err.reason === "interrupted" ? "" : "error: "}${err.message}; nothing was written\n`,
    );
    return err.reason === "interrupted" ? EXIT.interrupted : EXIT.usage;
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
      argv,
    };
    await buildProgram(ctx).parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (err) {
    return exitCodeFor(err, io);
  }
}
