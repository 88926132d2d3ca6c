/**
 * End to end: the real binary (bin/stampede-sim.js → dist/) on real scenario files. Needs
 * `npm run build` first; nothing here builds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TINY = "test/cli/fixtures/tiny.yaml";
const FAILING = "test/cli/fixtures/failing.yaml";
const BROKEN = "test/cli/fixtures/broken.yaml";
const STACK_LINE = /^\s+at /m;
const TIMEOUT_MS = 60_000;

function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const done = spawnSync(process.execPath, ["bin/stampede-sim.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env,
    timeout: TIMEOUT_MS,
  });
  return { code: done.status, stdout: done.stdout, stderr: done.stderr };
}

const outDir = mkdtempSync(join(tmpdir(), "stampede-e2e-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("stampede-sim (built binary)", { timeout: TIMEOUT_MS }, () => {
  it("--version prints the package version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(cli("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("validate says ok for good files", () => {
    const { code, stdout } = cli("validate", TINY, FAILING);
    expect(code).toBe(0);
    expect(stdout).toBe(`ok  ${TINY} (2 strategies)\nok  ${FAILING} (1 strategy)\n`);
  });

  it("validate reports file:line:col problems, without a stack, and exits 2", () => {
    const { code, stdout, stderr } = cli("validate", BROKEN);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(new RegExp(`^${BROKEN}:8:3: unknown key "tll"`, "m"));
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it("run prints the comparison without colour when stdout is not a terminal", () => {
    const { code, stdout, stderr } = cli("run", TINY);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("│ naive ");
    expect(stdout).toContain("│ single-flight ");
    expect(stdout).toContain("DB queries per second");
    expect(stdout).toContain("Expectations: 1 of 1 passed");
    expect(stdout).not.toContain("\x1b[");
  });

  it("run --format json is valid, complete and byte-identical across runs", () => {
    const first = cli("run", TINY, "--format", "json");
    const second = cli("run", TINY, "--format", "json");
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const result = JSON.parse(first.stdout);
    expect(result.seed).toBe(7);
    expect(result.scenario).toMatchObject({ name: "tiny", durationMs: 20_000, warmupMs: 2000 });
    expect(result.strategies.map((s: { name: string }) => s.name)).toEqual([
      "naive",
      "single-flight",
    ]);
    const [naive, singleFlight] = result.strategies;
    expect(naive.series.t[0]).toBe(2000);
    expect(naive.series.dbQps).toHaveLength(18);
    expect(singleFlight.metrics.db.loadsPerRefresh.max).toBeLessThanOrEqual(
      naive.metrics.db.loadsPerRefresh.max,
    );
  });

  it("run --seed changes the seed of the result", () => {
    const { code, stdout } = cli("run", TINY, "--seed", "8", "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).seed).toBe(8);
  });

  it("run --check exits 0 when expectations hold and 1 naming the failure when not", () => {
    expect(cli("run", TINY, "--check").code).toBe(0);
    const failed = cli("run", FAILING, "--check");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /^check failed: 1 expectation failed\n {2}failing: naive: db\.queries = \d+, expected <= 0\n$/,
    );
  });

  it("run --out writes the file atomically and prints nothing", () => {
    const out = join(outDir, "tiny.md");
    const { code, stdout } = cli("run", TINY, "--format", "md", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(readFileSync(out, "utf8")).toMatch(/^# tiny\n/);
    expect(readdirSync(outDir)).toEqual(["tiny.md"]);
  });

  it("bad usage exits 2 with a message and no stack", () => {
    for (const args of [
      ["run", TINY, "--seed", "abc"],
      ["run", TINY, "--strategies", "nope"],
      ["run", TINY, "--format", "xml"],
      ["run", "test/cli/fixtures/missing.yaml"],
      ["frobnicate"],
    ]) {
      const { code, stdout, stderr } = cli(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stdout, args.join(" ")).toBe("");
      expect(stderr, args.join(" ")).not.toMatch(STACK_LINE);
      expect(stderr.length, args.join(" ")).toBeGreaterThan(0);
    }
  });

  it("schema prints a JSON Schema", () => {
    const { code, stdout } = cli("schema");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty("properties.strategies");
  });
});
