import { availableParallelism } from "node:os";
import { type Command, Option } from "commander";
import { checkCost, DEFAULT_MAX_EVENTS } from "../exec/limits.js";
import {
  encodePart,
  PARTIAL_KIND,
  type PartialResult,
  planDigest,
  replayArgv,
  type Shard,
  shardIndices,
} from "../exec/shard.js";
import { UsageError } from "../run/errors.js";
import type { Plan } from "../run/plan.js";
import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";
import type { CliContext } from "./io.js";
import { parseEventCount, parseShard, parseWallDuration, wholeNumberIn } from "./parse.js";
import { progressBar } from "./progress.js";
import { packageVersion } from "./version.js";
import { writeFileAtomic } from "./writeAtomic.js";

/** The options every simulating command shares (SPEC §5). */
export interface ExecFlags {
  replications: number;
  jobs?: number;
  shard?: Shard;
  maxEvents: number;
  maxWall?: number;
}

export function addExecOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--replications <n>",
        "runs per strategy, seeds derived from the master seed; means with 95% intervals",
      )
        .argParser(wholeNumberIn(1, 10_000, "a number of replications"))
        .default(1),
    )
    .option(
      "--jobs <n>",
      "simulations at once, on worker threads (default: every core); never changes the output",
      wholeNumberIn(1, 1024, "a number of jobs"),
    )
    .option(
      "--shard <i/n>",
      "run only shard i of n of the simulations and write a part for `stampede-sim merge`",
      parseShard,
    )
    .addOption(
      new Option(
        "--max-events <n>",
        "refuse or stop a simulation past this many events (estimated before it starts)",
      )
        .argParser(parseEventCount)
        .default(DEFAULT_MAX_EVENTS, "2e9"),
    )
    .option(
      "--max-wall <duration>",
      "stop the command after this wall-clock time (e.g. 10m)",
      parseWallDuration,
    );
}

/**
 * Runs a plan's simulations the way the flags say, or takes them from the parts being merged,
 * and returns the assembled result. Under --shard it writes its part (to `out`, else stdout)
 * and returns null. Every simulation is checked against --max-events before any starts, and
 * nothing is written until all have finished: a stopped command leaves every file as it was.
 */
export async function executePlan<R>(
  ctx: CliContext,
  plan: Plan<R>,
  flags: ExecFlags,
  labelOf: (config: SimConfig) => string,
  out?: string,
): Promise<R | null> {
  const digest = planDigest(plan.configs);
  if (ctx.merged !== undefined) {
    if (ctx.merged.digest !== digest || ctx.merged.outputs.length !== plan.configs.length) {
      throw new UsageError("the scenario files changed since the shards ran; run the shards again");
    }
    return plan.assemble(ctx.merged.outputs);
  }
  const indices =
    flags.shard === undefined
      ? plan.configs.map((_, i) => i)
      : shardIndices(plan.configs.length, flags.shard);
  const configs = indices.map((i) => plan.configs[i] as SimConfig);
  const outputs = await startSession(ctx, flags, labelOf).run(configs);
  if (flags.shard === undefined) return plan.assemble(outputs);

  const part: PartialResult = {
    kind: PARTIAL_KIND,
    version: packageVersion(),
    argv: replayArgv(ctx.argv),
    digest,
    shard: flags.shard,
    total: plan.configs.length,
    outputs: indices.map((index, k) => ({ index, output: outputs[k] as SimOutput })),
  };
  const text = encodePart(part);
  if (out !== undefined) writeFileAtomic(out, text);
  else ctx.io.stdout(text);
  ctx.io.stderr(
    `shard ${flags.shard.index}/${flags.shard.count}: ${configs.length} of ${plan.configs.length} simulations${out === undefined ? "" : ` → ${out}`}\n`,
  );
  return null;
}

/**
 * Runs batches of simulations for one command, each checked against --max-events before it
 * starts; the --max-wall deadline counts from the start of the command, however many batches it
 * runs (a tipping-point search runs one per step).
 */
export function startSession(
  ctx: CliContext,
  flags: ExecFlags,
  labelOf: (config: SimConfig) => string,
): { run: (configs: readonly SimConfig[]) => Promise<SimOutput[]> } {
  const { io, deps } = ctx;
  const now = io.now ?? (() => performance.now());
  const deadlineMs = flags.maxWall === undefined ? null : now() + flags.maxWall;
  return {
    async run(configs) {
      // Every simulation of the batch is sized before any starts.
      for (const config of configs) checkCost(config, flags.maxEvents, labelOf(config));
      const bar = progressBar(io.progressStream, now);
      try {
        return await deps.runBatch(configs, {
          jobs: flags.jobs ?? availableParallelism(),
          maxEventsPerRun: flags.maxEvents,
          deadlineMs,
          now,
          ...(io.signal === undefined ? {} : { signal: io.signal }),
          onProgress: (p) => bar.update(p),
        });
      } finally {
        bar.done();
      }
    },
  };
}
