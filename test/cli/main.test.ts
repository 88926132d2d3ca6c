import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/scenario/errors.js";
import { fakeDeps, fakeScenario, runCli } from "./helpers.js";

const STACK_LINE = /^\s+at /m;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stampede-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("run", () => {
  it("prints the tables, chart, summary and expectations and exits 0", async () => {
    const { code, stdout, stderr } = await runCli(["run", "homepage.yaml"], fakeDeps());
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("Requests and latency");
    expect(stdout).toContain("Cache and database");
    expect(stdout).toContain("DB queries per second");
    expect(stdout).toMatch(/single-flight kept peak DB QPS lowest \(38\/s vs 9,800\/s for naive\)/);
    expect(stdout).toContain("Expectations: 2 of 2 passed");
    expect(stdout).not.toContain("\x1b[");
  });

  it("--format json prints parseable JSON with every strategy and the seed", async () => {
    const deps = fakeDeps();
    const { code, stdout } = await runCli(["run", "x.yaml", "--format", "json"], deps);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.seed).toBe(42);
    expect(parsed.scenario.name).toBe("homepage");
    expect(parsed.strategies.map((s: { name: string }) => s.name)).toEqual([
      "naive",
      "single-flight",
    ]);
    expect(stdout.endsWith("}\n")).toBe(true);
  });

  it("--seed replaces the scenario's seed for every strategy", async () => {
    const deps = fakeDeps();
    const { code, stdout } = await runCli(
      ["run", "x.yaml", "--seed", "7", "--format", "json"],
      deps,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).seed).toBe(7);
    expect(deps.seen.map((c) => c.seed)).toEqual([7, 7]);
  });

  it("--strategies runs only those, in file order, and reports the rest as skipped", async () => {
    const deps = fakeScenario({ strategyNames: ["naive", "lock", "single-flight"] });
    const fake = fakeDeps(deps);
    const { code, stdout } = await runCli(
      ["run", "x.yaml", "--strategies", "single-flight,naive", "--format", "json"],
      fake,
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.strategies.map((s: { name: string }) => s.name)).toEqual([
      "naive",
      "single-flight",
    ]);
    expect(parsed.skipped).toEqual(["lock"]);
  });

  it("an unknown strategy is a usage error listing the valid ones", async () => {
    const { code, stdout, stderr } = await runCli(
      ["run", "x.yaml", "--strategies", "naive,nope"],
      fakeDeps(),
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'error: unknown strategy "nope"; scenario "homepage" has: naive, single-flight\n',
    );
  });

  it.each([["abc"], ["12abc"], ["1e3"], ["-1"], ["1.5"], [""], ["99999999999999999999"]])(
    "--seed %j is a usage error without a stack",
    async (seed) => {
      const { code, stdout, stderr } = await runCli(["run", "x.yaml", "--seed", seed], fakeDeps());
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("--seed");
      expect(stderr).not.toMatch(STACK_LINE);
    },
  );

  it("an unknown --format is a usage error", async () => {
    const { code, stderr } = await runCli(["run", "x.yaml", "--format", "xml"], fakeDeps());
    expect(code).toBe(2);
    expect(stderr).toContain("xml");
    expect(stderr).toContain("table, json, md, csv");
  });

  it("--series outside --format csv is a usage error", async () => {
    const { code, stderr } = await runCli(["run", "x.yaml", "--series"], fakeDeps());
    expect(code).toBe(2);
    expect(stderr).toBe("error: --series only applies to --format csv\n");
  });

  it("--format csv prints one row per strategy; with --series the long series CSV", async () => {
    const metrics = await runCli(["run", "x.yaml", "--format", "csv"], fakeDeps());
    expect(metrics.code).toBe(0);
    const lines = metrics.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^strategy,requests\.total,/);
    const long = await runCli(["run", "x.yaml", "--format", "csv", "--series"], fakeDeps());
    expect(long.stdout.split("\n")[0]).toBe(
      "strategy,t,requests,ok,errors,dbQps,cacheMisses,p99LatencyMs,dbInFlight",
    );
    expect(long.stdout.trimEnd().split("\n")).toHaveLength(1 + 2 * 5);
  });

  it("--format md prints a markdown report with a mermaid chart", async () => {
    const { code, stdout } = await runCli(["run", "x.yaml", "--format", "md"], fakeDeps());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# homepage\n/);
    expect(stdout).toContain("xychart-beta");
  });

  it("colours only on a TTY without NO_COLOR", async () => {
    const tty = await runCli(["run", "x.yaml"], fakeDeps(), { isTTY: true });
    expect(tty.stdout).toContain("\x1b[");
    const noColor = await runCli(["run", "x.yaml"], fakeDeps(), {
      isTTY: true,
      env: { NO_COLOR: "1" },
    });
    expect(noColor.stdout).not.toContain("\x1b[");
    const pipe = await runCli(["run", "x.yaml"], fakeDeps(), { isTTY: false });
    expect(pipe.stdout).not.toContain("\x1b[");
  });

  it("says on stderr when a strategy overrides traffic", async () => {
    const scenario = fakeScenario({ trafficOverridden: (s) => s === "single-flight" });
    const { code, stderr } = await runCli(["run", "x.yaml"], fakeDeps(scenario));
    expect(code).toBe(0);
    expect(stderr).toContain('strategy "single-flight" overrides traffic');
  });
});

describe("run --check", () => {
  const failing = fakeScenario({
    expect: {
      naive: { "db.peakQps": { max: 100 } },
      "single-flight": { "db.peakQps": { max: 40 } },
    },
  });

  it("exits 0 when every expectation holds", async () => {
    const { code, stderr } = await runCli(["run", "x.yaml", "--check"], fakeDeps());
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });

  it("exits 1 naming scenario, strategy, metric, bound and actual when one fails", async () => {
    const { code, stdout, stderr } = await runCli(["run", "x.yaml", "--check"], fakeDeps(failing));
    expect(code).toBe(1);
    expect(stdout).toContain("FAIL  naive");
    expect(stderr).toBe(
      "check failed: 1 expectation failed\n  homepage: naive: db.peakQps = 9800, expected <= 100\n",
    );
  });

  it("without --check a failed expectation is shown but the exit code stays 0", async () => {
    const table = await runCli(["run", "x.yaml"], fakeDeps(failing));
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Expectations: 1 of 2 passed");
    const json = await runCli(["run", "x.yaml", "--format", "json"], fakeDeps(failing));
    expect(json.code).toBe(0);
    expect(json.stderr).toContain("warning: 1 expectation failed");
  });
});

describe("run --out", () => {
  it("writes the output to the file, prints nothing to stdout and leaves no temp file", async () => {
    const out = join(dir, "result.json");
    const { code, stdout } = await runCli(
      ["run", "x.yaml", "--format", "json", "--out", out],
      fakeDeps(),
    );
    expect(code).toBe(0);
    expect(stdout).toBe("");
    const direct = await runCli(["run", "x.yaml", "--format", "json"], fakeDeps());
    expect(readFileSync(out, "utf8")).toBe(direct.stdout);
    expect(readdirSync(dir)).toEqual(["result.json"]);
  });

  it("replaces an existing file whole", async () => {
    const out = join(dir, "result.md");
    writeFileSync(out, "old contents that are much longer than nothing at all\n".repeat(1000));
    const { code } = await runCli(["run", "x.yaml", "--format", "md", "--out", out], fakeDeps());
    expect(code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^# homepage\n/);
    expect(readdirSync(dir)).toEqual(["result.md"]);
  });

  it("a file that cannot be written is exit 2, with no temp file left behind", async () => {
    const target = join(dir, "taken");
    mkdirSync(join(target, "not-empty"), { recursive: true });
    const { code, stdout, stderr } = await runCli(["run", "x.yaml", "--out", target], fakeDeps());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: cannot write .*taken: /);
    expect(readdirSync(dir)).toEqual(["taken"]);
  });

  it("a missing directory is exit 2", async () => {
    const { code, stderr } = await runCli(
      ["run", "x.yaml", "--out", join(dir, "nope", "r.json")],
      fakeDeps(),
    );
    expect(code).toBe(2);
    expect(stderr).toContain("its directory does not exist");
  });
});

describe("errors", () => {
  it("a ScenarioError prints file:line:col lines and exits 2", async () => {
    const deps = fakeDeps(() => {
      throw new ScenarioError([
        { file: "bad.yaml", line: 3, col: 5, message: "unknown key 'tll'; did you mean 'ttl'?" },
        { file: "bad.yaml", line: 9, col: 1, message: "duration must be positive" },
      ]);
    });
    const { code, stdout, stderr } = await runCli(["run", "bad.yaml"], deps);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "bad.yaml:3:5: unknown key 'tll'; did you mean 'ttl'?\nbad.yaml:9:1: duration must be positive\n",
    );
  });

  it("anything else is a bug: labelled, with its stack, exit 70", async () => {
    const deps = fakeDeps(fakeScenario(), () => {
      throw new TypeError("cannot read properties of undefined");
    });
    const { code, stderr } = await runCli(["run", "x.yaml"], deps);
    expect(code).toBe(70);
    expect(stderr).toMatch(
      /^internal error \(this is a bug in stampede-sim\):\nTypeError: cannot read/,
    );
    expect(stderr).toMatch(STACK_LINE);
  });

  it("an unknown command is exit 2", async () => {
    const { code, stderr } = await runCli(["rnu", "x.yaml"], fakeDeps());
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'rnu'");
    expect(stderr).toContain("Did you mean run?");
  });

  it("an unknown option is exit 2", async () => {
    const { code, stderr } = await runCli(["run", "x.yaml", "--sed", "1"], fakeDeps());
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--sed'");
  });

  it("a missing argument is exit 2", async () => {
    const { code, stderr } = await runCli(["run"], fakeDeps());
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'scenario'");
  });

  it("no command at all prints usage on stderr and exits 2", async () => {
    const { code, stdout, stderr } = await runCli([], fakeDeps());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Usage: stampede-sim");
  });
});

describe("help and version", () => {
  it.each([[["--help"]], [["run", "--help"]], [["help", "run"]]])(
    "%j prints usage on stdout and exits 0",
    async (argv) => {
      const { code, stdout, stderr } = await runCli(argv, fakeDeps());
      expect(code).toBe(0);
      expect(stderr).toBe("");
      expect(stdout).toContain("Usage: stampede-sim");
    },
  );

  it("--version prints the package version and exits 0", async () => {
    const { version } = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    );
    const { code, stdout } = await runCli(["--version"], fakeDeps());
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});

describe("validate", () => {
  it("prints ok with the strategy count for each good file", async () => {
    const deps = fakeDeps();
    const { code, stdout } = await runCli(["validate", "a.yaml", "b.yaml"], deps);
    expect(code).toBe(0);
    expect(stdout).toBe("ok  a.yaml (2 strategies)\nok  b.yaml (2 strategies)\n");
    expect(deps.loadedFiles).toEqual(["a.yaml", "b.yaml"]);
  });

  it("checks every file and exits 2 with every problem of the bad ones", async () => {
    const deps = fakeDeps((file) => {
      if (file === "good.yaml") return fakeScenario({ file, strategyNames: ["naive"] });
      throw new ScenarioError([
        { file, line: 1, col: 1, message: "first problem" },
        { file, line: 2, col: 3, message: "second problem" },
      ]);
    });
    const { code, stdout, stderr } = await runCli(
      ["validate", "bad.yaml", "good.yaml", "worse.yaml"],
      deps,
    );
    expect(code).toBe(2);
    expect(stdout).toBe("ok  good.yaml (1 strategy)\n");
    expect(stderr).toBe(
      "bad.yaml:1:1: first problem\nbad.yaml:2:3: second problem\n" +
        "worse.yaml:1:1: first problem\nworse.yaml:2:3: second problem\n",
    );
  });
});

describe("schema", () => {
  it("prints the JSON Schema with a 2-space indent", async () => {
    const { code, stdout } = await runCli(["schema"], fakeDeps());
    expect(code).toBe(0);
    expect(stdout).toBe(
      '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object"\n}\n',
    );
  });
});
