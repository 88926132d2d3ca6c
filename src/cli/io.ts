import type { ExecOptions } from "../exec/executor.js";
import type { LoadedScenario } from "../scenario/load.js";
import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";

/** What the CLI may touch of the outside world, injected so it can run in-process in tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Terminal width, when stdout is a terminal. */
  columns?: number;
  /** stderr, only when it is a terminal: where a progress bar may go. */
  progressStream?: NodeJS.WriteStream;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  /** A wall clock in ms, for --max-wall and the progress bar (default: performance.now). */
  now?: () => number;
}

/** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value. */
export function colorEnabled(io: CliIo): boolean {
  const noColor = io.env.NO_COLOR;
  return io.isTTY && (noColor === undefined || noColor === "");
}

/**
 * The program's collaborators: the scenario loader, the simulation run and the JSON Schema.
 * `main` uses the real ones (src/cli/realDeps.ts) unless a test passes fakes.
 */
export interface CliDeps {
  loadScenarioFile: (file: string) => LoadedScenario;
  /** Runs simulations, outputs in input order (src/exec/executor.ts `runBatch`). */
  runBatch: (configs: readonly SimConfig[], opts: ExecOptions) => Promise<SimOutput[]>;
  scenarioJsonSchema: () => object;
}

/** What every command gets, and the exit code an action hands back to `main`. */
export interface CliContext {
  io: CliIo;
  deps: CliDeps;
  exitCode: number;
  /** The command line, for the parts a sharded run writes. */
  argv: readonly string[];
  /** Set while `merge` replays a sharded command: the outputs to use instead of running. */
  merged?: MergedRun;
}

/** The joined outputs of every shard, and where `merge` sends the result. */
export interface MergedRun {
  digest: string;
  outputs: SimOutput[];
  out?: string;
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory, not a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

/**
 * "cannot read FILE: reason" when `err` is the operating system refusing to read a file (bad
 * input, not a bug), else null.
 */
export function fileErrorMessage(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const { code, path, syscall } = err as NodeJS.ErrnoException;
  if (code === undefined || syscall === undefined || FILE_ERRORS[code] === undefined) return null;
  return `cannot read ${path ?? "file"}: ${FILE_ERRORS[code]}`;
}
