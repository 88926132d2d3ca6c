import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { loadScenarioText } from "../../src/scenario/load.js";
import { expectProblemsInside } from "./problemPositions.js";

/*
 * The loader fuzzed with random mutations of the real scenario library: whatever the edit, it
 * either loads (and yields a config for every strategy) or throws a ScenarioError whose every
 * problem points inside the mutated text. Any other exception is a bug. The seed is fixed so a
 * failure reproduces; fast-check prints the shrunk counterexample. FUZZ_SEED and FUZZ_RUNS fuzz
 * deeper by hand: FUZZ_SEED=7 FUZZ_RUNS=20000 npx vitest run test/scenario/fuzz.test.ts
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const SCENARIOS = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const FILES = readdirSync(SCENARIOS)
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(SCENARIOS, name), "utf8") }));

/** Values YAML reads specially, and values the schema is most likely to trip on. */
const SPECIAL = [
  ".nan",
  ".inf",
  "-.inf",
  "~",
  "null",
  "true",
  "no",
  '""',
  "''",
  "[]",
  "{}",
  "*nowhere",
  "&a",
  "!tag",
  "!!binary AAAA",
  "1e400",
  "1e300",
  "-1",
  "0",
  "-0",
  "0x10",
  "2.5",
  "9007199254740993",
  "-5s",
  "1e999ms",
  "5 parsecs",
  "8761h",
  '"',
  "'",
  "{",
  "[",
  "|",
  ">",
  "- a",
  "a: b",
  "? x",
  "<<: *a",
  "---",
  "...",
  "%YAML 1.1",
  "\u0000",
  "\uFFFD",
  "\uFEFF",
];

const scalar = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ maxLength: 12 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.stringMatching(/^-?\d{1,4}(\.\d{1,3})? ?(ms|s|m|h|d|us)?$/),
);

type Mutation = (text: string) => string;

const lineMutation = (edit: (lines: string[], i: number, j: number) => void) =>
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => {
    return (text) => {
      const lines = text.split("\n");
      edit(lines, a % lines.length, b % lines.length);
      return lines.join("\n");
    };
  });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  lineMutation((lines, i) => {
    lines.splice(i, 1);
  }),
  lineMutation((lines, i) => {
    lines.splice(i, 0, lines[i] ?? "");
  }),
  lineMutation((lines, i, j) => {
    [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
  }),
  // A scalar after a colon, or a list item, replaced.
  fc.tuple(fc.nat(), scalar).map(([a, value]): Mutation => {
    return (text) => {
      const lines = text.split("\n");
      const i = a % lines.length;
      lines[i] = (lines[i] ?? "").replace(
        /(:\s*|-\s+)([^\s{[,#][^,}\]#]*)/,
        (_, lead) => `${lead}${value}`,
      );
      return lines.join("\n");
    };
  }),
  // Change indentation: deeper, shallower, or a tab.
  fc.tuple(fc.nat(), fc.constantFrom("  ", "\t", " ", "-"), fc.boolean()).map(
    ([a, indent, remove]): Mutation =>
      (text) => {
        const lines = text.split("\n");
        const i = a % lines.length;
        const line = lines[i] ?? "";
        lines[i] = remove ? line.replace(/^ {1,2}/, "") : `${indent}${line}`;
        return lines.join("\n");
      },
  ),
  fc.nat().map(
    (a): Mutation =>
      (text) =>
        text.slice(0, a % (text.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(
    ([a, bytes]): Mutation =>
      (text) => {
        const at = a % (text.length + 1);
        return text.slice(0, at) + Buffer.from(bytes).toString("latin1") + text.slice(at);
      },
  ),
  fc.tuple(fc.nat(), fc.string({ unit: "binary", maxLength: 6 })).map(
    ([a, inserted]): Mutation =>
      (text) => {
        const at = a % (text.length + 1);
        return text.slice(0, at) + inserted + text.slice(at);
      },
  ),
);

const mutatedScenario = fc
  .tuple(fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([file, mutations]) => ({
    name: file.name,
    text: mutations.reduce((text, mutate) => mutate(text), file.text),
  }));

describe("the loader under random mutations of the scenario library", () => {
  it("has scenarios to mutate", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
  });

  // A generous timeout: these runs share the machine with the rest of the suite.
  it("loads each mutation or rejects it with problems inside the file, never anything else", {
    timeout: Math.max(30_000, RUNS * 20),
  }, () => {
    let loaded = 0;
    let rejected = 0;
    fc.assert(
      fc.property(mutatedScenario, ({ name, text }) => {
        let scenario: ReturnType<typeof loadScenarioText>;
        try {
          scenario = loadScenarioText(text, name);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expectProblemsInside(error, text, name);
          rejected++;
          return;
        }
        for (const strategy of scenario.strategyNames) scenario.configFor(strategy);
        loaded++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes occur, or the mutations are too timid (or too destructive) to test much.
    expect(loaded).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(100);
  });
});
