import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encodePart,
  joinParts,
  PARTIAL_KIND,
  type PartialResult,
  parsePart,
  replayArgv,
  shardIndices,
} from "../../src/exec/shard.js";
import type { SimOutput } from "../../src/sim/simulate.js";

describe("shardIndices", () => {
  it("the shards of a batch are disjoint and together cover it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 20 }),
        (total, count) => {
          const all = [];
          for (let index = 1; index <= count; index++)
            all.push(...shardIndices(total, { index, count }));
          expect(all.sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe("replayArgv", () => {
  it("drops the options that never change the output, in both spellings", () => {
    expect(
      replayArgv([
        "run",
        "a.yaml",
        "--shard",
        "1/2",
        "--jobs=4",
        "--out",
        "p.json",
        "--seed",
        "3",
        "--max-wall=5m",
        "--max-events",
        "1e9",
        "--format",
        "json",
      ]),
    ).toEqual(["run", "a.yaml", "--seed", "3", "--format", "json"]);
  });
});

/** A fake output whose one number says which simulation it came from. */
function output(index: number): SimOutput {
  return { eventsProcessed: index } as SimOutput;
}

function part(index: number, count: number, over: Partial<PartialResult> = {}): PartialResult {
  const total = 5;
  return {
    kind: PARTIAL_KIND,
    version: "1.0.0",
    argv: ["run", "a.yaml"],
    digest: "abc",
    shard: { index, count },
    total,
    outputs: shardIndices(total, { index, count }).map((i) => ({ index: i, output: output(i) })),
    ...over,
  };
}

describe("joinParts", () => {
  it("puts every output back at its batch index, whatever the order of the parts", () => {
    const joined = joinParts([
      { file: "p2", part: part(2, 2) },
      { file: "p1", part: part(1, 2) },
    ]);
    expect(joined.outputs.map((o) => o.eventsProcessed)).toEqual([0, 1, 2, 3, 4]);
    expect(joined.argv).toEqual(["run", "a.yaml"]);
  });

  it.each([
    ["a missing shard", [part(1, 3), part(3, 3)], /shard 2\/3 missing/],
    ["the same shard twice", [part(1, 2), part(1, 2)], /p0 and p1 are both shard 1\/2/],
    [
      "another command line",
      [part(1, 2), part(2, 2, { argv: ["run", "b.yaml"] })],
      /another command line/,
    ],
    [
      "other scenario contents",
      [part(1, 2), part(2, 2, { digest: "xyz" })],
      /other scenario contents/,
    ],
    [
      "another version",
      [part(1, 2), part(2, 2, { version: "2.0.0" })],
      /another stampede-sim version/,
    ],
    ["another shard count", [part(1, 2), part(2, 3)], /another shard count/],
    [
      "outputs that are not the shard's",
      [part(1, 2), part(2, 2, { outputs: [] })],
      /does not hold the outputs of shard 2\/2/,
    ],
  ])("refuses %s", (_, parts, message) => {
    expect(() => joinParts(parts.map((p, i) => ({ file: `p${i}`, part: p })))).toThrow(message);
  });
});

describe("parsePart", () => {
  it("reads a part back, numbers JSON cannot hold included", () => {
    expect(parsePart("p", encodePart(part(1, 1)))).toEqual(part(1, 1));
    const odd = [-0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 0.1, 1e300];
    const withOdd = part(1, 1, {
      outputs: [{ index: 0, output: { eventsProcessed: 0, odd } as unknown as SimOutput }],
    });
    const back = parsePart("p", encodePart(withOdd)).outputs[0]?.output as unknown as {
      odd: number[];
    };
    expect(back.odd).toHaveLength(odd.length);
    back.odd.forEach((n, i) => {
      expect(Object.is(n, odd[i])).toBe(true);
    });
  });

  it.each([
    ["not JSON", "{", /p is not JSON; expected a part written by --shard/],
    ["other JSON", '{"strategies": []}', /p is not a part written by --shard/],
    ["null", "null", /p is not a part written by --shard/],
  ])("says so when a file is %s", (_, text, message) => {
    expect(() => parsePart("p", text)).toThrow(message);
  });
});
