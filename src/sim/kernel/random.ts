import seedrandom from "seedrandom";

/** A source of uniform numbers in (0, 1]: never 0, so ln(u) is always finite. */
export interface RandomStream {
  next(): number;
}

/**
 * An upper bound on −ln(u) for any draw u of a named stream, with room to spare: alea's outputs
 * are multiples of 2^−32, so u ≥ 2^−32 and −ln(u) ≤ 32·ln 2 ≈ 22.18. Lets a policy know that a
 * draw cannot change its decision without looking at it (it still takes the draw).
 */
export const MAX_NEG_LOG_DRAW = 23;

/** A named stream derived from (seed, name): components never share or disturb each other's draws. */
export function namedStream(seed: number, name: string): RandomStream {
  const prng = seedrandom.alea(`${seed}/${name}`);
  return { next: () => 1 - prng() };
}

/**
 * Draws keyed by (stream, sequence, attempt, purpose) rather than taken in order from a stream, so a
 * request gets the same DB service time and failure draw under every strategy, whatever else ran
 * before it. A seeded PRNG object per request would do the same at far greater cost; this is a
 * counter-based hash (two rounds of the murmur3 finaliser over the mixed key) giving 53 bits.
 */
export class KeyedRandom {
  private readonly seedHash: number;
  /** The hash after mixing in the last stream used: draws come in long runs of one stream. */
  private lastStream = -1;
  private lastStreamHash = 0;

  constructor(seed: number) {
    this.seedHash = fmix32(hashString(String(seed)) ^ 0x9e3779b9);
  }

  /** Uniform in (0, 1] for the given key parts (non-negative integers). */
  uniform(stream: number, seq: number, attempt: number, purpose: number): number {
    if (stream !== this.lastStream) {
      this.lastStream = stream;
      this.lastStreamHash = fmix32(this.seedHash ^ Math.imul(stream + 1, 0x85ebca6b));
    }
    // The split of seq into 32-bit halves, without a floating-point remainder for small seq.
    const small = seq < 0x100000000;
    const seqLow = small ? seq : seq % 0x100000000;
    const seqHigh = small ? 0 : Math.floor(seq / 0x100000000);
    let h = this.lastStreamHash;
    h = fmix32(h ^ Math.imul(seqLow + 1, 0xc2b2ae35));
    h = fmix32(h ^ Math.imul(seqHigh + 1, 0x27d4eb2f));
    h = fmix32(h ^ Math.imul(attempt + 1, 0x165667b1));
    const hi = fmix32(h ^ Math.imul(purpose + 1, 0x9e3779b1)) >>> 5; // 27 bits
    const lo = fmix32(hi ^ h ^ 0x7f4a7c15) >>> 6; // 26 bits
    return (hi * 67108864 + lo + 1) / 9007199254740992;
  }
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}
