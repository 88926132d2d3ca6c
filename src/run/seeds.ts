import { UsageError } from "./errors.js";

/** The most replications a run may ask for: past this, intervals shrink too slowly to matter. */
export const MAX_REPLICATIONS = 10_000;

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finalizer: spreads every input bit over the whole word. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The seed of replication `index` of a run with master seed `seed`: replication 0 runs on the
 * master seed itself (so one replication is exactly a plain run); replication i ≥ 1 on
 * fmix32(fnv1a("<seed>/replication/<i>")), an unsigned 32-bit integer. Hashing the decimal text
 * keeps every seed up to 2^53 distinct, and the seeds of one run look unrelated to each other.
 */
export function replicationSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  return fmix32(fnv1a(`${seed}/replication/${index}`));
}

/** The seeds of `replications` replications, replication 0 first. */
export function replicationSeeds(seed: number, replications: number): number[] {
  return Array.from({ length: replications }, (_, i) => replicationSeed(seed, i));
}

/** Checks a replication count: a whole number from 1 to MAX_REPLICATIONS. */
export function checkReplications(replications: number | undefined): number {
  const n = replications ?? 1;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_REPLICATIONS) {
    throw new UsageError(
      `replications must be a whole number from 1 to ${MAX_REPLICATIONS}, got ${replications}`,
    );
  }
  return n;
}
