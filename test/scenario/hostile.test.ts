import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { loadScenarioFile, loadScenarioText } from "../../src/scenario/load.js";
import { MINIMAL } from "./helpers.js";
import { expectProblemsInside } from "./problemPositions.js";

/*
 * Whatever a user feeds the loader, it answers with a ScenarioError whose every problem points
 * inside the file and says what was expected, and it answers at once (vitest's timeout is the
 * guard: nothing here may take seconds). MINIMAL, for counting lines:
 *   1 duration: 60s
 *   2 traffic:
 *   3   - name: web
 *   4     open: { rate: 100 }
 *   5 cache: { ttl: 10s }
 *   6 db:
 *   7   service: { constant: 5ms }
 *   8 strategies:
 *   9   naive: {}
 */
const edit = (from: string, to: string) => {
  if (!MINIMAL.includes(from)) throw new Error(`MINIMAL has no ${from}`);
  return MINIMAL.replace(from, to);
};
const strategy = (body: string) => `${MINIMAL}  s: ${body}\n`;
const append = (lines: string) => `${MINIMAL}${lines}\n`;

/** The ScenarioError of text that must be rejected, its problem positions checked. */
function rejection(text: string): ScenarioError {
  let caught: unknown;
  try {
    loadScenarioText(text, "s.yaml");
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the scenario to be rejected").toBeInstanceOf(ScenarioError);
  const error = caught as ScenarioError;
  expectProblemsInside(error, text, "s.yaml");
  return error;
}

/** A deterministic kilobyte of bytes that are not text: NULs, control bytes, broken UTF-8. */
const GARBAGE = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 167 + 13) % 256));

const aliasBomb = (() => {
  const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
  return levels
    .map((level, i) => {
      const items = i === 0 ? '"lol"' : `*${levels[i - 1]}`;
      return `${level}: &${level} [${Array(9).fill(items).join(", ")}]`;
    })
    .join("\n");
})();

const deepBlock = Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}a${i}:`).join("\n");

const EMPTY = /the file is empty; expected a scenario/;
const DURATION = /expected a duration such as 250ms, 60s, 5m or 1h, got/;
const NUMBER = /expected a number, got/;

describe("hostile input is refused with problems that point inside the file", () => {
  it.each<[string, string, RegExp]>([
    // Nothing, or nothing usable.
    ["an empty file", "", EMPTY],
    ["only whitespace", " \n\t\n  \n", EMPTY],
    ["only a comment", "# TODO\n", EMPTY],
    ["a byte-order mark and nothing else", "\uFEFF", EMPTY],
    [
      "binary garbage",
      GARBAGE.toString("utf8"),
      /^expected a mapping, got ".*…" \(\d+ characters\)$/,
    ],
    ["binary garbage after a valid scenario", MINIMAL + GARBAGE.toString("utf8"), /./],
    ["NUL bytes", "\u0000\u0000\u0000\u0000", /expected a mapping, got/],
    ["a NUL inside a name", edit("name: web", "name: w\u0000b"), /expected a source name of/],
    ["replacement characters of invalid UTF-8", edit("60s", "6\uFFFD0s"), DURATION],

    // Not a scenario at all.
    ["a top-level list", "- duration: 60s\n- traffic: []\n", /expected a mapping, got a list/],
    ["a top-level number", "42\n", /expected a mapping, got 42/],
    ["a top-level string", '"duration: 60s"\n', /expected a mapping, got "duration: 60s"/],
    ["a top-level null", "~\n", /expected a mapping, got null/],
    ["two documents", `${MINIMAL}---\n${MINIMAL}`, /expected one YAML document/],
    ["JSON with a trailing comma", '{ "duration": "60s", }\n', /./],

    // YAML features used against the loader.
    ["an alias bomb", append(aliasBomb), /aliases expand this document too many times/],
    [
      "thousands of aliases",
      append(`a: &d 1\nb: [${Array(5000).fill("*d").join(", ")}]`),
      /^5000 aliases; expected at most 1000/,
    ],
    [
      "an alias to nothing",
      append("x: *nowhere"),
      /alias \*nowhere names no anchor; expected &nowhere/,
    ],
    ["deep flow nesting", `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, /nesting is deeper/],
    ["deep block nesting", `${deepBlock} 1\n`, /nesting is deeper than 40 levels/],
    ["a merge key", edit("cache: { ttl: 10s }", "x: &b { ttl: 10s }\ncache: { <<: *b }"), /"<<"/],
    ["a complex key", append("? [duration]\n: 1s"), /./],
    ["an unknown tag", edit("rate: 100", "rate: !!python/object 100"), /unresolved tag/],
    [
      "a binary tag where a number goes",
      edit("rate: 100", "rate: !!binary AAAA"),
      /expected a number, got binary data/,
    ],
    [
      "a key five hundred characters long",
      append(`${"k".repeat(500)}: 1`),
      /^unknown key "k{60}…" \(500 characters\); expected name/,
    ],
    ["a tab as indentation", edit("  - name: web", "\t- name: web"), /tabs are not allowed/],
    ["an unclosed flow mapping", edit("{ rate: 100 }", "{ rate: 100"), /invalid YAML/],
    [
      "a syntax error before a folded block",
      "  service: x\ndescription: >-\n  one\n  two\nseed: 1\nduration: 1s\n",
      /invalid YAML/,
    ],
    ["an unclosed quote", edit("name: web", 'name: "web'), /invalid YAML/],

    // Duplicate keys, however written.
    ["a duplicate top-level key", append("duration: 5s"), /duplicate key "duration"/],
    [
      "a duplicate nested key",
      edit("{ ttl: 10s }", "{ ttl: 10s, ttl: 5s }"),
      /duplicate key "ttl"/,
    ],
    ["a duplicate key quoted", append('"duration": 5s'), /duplicate key "duration"/],
    ["keys equal once read", append('1: a\n"1": b'), /duplicate key "1"/],
    ["a duplicate strategy", append("  naive: {}"), /duplicate key "naive"/],

    // Numbers that are not numbers, or not sane ones.
    ["a NaN duration", edit("ttl: 10s", "ttl: .nan"), DURATION],
    ["a NaN rate", edit("rate: 100", "rate: .NaN"), NUMBER],
    ["an infinite duration", edit("60s", ".inf"), DURATION],
    ["a negative infinite duration", edit("60s", "-.inf"), DURATION],
    ["an infinite rate", edit("rate: 100", "rate: .inf"), NUMBER],
    ["a number past double range", edit("rate: 100", "rate: 1e400"), NUMBER],
    ["a huge rate", edit("rate: 100", "rate: 1e300"), /expected a rate from 0 to 1,000,000,000/],
    ["a huge duration in ms", edit("60s", "1e300"), /expected a duration from 0 to 8760h/],
    ["a huge duration in hours", edit("60s", "99999999h"), /expected a duration from 0 to 8760h/],
    ["just over a year", edit("60s", "8761h"), /expected a duration from 0 to 8760h \(a year\)/],
    ["a duration with an exponent", edit("60s", "1e999ms"), DURATION],
    ["a huge count", append("app: { instances: 1e9 }"), /from 1 to 100,000, got 1000000000/],
    [
      "too many keys",
      edit("rate: 100 }", "rate: 100 }\n    keys: { count: 1e12 }"),
      /to 100,000,000/,
    ],
    ["too many servers", edit("5ms }", "5ms }\n  servers: 1e10"), /from 1 to 1,000,000,000/],
    [
      "too many clients",
      edit("open: { rate: 100 }", "closed: { clients: 1e8, think: { constant: 1s } }"),
      /from 1 to 10,000,000/,
    ],
    [
      "a huge burst",
      append("events: [{ at: 1s, burst: { requests: 1e9 } }]"),
      /from 1 to 10,000,000/,
    ],
    ["a seed past 2^53", append("seed: 1e300"), /from 0 to 9,007,199,254,740,991/],
    [
      "a bucket too fine",
      append("bucket: 0.001ms"),
      /more than 1,000,000 buckets; expected a bucket of at least 1ms/,
    ],
    [
      "a huge write buffer rate",
      strategy("{ writes: { buffer: { rate: 1e20 } } }"),
      /expected a rate from 0 to/,
    ],
    [
      "a hexadecimal count of zero",
      append("app: { instances: 0x0 }"),
      /expected a whole number from 1 to/,
    ],
    ["digits with underscores", edit("rate: 100", "rate: 1_000"), /expected a number, got "1_000"/],

    // Strings where numbers go, and bad units.
    ["a word for a rate", edit("rate: 100", "rate: fast"), NUMBER],
    ["a quoted number", edit("rate: 100", 'rate: "100"'), /expected a number, got "100"/],
    ["a list for a number", edit("rate: 100", "rate: [100]"), /expected a number, got a list/],
    ["a boolean for a duration", edit("60s", "yes"), DURATION],
    ["a date for a duration", edit("60s", "2024-01-01"), DURATION],
    ["a unit of distance", edit("60s", "5 parsecs"), DURATION],
    ["a spelled-out unit", edit("ttl: 10s", "ttl: 10 secs"), DURATION],
    ["two units", edit("60s", "1m30s"), DURATION],
    ["days", edit("60s", "2d"), DURATION],

    // Zero, negative and fractional where a count or a length of time goes.
    [
      "zero instances",
      append("app: { instances: 0 }"),
      /expected a whole number from 1 to 100,000, got 0/,
    ],
    ["zero servers", edit("5ms }", "5ms }\n  servers: 0"), /from 1 to 1,000,000,000, got 0/],
    [
      "negative servers",
      edit("5ms }", "5ms }\n  servers: -1"),
      /expected a whole number from 1 to 1,000,000,000, got -1/,
    ],
    ["2.5 servers", edit("5ms }", "5ms }\n  servers: 2.5"), /expected a whole number, got 2.5/],
    [
      "zero attempts",
      append("client: { retry: { attempts: 0 } }"),
      /from 1 to 1,000,000,000, got 0/,
    ],
    [
      "zero keys",
      edit("rate: 100 }", "rate: 100 }\n    keys: { count: 0 }"),
      /from 1 to [0-9,]+, got 0/,
    ],
    [
      "zero clients",
      edit("open: { rate: 100 }", "closed: { clients: 0, think: { constant: 1s } }"),
      /from 1 to [0-9,]+, got 0/,
    ],
    [
      "a negative rate",
      edit("rate: 100", "rate: -1"),
      /expected a rate from 0 to 1,000,000,000 per second, got -1/,
    ],
    [
      "a fractional negative queue limit",
      edit("5ms }", "5ms }\n  servers: 1\n  queue: { limit: -0.5 }"),
      /expected a whole number, got -0.5/,
    ],
    ["a zero duration", edit("60s", "0s"), /expected a duration greater than 0, got "0s"/],
    ["a negative duration", edit("60s", "-5s"), /durations cannot be negative, got "-5s"/],
    [
      "a negative number of ms",
      edit("ttl: 10s", "ttl: -5"),
      /durations cannot be negative, got -5/,
    ],
    ["a zero bucket", append("bucket: 0"), /expected a duration greater than 0, got 0/],
    ["a zero timeout", append("client: { timeout: 0ms }"), /expected a duration greater than 0/],
    [
      "a negative event time",
      append("events: [{ at: -1s, flush: cache }]"),
      /durations cannot be negative/,
    ],
    [
      "a probability above 1",
      edit("5ms }", "5ms }\n  failureRate: 1.5"),
      /expected a number <= 1, got 1.5/,
    ],

    // Unknown names, with the closest known one suggested.
    [
      "an unknown top-level key",
      append("durration: 5s"),
      /unknown key "durration"; did you mean "duration"\?/,
    ],
    [
      "an unknown key with nothing close",
      append("colour: blue"),
      /unknown key "colour"; expected name, description/,
    ],
    ["an unknown slot", strategy("{ coalesing: single-flight }"), /did you mean "coalescing"\?/],
    [
      "a misspelt single-flight",
      strategy("{ coalescing: singel-flight }"),
      /did you mean single-flight\?/,
    ],
    [
      "single-flight without the dash",
      strategy("{ coalescing: singleflight }"),
      /did you mean single-flight\?/,
    ],
    [
      "a misspelt coalescing mapping",
      strategy("{ coalescing: { single-flite: {} } }"),
      /did you mean "single-flight"\?/,
    ],
    [
      "lock written as a word",
      strategy("{ coalescing: lock }"),
      /did you mean \{ lock: \{ ttl: 5s, poll: 50ms \} \}\?/,
    ],
    [
      "a misspelt lock",
      strategy("{ coalescing: { lok: { ttl: 1s, poll: 1s } } }"),
      /did you mean "lock"\?/,
    ],
    [
      "a misspelt lease",
      strategy("{ coalescing: { leese: { tokenEvery: 1s, wait: 1s } } }"),
      /did you mean "lease"\?/,
    ],
    ["a misspelt xfetch", strategy("{ freshness: { xfecth: {} } }"), /did you mean "xfetch"\?/],
    [
      "xfetch written as a word",
      strategy("{ freshness: xfetch }"),
      /did you mean \{ xfetch: \.\.\. \}\?/,
    ],
    [
      "a misspelt swr",
      strategy("{ freshness: { stale-while-revalidat: { soft: 1s, hard: 2s } } }"),
      /did you mean "stale-while-revalidate"\?/,
    ],
    [
      "swr for short",
      strategy("{ freshness: swr }"),
      /did you mean \{ stale-while-revalidate: \.\.\. \}\?/,
    ],
    [
      "swr for short, as a key",
      strategy("{ freshness: { swr: { soft: 1s, hard: 2s } } }"),
      /unknown key "swr": stale-while-revalidate is spelt out/,
    ],
    ["a misspelt breaker", strategy("{ protection: { breakr: {} } }"), /did you mean "breaker"\?/],
    [
      "a misspelt shed",
      strategy("{ admission: { shedd: { maxConcurrent: 1 } } }"),
      /did you mean "shed"\?/,
    ],
    [
      "a misspelt refresh",
      strategy("{ background: { refesh: { keys: all, every: 1s } } }"),
      /did you mean "refresh"\?/,
    ],
    [
      "a misspelt buffer",
      strategy("{ writes: { bufer: { rate: 1 } } }"),
      /did you mean "buffer"\?/,
    ],
    ["a misspelt jitter", strategy("{ ttl: { jiter: 0.1 } }"), /did you mean "jitter"\?/],
    [
      "an unknown mitigation option",
      strategy("{ coalescing: { lock: { ttl: 1s, pol: 1s } } }"),
      /did you mean "poll"\?/,
    ],
    ["a misspelt distribution", edit("constant: 5ms", "constnt: 5ms"), /did you mean "constant"\?/],
    ["a misspelt enum", append("app: { balancing: round-robbin }"), /did you mean round-robin\?/],
    ["a misspelt cache: none", edit("cache: { ttl: 10s }", "cache: non"), /did you mean none\?/],
    [
      "an unknown metric",
      append("expect: { naive: { db.peakQPS: { max: 1 } } }"),
      /did you mean "db.peakQps"\?/,
    ],
    [
      "an unknown strategy in expect",
      append("expect: { naiv: { db.peakQps: { max: 1 } } }"),
      /did you mean "naive"\?/,
    ],
    [
      "an override with a hostile value",
      strategy("{ db: { servers: -1, service: { constant: .nan } } }"),
      /from 1 to 1,000,000,000, got -1/,
    ],

    // Encodings and line endings do not move the positions.
    [
      "CRLF line endings",
      edit("rate: 100", "rate: -1").replaceAll("\n", "\r\n"),
      /per second, got -1/,
    ],
    [
      "a byte-order mark before a problem",
      `\uFEFF${edit("rate: 100", "rate: -1")}`,
      /per second, got -1/,
    ],
    ["old Mac line endings", edit("rate: 100", "rate: -1").replaceAll("\n", "\r"), /./],
    [
      "a very long line",
      `${MINIMAL}description: ${"x".repeat(200_000)}\nbogus: 1\n`,
      /unknown key "bogus"/,
    ],
    [
      "an anchor to a huge string used many times",
      `${MINIMAL}description: &d "${"x".repeat(100_000)}"\nx: [${Array(50).fill("*d").join(", ")}]\n`,
      /unknown key "x"/,
    ],
  ])("%s", (_, text, expected) => {
    const error = rejection(text);
    expect(error.problems.map((p) => p.message).join("\n")).toMatch(expected);
  });

  it("puts problems on the right line whatever the line endings", () => {
    const text = edit("rate: 100", "rate: -1");
    for (const newline of ["\n", "\r\n"]) {
      const [problem] = rejection(text.replaceAll("\n", newline)).problems;
      expect(problem).toMatchObject({ line: 4, col: 19 });
    }
  });

  it("lists at most a hundred problems of a file full of stray keys, then counts the rest", () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `stray${i}: 1`).join("\n");
    const { problems } = rejection(text);
    expect(problems).toHaveLength(101);
    expect(problems.at(-1)?.message).toMatch(/^and \d+ more problems like these, not listed/);
  });

  it("names duplicate keys in one pass, however many", () => {
    const text = `${MINIMAL}${Array.from({ length: 50_000 }, () => "seed: 1").join("\n")}\n`;
    const { problems } = rejection(text);
    expect(problems[0]?.message).toBe(
      'duplicate key "seed"; each key may appear once in a mapping',
    );
  });
});

describe("large files take time in proportion to their size", () => {
  const lines = (n: number, line: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => line(i)).join("\n");

  it("thousands of strategies with overrides", () => {
    const text = `${MINIMAL}${lines(2000, (i) => `  s${i}: { client: { timeout: 1s } }`)}\n`;
    expect(loadScenarioText(text, "s.yaml").strategyNames).toHaveLength(2001);
  });

  it("thousands of strategies with a bad override each, listed up to a hundred", () => {
    const text = `${MINIMAL}${lines(2000, (i) => `  s${i}: { client: { timeout: -1s } }`)}\n`;
    expect(rejection(text).problems).toHaveLength(101);
  });

  it("thousands of expectations for strategies that do not exist", () => {
    const text = `${MINIMAL}expect:\n${lines(5000, (i) => `  s${i}: { db.peakQps: { max: 1 } }`)}\n`;
    const { problems } = rejection(text);
    expect(problems).toHaveLength(101);
    expect(problems[0]?.message).toBe('unknown strategy "s0"; the strategies are naive');
  });

  it("a restart of tens of thousands of listed instances", () => {
    const indices = Array.from({ length: 50_000 }, (_, i) => i).join(", ");
    const text = `${MINIMAL}app: { instances: 100000 }\nevents: [{ at: 1s, restart: { instances: [${indices}] } }]\n`;
    expect(() => loadScenarioText(text, "s.yaml")).not.toThrow();
  });
});

describe("odd but valid input loads", () => {
  it.each<[string, string]>([
    ["a byte-order mark", `\uFEFF${MINIMAL}`],
    ["CRLF line endings", MINIMAL.replaceAll("\n", "\r\n")],
    ["a hexadecimal rate", edit("rate: 100", "rate: 0x10")],
    ["an octal rate", edit("rate: 100", "rate: 0o20")],
    ["negative zero", edit("rate: 100", "rate: -0")],
    ["a year exactly", `${edit("60s", "8760h")}bucket: 1h\n`],
    [
      "a few aliases",
      `${edit("{ constant: 5ms }", "&fast { constant: 5ms }")}  x:\n    db: { writeService: *fast }\n`,
    ],
    ["unicode in the description", `${MINIMAL}description: "caché — 缓存 ✓"\n`],
  ])("%s", (_, text) => {
    expect(() => loadScenarioText(text, "s.yaml")).not.toThrow();
  });

  it("reads a hexadecimal rate as the number it is", () => {
    const config = loadScenarioText(edit("rate: 100", "rate: 0x10"), "s.yaml").configFor("naive");
    expect(config.traffic[0]?.load).toMatchObject({ kind: "open", ratePerSec: 16 });
  });
});

describe("files that cannot be read as scenarios", () => {
  const dir = mkdtempSync(join(tmpdir(), "stampede-hostile-"));
  const problemOf = (file: string) => {
    let caught: unknown;
    try {
      loadScenarioFile(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const [problem, ...rest] = (caught as ScenarioError).problems;
    expect(rest).toEqual([]);
    return problem;
  };

  it("a directory", () => {
    expect(problemOf(dir)).toEqual({
      file: dir,
      line: 1,
      col: 1,
      message: "is a directory; expected a scenario YAML file",
    });
  });

  it("a missing file", () => {
    const file = join(dir, "missing.yaml");
    expect(problemOf(file)).toEqual({ file, line: 1, col: 1, message: "no such file" });
  });

  it("a path through a file", () => {
    const file = join(dir, "plain.yaml");
    writeFileSync(file, MINIMAL);
    expect(problemOf(join(file, "x.yaml"))?.message).toMatch(/^cannot read the file/);
  });

  it("a file over a mebibyte, refused before it is read", () => {
    const file = join(dir, "huge.yaml");
    writeFileSync(file, `${MINIMAL}description: "${"x".repeat(2 * 1024 * 1024)}"\n`);
    expect(problemOf(file)?.message).toMatch(/^is \d+ bytes; a scenario file is at most 1 MiB$/);
  });

  it("binary garbage with invalid UTF-8", () => {
    const file = join(dir, "garbage.yaml");
    writeFileSync(file, GARBAGE);
    expect(() => loadScenarioFile(file)).toThrow(ScenarioError);
  });

  // Root reads a file whatever its mode, so this can only be seen as another user; the message
  // for EACCES is covered through the CLI's own mapping in test/cli/hostileInput.test.ts.
  it.skipIf(process.getuid?.() === 0)("an unreadable file", () => {
    const file = join(dir, "secret.yaml");
    writeFileSync(file, MINIMAL);
    chmodSync(file, 0o000);
    expect(problemOf(file)?.message).toBe("cannot read the file: permission denied");
  });
});
