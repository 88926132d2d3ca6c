import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { loadScenarioFile, loadScenarioText } from "../../src/scenario/load.js";
import { MINIMAL, problemsOf } from "./helpers.js";

/*
 * MINIMAL, for counting columns:
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

describe("problems name the file, line and column, and what was expected", () => {
  it.each([
    [
      "an unknown key, at the key",
      `${MINIMAL}durration: 5s\n`,
      's.yaml:10:1: unknown key "durration"; did you mean "duration"?',
    ],
    [
      "a nested unknown key",
      edit("{ ttl: 10s }", "{ ttl: 10s, tll: 5s }"),
      's.yaml:5:20: unknown key "tll"; did you mean "ttl"?',
    ],
    [
      "an unknown key with nothing close",
      edit("{ ttl: 10s }", "{ ttl: 10s, zzzzzz: 1 }"),
      's.yaml:5:20: unknown key "zzzzzz"; expected latency, ttl, capacity, keepStale, initial or onWrite',
    ],
    ["a wrong type", edit("rate: 100", "rate: fast"), 's.yaml:4:19: expected a number, got "fast"'],
    [
      "a bad unit",
      edit("60s", "5 parsecs"),
      's.yaml:1:11: expected a duration such as 250ms, 60s, 5m or 1h, got "5 parsecs"',
    ],
    [
      "a negative duration",
      edit("ttl: 10s", "ttl: -5s"),
      's.yaml:5:15: durations cannot be negative, got "-5s"',
    ],
    [
      "a negative number of ms",
      edit("ttl: 10s", "ttl: -5"),
      "s.yaml:5:15: durations cannot be negative, got -5",
    ],
    [
      "a zero duration",
      edit("ttl: 10s", "ttl: 0s"),
      's.yaml:5:15: expected a duration greater than 0, got "0s"',
    ],
    [
      "NaN",
      edit("ttl: 10s", "ttl: .nan"),
      "s.yaml:5:15: expected a duration such as 250ms, 60s, 5m or 1h, got .nan",
    ],
    [
      "an infinite duration",
      edit("60s", ".inf"),
      "s.yaml:1:11: expected a duration such as 250ms, 60s, 5m or 1h, got .inf",
    ],
    [
      "an infinite rate",
      edit("rate: 100", "rate: .inf"),
      "s.yaml:4:19: expected a number, got .inf",
    ],
    [
      "a negative rate",
      edit("rate: 100", "rate: -1"),
      "s.yaml:4:19: expected a rate from 0 to 1,000,000,000 per second, got -1",
    ],
    [
      "a fractional count",
      `${MINIMAL}seed: 1.5\n`,
      "s.yaml:10:7: expected a whole number, got 1.5",
    ],
    [
      "a bad enum value",
      `${MINIMAL}app: { balancing: round-robbin }\n`,
      's.yaml:10:19: expected round-robin or random, got "round-robbin"; did you mean round-robin?',
    ],
    [
      "a missing key, at its mapping",
      edit("{ ttl: 10s }", "{ initial: warm }"),
      's.yaml:5:8: missing required key "ttl"',
    ],
    [
      "a missing top-level key",
      edit("strategies:\n  naive: {}\n", ""),
      's.yaml:1:1: missing required key "strategies"',
    ],
    [
      "an empty value, at its key",
      edit("cache: { ttl: 10s }", "cache:\n  ttl:"),
      "s.yaml:6:3: expected a duration such as 250ms, 60s, 5m or 1h, got null",
    ],
    [
      "a duplicate key",
      `${MINIMAL}duration: 5s\n`,
      's.yaml:10:1: duplicate key "duration"; each key may appear once in a mapping',
    ],
    [
      "a YAML syntax error",
      "duration: [1, 2\ntraffic: 1\n",
      "s.yaml:2:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
    [
      "two documents",
      `${MINIMAL}---\na: 1\n`,
      "s.yaml:10:1: expected one YAML document, found a second one (---)",
    ],
    [
      "an unknown tag",
      `${MINIMAL}seed: !big 1\n`,
      "s.yaml:10:7: invalid YAML: unresolved tag: !big",
    ],
    ["a list at top level", "- 1\n- 2\n", "s.yaml:1:1: expected a mapping, got a list"],
    [
      "a bad strategy name",
      `${MINIMAL}  "a,b": {}\n`,
      's.yaml:10:3: expected a strategy name of letters, digits, ".", "_" and "-" (starting with a letter or digit), got "a,b"',
    ],
    [
      "cache neither none nor a mapping",
      edit("cache: { ttl: 10s }", "cache: nope"),
      's.yaml:5:8: expected none or a mapping with at least ttl, got "nope"; did you mean none?',
    ],
    [
      "a misspelt distribution",
      edit("{ constant: 5ms }", "{ constnt: 5ms }"),
      's.yaml:7:14: unknown key "constnt"; did you mean "constant"?',
    ],
    [
      "no distribution at all",
      edit("{ constant: 5ms }", "{}"),
      "s.yaml:7:12: expected one of constant, exponential, uniform or lognormal",
    ],
    [
      "two distributions",
      edit("{ constant: 5ms }", "{ constant: 5ms, uniform: [1, 2] }"),
      "s.yaml:7:12: expected only one of constant, exponential, uniform or lognormal, got constant and uniform",
    ],
    [
      "stages on a closed source",
      edit("open: { rate: 100 }", "closed: { clients: 5, think: { constant: 1s }, stages: [] }"),
      's.yaml:4:52: unknown key "stages": stages belong to an open-loop source: open: { rate, stages }',
    ],
    [
      "open and closed together",
      edit(
        "open: { rate: 100 }",
        "open: { rate: 100 }\n    closed: { clients: 1, think: { constant: 1s } }",
      ),
      "s.yaml:3:5: expected only one of open or closed, got open and closed",
    ],
    [
      "zero instances",
      `${MINIMAL}app: { instances: 0 }\n`,
      "s.yaml:10:19: expected a whole number from 1 to 100,000, got 0",
    ],
    [
      "a zero bucket",
      `${MINIMAL}bucket: 0\n`,
      "s.yaml:10:9: expected a duration greater than 0, got 0",
    ],
    [
      "no strategies",
      edit("strategies:\n  naive: {}\n", "strategies: {}\n"),
      "s.yaml:8:13: expected at least one strategy, such as naive: {}",
    ],
    [
      "a failure rate above 1",
      edit("constant: 5ms }", "constant: 5ms }\n  failureRate: 1.5"),
      "s.yaml:8:16: expected a number <= 1, got 1.5",
    ],
  ])("%s", (_, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });
});

describe("rules across fields", () => {
  it.each([
    [
      "warmup not before the end",
      edit("60s", "60s\nwarmup: 1m"),
      "s.yaml:2:9: warmup (1m) must be shorter than duration (1m)",
    ],
    [
      "a bucket longer than the window",
      edit("60s", "60s\nwarmup: 50s\nbucket: 20s"),
      "s.yaml:3:9: bucket (20s) is longer than the measured window (10s)",
    ],
    [
      "swr soft not below hard",
      `${MINIMAL}  swr: { freshness: { stale-while-revalidate: { soft: 60s, hard: 10s } } }\n`,
      "s.yaml:10:55: soft (1m) must be shorter than hard (10s)",
    ],
    [
      "lognormal p99 not above the median",
      edit("constant: 5ms", "lognormal: { median: 5ms, p99: 5ms }"),
      "s.yaml:7:45: p99 (5ms) must be greater than the median (5ms)",
    ],
    [
      "uniform min above max",
      edit("constant: 5ms", "uniform: [10ms, 5ms]"),
      "s.yaml:7:23: the minimum (10ms) must not exceed the maximum (5ms)",
    ],
    [
      "a slowdown table not increasing",
      edit("constant: 5ms }", "constant: 5ms }\n  slowdown: { table: [[1, 1], [1, 2]] }"),
      "s.yaml:8:32: inFlight values must increase: 1 follows 1",
    ],
    [
      "a queue without servers",
      edit("constant: 5ms }", "constant: 5ms }\n  queue: { limit: 5 }"),
      "s.yaml:8:10: db.queue needs db.servers: with unlimited servers no query ever waits",
    ],
    [
      "a fixed backoff without base",
      `${MINIMAL}client: { retry: { attempts: 2, backoff: { kind: fixed } } }\n`,
      "s.yaml:10:42: a fixed backoff needs a base sleep (base: 100ms)",
    ],
    [
      "duplicate source names",
      edit("traffic:\n", "traffic:\n  - name: web\n    open: { rate: 1 }\n"),
      's.yaml:5:11: duplicate source name "web"',
    ],
    [
      "an event after the end",
      `${MINIMAL}events: [{ at: 60s, flush: cache }]\n`,
      "s.yaml:10:16: at 1m is not before the end of the run (duration 1m)",
    ],
    [
      "an event of two kinds",
      `${MINIMAL}events: [{ at: 1s, flush: cache, expire: all }]\n`,
      "s.yaml:10:10: expected only one of expire, flush, db, spike, burst, partition, restart, cron or warm, got expire and flush",
    ],
    [
      "a db event of both forms",
      `${MINIMAL}events: [{ at: 1s, db: { outage: 1s, slowdown: 2, for: 1s } }]\n`,
      "s.yaml:10:24: expected either outage or slowdown, not both",
    ],
    [
      "a slowdown event without for",
      `${MINIMAL}events: [{ at: 1s, db: { slowdown: 2 } }]\n`,
      "s.yaml:10:24: a slowdown needs for: <duration>",
    ],
    [
      "a key that does not exist",
      `${MINIMAL}events: [{ at: 1s, expire: [k0, k1] }]\n`,
      "s.yaml:10:33: no key k1: the only key is k0",
    ],
    [
      "too many hottest keys",
      edit("rate: 100 }", "rate: 100 }\n    keys: { count: 5 }") +
        "events: [{ at: 1s, warm: { keys: { hottest: 6 } } }]\n",
      "s.yaml:11:45: hottest 6 is more keys than exist: keys are k0 … k4",
    ],
    [
      "a mitigation that needs a cache",
      `${edit("cache: { ttl: 10s }", "cache: none")}  j: { ttl: { jitter: 0.1 } }\n`,
      "s.yaml:10:13: ttl needs a cache, but this strategy runs with cache: none",
    ],
  ])("%s", (_, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });

  const twoOpen = edit(
    "traffic:\n",
    "traffic:\n  - name: api\n    open: { rate: 1 }\n  - name: batch\n    closed: { clients: 1, think: { constant: 1s } }\n",
  );

  it("wants a source for spikes, bursts and crons when several sources are open", () => {
    expect(problemsOf(`${twoOpen}events:\n  - { at: 1s, spike: { rate: 5, for: 1s } }\n`)).toEqual([
      "s.yaml:15:22: spike needs a source: there are several open-loop sources (api or web)",
    ]);
  });

  it("refuses an unknown or closed source", () => {
    expect(
      problemsOf(
        `${twoOpen}events:\n  - { at: 1s, burst: { source: apj, requests: 5 } }\n  - { at: 1s, cron: { source: batch, every: 1s, requests: 5 } }\n`,
      ),
    ).toEqual([
      's.yaml:15:32: unknown source "apj"; did you mean "api"?',
      's.yaml:16:31: "batch" is a closed-loop source; cron needs an open-loop one',
    ]);
  });

  it("checks restarted instances against app.instances", () => {
    expect(
      problemsOf(
        `${MINIMAL}app: { instances: 2 }\nevents:\n  - { at: 1s, restart: { instances: [0, 2] } }\n  - { at: 2s, restart: { instances: 3 } }\n`,
      ),
    ).toEqual([
      "s.yaml:12:41: no instance 2: app.instances is 2, so indices run from 0 to 1",
      "s.yaml:13:37: cannot restart 3 instances: app.instances is 2",
    ]);
  });
});

describe("expectations", () => {
  it("name known strategies and metric paths", () => {
    expect(
      problemsOf(
        `${MINIMAL}expect:\n  nave: { db.peakQps: { max: 1 } }\n  naive: { db.peakQPS: { max: 1 }, requests.bogus: { min: 0 } }\n`,
      ),
    ).toEqual([
      's.yaml:11:3: unknown strategy "nave"; did you mean "naive"?',
      's.yaml:12:12: unknown metric "db.peakQPS"; did you mean "db.peakQps"?',
      's.yaml:12:36: unknown metric "requests.bogus"',
    ]);
  });

  it("need a bound, and a sensible one", () => {
    expect(
      problemsOf(
        `${MINIMAL}expect:\n  naive: { db.peakQps: {}, db.queries: { min: 5, max: 1 } }\n`,
      ),
    ).toEqual([
      "s.yaml:11:24: expected min, max or both",
      "s.yaml:11:40: min (5) must not exceed max (1)",
    ]);
  });
});

describe("strategy overrides", () => {
  it("report a bad value at the override's line", () => {
    expect(
      problemsOf(
        `${MINIMAL}  fast:\n    db: { service: { constant: -1ms } }\n    client: { timeout: soon, retri: 1 }\n`,
      ),
    ).toEqual([
      's.yaml:11:32: durations cannot be negative, got "-1ms"',
      's.yaml:12:24: expected a duration such as 250ms, 60s, 5m or 1h, got "soon"',
      's.yaml:12:30: unknown key "retri"; did you mean "retry"?',
    ]);
  });

  it("report a key removed by null at the null", () => {
    expect(problemsOf(`${MINIMAL}  x:\n    cache: { ttl: null }\n`)).toEqual([
      's.yaml:11:19: missing required key "ttl"',
    ]);
  });

  it("report a problem in the shared part once, naming the strategy that brings it about", () => {
    expect(
      problemsOf(
        `${MINIMAL}  x:\n    app: { instances: 1 }\n    traffic: [{ name: web, open: { rate: 1 }, keys: { count: 1 } }]\nevents: [{ at: 1s, expire: [k3] }]\n`.replace(
          "open: { rate: 100 }",
          "open: { rate: 100 }\n    keys: { count: 5 }",
        ),
      ),
    ).toEqual(['s.yaml:14:29: no key k3: the only key is k0 (with the overrides of strategy "x")']);
  });

  it("do not repeat the base scenario's problems", () => {
    expect(
      problemsOf(`${edit("ttl: 10s", "ttl: 10 secs")}  x:\n    client: { timeout: 1s }\n`),
    ).toEqual(['s.yaml:5:15: expected a duration such as 250ms, 60s, 5m or 1h, got "10 secs"']);
  });
});

describe("several problems", () => {
  it("are all reported, in file order", () => {
    const text = `duration: 60
warmup: soon
traffic:
  - name: web
    open: { rate: -5 }
    color: blue
cache: { ttl: 10s }
db:
  service: { lognormal: { median: 10ms, p99: 5ms } }
strategies:
  naive: { coalescing: { lock: { poll: 1s } } }
expect:
  nobody: { db.peakQps: { max: 1 } }
`;
    expect(problemsOf(text)).toEqual([
      's.yaml:2:9: expected a duration such as 250ms, 60s, 5m or 1h, got "soon"',
      "s.yaml:5:19: expected a rate from 0 to 1,000,000,000 per second, got -5",
      's.yaml:6:5: unknown key "color"; expected name, keys, writes, open or closed',
      "s.yaml:9:46: p99 (5ms) must be greater than the median (10ms)",
      's.yaml:11:32: missing required key "ttl"',
      's.yaml:13:3: unknown strategy "nobody"; the strategies are naive',
    ]);
  });
});

describe("hostile or broken input", () => {
  it("refuses an alias bomb quickly", { timeout: 2000 }, () => {
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const lines = levels.map((level, i) => {
      const items = i === 0 ? '"lol"' : `*${levels[i - 1]}`;
      return `${level}: &${level} [${Array(9).fill(items).join(", ")}]`;
    });
    const problems = problemsOf(`${MINIMAL}${lines.join("\n")}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^s\.yaml:11:\d+: aliases expand this document too many times/);
  });

  it("accepts a few aliases", () => {
    const text = `${MINIMAL.replace("{ constant: 5ms }", "&fast { constant: 5ms }")}  x:\n    db: { writeService: *fast }\n`;
    expect(loadScenarioText(text, "s.yaml").configFor("x").db.writeService).toEqual({
      kind: "constant",
      valueMs: 5,
    });
  });

  it("refuses very deep nesting with a message, not a stack overflow", () => {
    for (const depth of [60, 100_000]) {
      const problems = problemsOf(`a: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^s\.yaml:1:\d+: nesting is deeper than 40 levels/);
    }
  });

  it.each([
    ["", "empty"],
    ["   \n\n", "blank"],
    ["# nothing but a comment\n", "comment only"],
  ])("refuses an empty file (%j: %s)", (text) => {
    expect(problemsOf(text)).toEqual([
      "s.yaml:1:1: the file is empty; expected a scenario with duration, traffic, cache, db and strategies",
    ]);
  });

  it("refuses a directory", () => {
    const dir = fileURLToPath(new URL("fixtures", import.meta.url));
    expect(() => loadScenarioFile(dir)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(dir)).toThrow(
      `${dir}:1:1: is a directory; expected a scenario YAML file`,
    );
  });

  it("refuses a missing file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "stampede-")), "nope.yaml");
    try {
      loadScenarioFile(file);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).problems).toEqual([
        { file, line: 1, col: 1, message: "no such file" },
      ]);
    }
  });

  it.each([
    "42",
    "null",
    "~",
    "[]",
    "{}",
    "strategies: 5",
    "traffic: {}\nstrategies: []",
    "a: *x",
    "? [a]\n: 1",
  ])("turns %j into problems", (text) => {
    expect(problemsOf(text).length).toBeGreaterThan(0);
  });

  it("never lets anything but a ScenarioError escape", () => {
    const yamlish = fc.stringMatching(/^[a-z0-9:{}[\]&*!|>\-,.'"# \n]{0,60}$/);
    const mutated = fc
      .tuple(fc.nat(MINIMAL.length), fc.nat(MINIMAL.length), yamlish)
      .map(
        ([a, b, insert]) =>
          MINIMAL.slice(0, Math.min(a, b)) + insert + MINIMAL.slice(Math.max(a, b)),
      );
    fc.assert(
      fc.property(fc.oneof(yamlish, mutated), (text) => {
        try {
          loadScenarioText(text, "s.yaml");
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
