import { createHash } from "node:crypto";
import { UsageError } from "../run/errors.js";
import type { SimConfig } from "../sim/config.js";
import type { SimOutput } from "../sim/simulate.js";

/** Shard `index` (1-based) of `count`: the simulations whose batch index is index − 1 mod count. */
export interface Shard {
  index: number;
  count: number;
}

/** The batch indices a shard runs: a fixed share, whatever machine runs it. */
export function shardIndices(total: number, shard: Shard): number[] {
  const indices: number[] = [];
  for (let i = shard.index - 1; i < total; i += shard.count) indices.push(i);
  return indices;
}

/** What one shard writes: enough to check the parts belong together and to replay the command. */
export interface PartialResult {
  kind: typeof PARTIAL_KIND;
  /** The stampede-sim version that ran it: outputs of different versions do not mix. */
  version: string;
  /** The command line, without the options that do not change the result. */
  argv: string[];
  /** A hash of every simulation's config, so edited scenarios are caught at merge. */
  digest: string;
  shard: Shard;
  total: number;
  outputs: Array<{ index: number; output: SimOutput }>;
}

export const PARTIAL_KIND = "stampede-sim/partial-result";

/** Options that never change a command's output, dropped from the replayed command line. */
const NOT_IN_RESULT = ["--shard", "--jobs", "--out", "--max-events", "--max-wall"];

/** The command line as a merge replays it: `--opt value` and `--opt=value` forms both dropped. */
export function replayArgv(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (NOT_IN_RESULT.includes(arg)) {
      i++;
      continue;
    }
    if (NOT_IN_RESULT.some((opt) => arg.startsWith(`${opt}=`))) continue;
    kept.push(arg);
  }
  return kept;
}

export function planDigest(configs: readonly SimConfig[]): string {
  return createHash("sha256").update(JSON.stringify(configs)).digest("hex");
}

/**
 * The outputs of every simulation, from the parts of one sharded command: each shard exactly
 * once, all made by the same command line, version and scenario contents. Throws a UsageError
 * naming the first problem otherwise.
 */
export function joinParts(parts: ReadonlyArray<{ file: string; part: PartialResult }>): {
  argv: string[];
  digest: string;
  outputs: SimOutput[];
} {
  const first = parts[0];
  if (first === undefined) throw new UsageError("merge needs at least one part");
  const { argv, digest, total, version } = first.part;
  const count = first.part.shard.count;
  const seen = new Map<number, string>();
  const outputs = new Array<SimOutput | undefined>(total).fill(undefined);
  for (const { file, part } of parts) {
    const differs = (what: string) =>
      new UsageError(
        `${file} was made by ${what} than ${first.file}; the parts do not belong together`,
      );
    if (JSON.stringify(part.argv) !== JSON.stringify(argv)) throw differs("another command line");
    if (part.version !== version) throw differs(`another stampede-sim version (${part.version})`);
    if (part.digest !== digest || part.total !== total) throw differs("other scenario contents");
    if (part.shard.count !== count) throw differs(`another shard count (${part.shard.count})`);
    const twin = seen.get(part.shard.index);
    if (twin !== undefined) {
      throw new UsageError(`${twin} and ${file} are both shard ${part.shard.index}/${count}`);
    }
    seen.set(part.shard.index, file);
    const expected = shardIndices(total, part.shard);
    const got = part.outputs.map((o) => o.index);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new UsageError(
        `${file} does not hold the outputs of shard ${part.shard.index}/${count}`,
      );
    }
    for (const { index, output } of part.outputs) outputs[index] = output;
  }
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length > 0) {
    throw new UsageError(
      `shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")} missing; merge needs every part`,
    );
  }
  return { argv, digest, outputs: outputs as SimOutput[] };
}

/**
 * Numbers JSON cannot hold (−0, ±Infinity, NaN) as tagged strings, so that a merged result is
 * built from exactly the numbers the shard computed.
 */
const SPECIAL_NUMBER = "\u0000number:";

function encodeNumber(_key: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (Object.is(value, -0)) return `${SPECIAL_NUMBER}-0`;
  return Number.isFinite(value) ? value : `${SPECIAL_NUMBER}${value}`;
}

function decodeNumber(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.startsWith(SPECIAL_NUMBER)
    ? Number(value.slice(SPECIAL_NUMBER.length))
    : value;
}

/** A part as the text of its file: JSON, with every number kept exactly. */
export function encodePart(part: PartialResult): string {
  return `${JSON.stringify(part, encodeNumber)}\n`;
}

/** Reads a part file's JSON, checking its shape just enough to give a clear error. */
export function parsePart(file: string, text: string): PartialResult {
  let value: unknown;
  try {
    value = JSON.parse(text, decodeNumber);
  } catch {
    throw new UsageError(`${file} is not JSON; expected a part written by --shard`);
  }
  const part = value as Partial<PartialResult> | null;
  if (
    part === null ||
    typeof part !== "object" ||
    part.kind !== PARTIAL_KIND ||
    !Array.isArray(part.argv) ||
    !Array.isArray(part.outputs) ||
    typeof part.digest !== "string" ||
    typeof part.total !== "number" ||
    typeof part.shard?.index !== "number" ||
    typeof part.shard?.count !== "number"
  ) {
    throw new UsageError(`${file} is not a part written by --shard`);
  }
  return part as PartialResult;
}
