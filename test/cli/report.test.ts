import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, parse, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { displayPath } from "../../src/cli/report.js";
import { ScenarioError } from "../../src/scenario/errors.js";
import type { LoadedScenario } from "../../src/scenario/load.js";
import { fakeDeps, fakeScenario, runCli } from "./helpers.js";

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stampede-report-"));
  out = join(dir, "out");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Each file loads as a scenario named after it (homepage.yaml → homepage). */
function byFileName(over: Partial<LoadedScenario> = {}) {
  return (file: string) => fakeScenario({ file, name: parse(file).name, ...over });
}

function readAll(path: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(path)
      .sort()
      .map((name) => [name, readFileSync(join(path, name), "utf8")]),
  );
}

describe("report", () => {
  it("writes one markdown report per scenario and an index, with progress on stderr", async () => {
    const deps = fakeDeps(byFileName());
    const { code, stdout, stderr } = await runCli(
      ["report", "homepage.yaml", "checkout.yaml", "--out-dir", out],
      deps,
    );
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(["README.md", "checkout.md", "homepage.md"]);

    const report = readFileSync(join(out, "homepage.md"), "utf8");
    expect(report).toMatch(/^# homepage\n/);
    expect(report).toContain("Scenario `homepage.yaml`, seed 42");
    expect(report).toContain("**Summary:** single-flight kept peak DB QPS lowest");
    expect(report).toContain("| strategy | requests |");
    expect(report).toContain("```mermaid\n");
    expect(report).toContain("xychart-beta");
    expect(report).toContain("2 of 2 passed.");

    const index = readFileSync(join(out, "README.md"), "utf8");
    expect(index).toMatch(/^# Scenario reports\n/);
    expect(index).toContain("2 scenarios; 4 of 4 expectations passed.");
    const rows = index.split("\n").filter((line) => line.startsWith("| ["));
    expect(rows).toEqual([
      "| [homepage](homepage.md) | 2 | single-flight kept peak DB QPS lowest (38/s vs 9,800/s for naive); no strategy failed a request. | ✅ 2/2 |",
      "| [checkout](checkout.md) | 2 | single-flight kept peak DB QPS lowest (38/s vs 9,800/s for naive); no strategy failed a request. | ✅ 2/2 |",
    ]);

    expect(stderr).toBe(
      [
        "report: 2 scenarios, 4 simulations",
        `report: homepage: 2 strategies, 2/2 expectations → ${join(out, "homepage.md")}`,
        `report: checkout: 2 strategies, 2/2 expectations → ${join(out, "checkout.md")}`,
        `report: 2 reports indexed in ${join(out, "README.md")}`,
        "",
      ].join("\n"),
    );
  });

  it("leaves no temporary files and is byte-identical on a second run", async () => {
    const args = ["report", "homepage.yaml", "checkout.yaml", "--out-dir", out];
    expect((await runCli(args, fakeDeps(byFileName()))).code).toBe(0);
    const first = readAll(out);
    expect(Object.keys(first)).toEqual(["README.md", "checkout.md", "homepage.md"]);
    expect((await runCli(args, fakeDeps(byFileName()))).code).toBe(0);
    expect(readAll(out)).toEqual(first);
    // Nothing in the output depends on where it was written.
    const elsewhere = join(dir, "elsewhere");
    expect(
      (await runCli([...args.slice(0, 3), "--out-dir", elsewhere], fakeDeps(byFileName()))).code,
    ).toBe(0);
    expect(readAll(elsewhere)).toEqual(first);
  });

  it("creates missing output directories", async () => {
    const nested = join(dir, "a", "b");
    const { code } = await runCli(
      ["report", "homepage.yaml", "--out-dir", nested],
      fakeDeps(byFileName()),
    );
    expect(code).toBe(0);
    expect(readdirSync(nested).sort()).toEqual(["README.md", "homepage.md"]);
  });

  it("a directory stands for its *.yaml and *.yml files, sorted by name", async () => {
    const scenarios = join(dir, "scenarios");
    mkdirSync(join(scenarios, "nested.yaml"), { recursive: true });
    for (const name of ["zeta.yaml", "alpha.yml", "mid.yaml", "notes.txt", "README.md"]) {
      writeFileSync(join(scenarios, name), "");
    }
    const deps = fakeDeps(byFileName());
    const { code } = await runCli(["report", `${scenarios}/`, "--out-dir", out], deps);
    expect(code).toBe(0);
    const shown = relative(process.cwd(), scenarios).split("\\").join("/");
    expect(deps.loadedFiles).toEqual(
      ["alpha.yml", "mid.yaml", "zeta.yaml"].map((name) => `${shown}/${name}`),
    );
    expect(readdirSync(out).sort()).toEqual(["README.md", "alpha.md", "mid.md", "zeta.md"]);
    const index = readFileSync(join(out, "README.md"), "utf8");
    expect(index.indexOf("[alpha]")).toBeLessThan(index.indexOf("[mid]"));
    expect(index.indexOf("[mid]")).toBeLessThan(index.indexOf("[zeta]"));
    // The path in each report is the relative one, not the absolute path of the temp dir.
    expect(readFileSync(join(out, "mid.md"), "utf8")).toContain(`Scenario \`${shown}/mid.yaml\``);
    expect(readFileSync(join(out, "mid.md"), "utf8")).not.toContain(`\`${dir}`);
  });

  it("a file named twice, or once directly and once through its directory, is reported once", async () => {
    const scenarios = join(dir, "s");
    mkdirSync(scenarios);
    writeFileSync(join(scenarios, "a.yaml"), "");
    const deps = fakeDeps(byFileName());
    const { code } = await runCli(
      ["report", join(scenarios, "a.yaml"), scenarios, "--out-dir", out],
      deps,
    );
    expect(code).toBe(0);
    expect(deps.loadedFiles).toHaveLength(1);
  });

  it("an empty directory is exit 2 and writes nothing", async () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const { code, stderr } = await runCli(
      ["report", empty, "--out-dir", out],
      fakeDeps(byFileName()),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`error: no scenario files (*.yaml, *.yml) in ${empty}\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("--seed replaces every scenario's seed and the index says so", async () => {
    const deps = fakeDeps(byFileName());
    const { code } = await runCli(
      ["report", "a.yaml", "b.yaml", "--seed", "9", "--out-dir", out],
      deps,
    );
    expect(code).toBe(0);
    expect(deps.seen.map((c) => c.seed)).toEqual([9, 9, 9, 9]);
    expect(readFileSync(join(out, "a.md"), "utf8")).toContain("seed 9,");
    expect(readFileSync(join(out, "README.md"), "utf8")).toContain(
      "Every scenario ran with seed 9.",
    );
  });

  it("links a report whose name holds spaces or parentheses so the link still works", async () => {
    const deps = fakeDeps((file) => fakeScenario({ file, name: "cold start (v2)" }));
    const { code } = await runCli(["report", "x.yaml", "--out-dir", out], deps);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["README.md", "cold start (v2).md"]);
    expect(readFileSync(join(out, "README.md"), "utf8")).toContain(
      "| [cold start (v2)](cold%20start%20%28v2%29.md) |",
    );
  });

  it("notes on stderr a strategy that overrides traffic", async () => {
    const deps = fakeDeps(byFileName({ trafficOverridden: (s) => s === "single-flight" }));
    const { code, stderr } = await runCli(["report", "a.yaml", "--out-dir", out], deps);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^note: a: strategy "single-flight" overrides traffic/m);
  });
});

describe("report --check", () => {
  const failingNaive = byFileName({ expect: { naive: { "db.peakQps": { max: 100 } } } });

  it("exits 1 naming scenario, strategy, metric, bound and actual for each failure", async () => {
    const deps = fakeDeps((file) =>
      file === "checkout.yaml" ? failingNaive(file) : byFileName()(file),
    );
    const { code, stdout, stderr } = await runCli(
      ["report", "homepage.yaml", "checkout.yaml", "--out-dir", out, "--check"],
      deps,
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /\ncheck failed: 1 expectation failed\n {2}checkout: naive: db\.peakQps = 9800, expected <= 100\n$/,
    );
    // The reports are still written: they show what failed.
    expect(readdirSync(out).sort()).toEqual(["README.md", "checkout.md", "homepage.md"]);
    const index = readFileSync(join(out, "README.md"), "utf8");
    expect(index).toContain("2 scenarios; 2 of 3 expectations passed.");
    expect(index).toMatch(/^\| \[checkout\]\(checkout\.md\) \|.*\| ❌ 0\/1 \|$/m);
    expect(readFileSync(join(out, "checkout.md"), "utf8")).toContain("❌ FAIL");
  });

  it("without --check a failure is a warning and the exit code stays 0", async () => {
    const { code, stderr } = await runCli(
      ["report", "x.yaml", "--out-dir", out],
      fakeDeps(failingNaive),
    );
    expect(code).toBe(0);
    expect(stderr).toContain(
      "warning: 1 expectation failed\n  x: naive: db.peakQps = 9800, expected <= 100\n",
    );
  });

  it("exits 0 when every expectation holds", async () => {
    const { code, stderr } = await runCli(
      ["report", "x.yaml", "--out-dir", out, "--check"],
      fakeDeps(byFileName()),
    );
    expect(code).toBe(0);
    expect(stderr).not.toContain("failed");
  });
});

describe("report with bad input writes nothing", () => {
  it("an invalid scenario is exit 2 with file:line:col, and no report is made for any", async () => {
    const deps = fakeDeps((file) => {
      if (file === "bad.yaml") {
        throw new ScenarioError([
          { file, line: 8, col: 3, message: 'unknown key "tll"; did you mean "ttl"?' },
        ]);
      }
      return byFileName()(file);
    });
    const { code, stdout, stderr } = await runCli(
      ["report", "good.yaml", "bad.yaml", "other.yaml", "--out-dir", out],
      deps,
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'bad.yaml:8:3: unknown key "tll"; did you mean "ttl"?\n' +
        "report: nothing written: every scenario must load before any report is made\n",
    );
    // Every file was checked, none was run, and the output directory was not even created.
    expect(deps.loadedFiles).toEqual(["good.yaml", "bad.yaml", "other.yaml"]);
    expect(deps.seen).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("leaves an existing output directory untouched", async () => {
    mkdirSync(out);
    writeFileSync(join(out, "README.md"), "old index\n");
    const deps = fakeDeps((file) => {
      throw new ScenarioError([{ file, line: 1, col: 1, message: "expected a mapping" }]);
    });
    const { code } = await runCli(["report", "bad.yaml", "--out-dir", out], deps);
    expect(code).toBe(2);
    expect(readAll(out)).toEqual({ "README.md": "old index\n" });
  });

  it("a missing file is exit 2 without a stack", async () => {
    const deps = fakeDeps((file) => {
      const err: NodeJS.ErrnoException = new Error(`ENOENT: no such file, open '${file}'`);
      Object.assign(err, { code: "ENOENT", syscall: "open", path: file });
      throw err;
    });
    const { code, stderr } = await runCli(["report", "missing.yaml", "--out-dir", out], deps);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: cannot read missing\.yaml: no such file\n/);
    expect(existsSync(out)).toBe(false);
  });

  it("two scenarios with the same name (whatever the case) would overwrite each other: exit 2", async () => {
    const deps = fakeDeps((file) =>
      fakeScenario({ file, name: file.startsWith("a") ? "Hot" : "hot" }),
    );
    const { code, stderr } = await runCli(["report", "a.yaml", "b.yaml", "--out-dir", out], deps);
    expect(code).toBe(2);
    expect(stderr).toContain("error: a.yaml and b.yaml would both be reported as hot.md");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["a/b", "a character a file name cannot"],
    [".hidden", "starts with a dot"],
    ["README", "README.md is the index"],
    ["readme", "README.md is the index"],
  ])("a scenario named %j cannot name its report: exit 2", async (name, why) => {
    const deps = fakeDeps((file) => fakeScenario({ file, name }));
    const { code, stderr } = await runCli(["report", "x.yaml", "--out-dir", out], deps);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: x.yaml: scenario name "${name}" cannot name its report file`);
    expect(stderr).toContain(why);
    expect(existsSync(out)).toBe(false);
  });

  it("no scenario argument is a usage error", async () => {
    const { code } = await runCli(["report"], fakeDeps());
    expect(code).toBe(2);
  });
});

describe("displayPath", () => {
  it("keeps relative paths, tidied, with / separators", () => {
    expect(displayPath("scenarios/homepage.yaml")).toBe("scenarios/homepage.yaml");
    expect(displayPath("./scenarios//homepage.yaml")).toBe("scenarios/homepage.yaml");
    expect(displayPath("scenarios/")).toBe("scenarios/");
  });

  it("makes absolute paths relative to the working directory", () => {
    expect(displayPath("/work/main/scenarios/a.yaml", "/work/main")).toBe("scenarios/a.yaml");
    expect(displayPath("/tmp/x/a.yaml", "/work/main")).toBe("../../tmp/x/a.yaml");
    expect(displayPath("/work/main", "/work/main")).toBe(".");
  });
});
