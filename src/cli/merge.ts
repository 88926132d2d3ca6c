import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { joinParts, type PartialResult, parsePart } from "../exec/shard.js";
import { UsageError } from "../run/errors.js";
import type { MergedRun } from "./io.js";

interface MergeFlags {
  out?: string;
}

/** Commands whose shards can be merged (merge itself cannot be). */
const SHARDABLE = ["run", "report", "sweep"];

/**
 * `merge parts...`: joins the parts written by `--shard i/n` and replays the command they came
 * from on the joined outputs, so it prints (or writes) exactly what the unsharded command would.
 */
export function registerMerge(
  program: Command,
  replay: (argv: readonly string[], merged: MergedRun) => Promise<void>,
): void {
  program
    .command("merge")
    .description("join the parts written by --shard i/n into the output of the unsharded command")
    .argument("<parts...>", "part files, one per shard, in any order")
    .option("--out <file>", "write the output to FILE (atomically) instead of stdout")
    .action(async (files: string[], flags: MergeFlags) => {
      const parts: Array<{ file: string; part: PartialResult }> = files.map((file) => ({
        file,
        part: parsePart(file, readFileSync(file, "utf8")),
      }));
      const { argv, digest, outputs } = joinParts(parts);
      if (!SHARDABLE.includes(argv[0] ?? "")) {
        throw new UsageError(`${files[0]} does not come from a command that can be sharded`);
      }
      await replay(argv, {
        digest,
        outputs,
        ...(flags.out === undefined ? {} : { out: flags.out }),
      });
    });
}
