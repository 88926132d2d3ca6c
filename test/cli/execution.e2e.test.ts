/**
 * End to end on the real binary: --jobs and --shard never change the output, merge restores it
 * exactly, and a stopped command (Ctrl-C, --max-wall) writes nothing. Needs `npm run build`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runBinary } from "./binary.js";

const TINY = "test/cli/fixtures/tiny.yaml";
const FAILING = "test/cli/fixtures/failing.yaml";
/** Long enough (20 replications of 9 strategies) to be stopped while it runs. */
const LONG = "scenarios/homepage.yaml";
const LONG_RUNS = ["--replications", "20"];
const STACK_LINE = /^\s+at /m;
const TIMEOUT_MS = 120_000;

const cli = (...args: string[]) => runBinary(args, TIMEOUT_MS);

/** Starts the binary, sends SIGINT after `afterMs`, and resolves with what it did. */
function interrupted(args: string[], afterMs: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["bin/stampede-sim.js", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGINT"), afterMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "stampede-exec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parallel and sharded runs (built binary)", { timeout: TIMEOUT_MS }, () => {
  it("--jobs 2 prints byte-identical output to --jobs 1", () => {
    const one = cli("run", TINY, "--format", "json", "--jobs", "1");
    const two = cli("run", TINY, "--format", "json", "--jobs", "2");
    expect(one.code).toBe(0);
    expect(two).toEqual(one);
  });

  it("three shards merged in any order give exactly the unsharded output", () => {
    const whole = cli("run", TINY, "--format", "md");
    const parts = [1, 2, 3].map((i) => {
      const file = join(dir, `run-${i}.json`);
      const shard = cli("run", TINY, "--format", "md", "--shard", `${i}/3`, "--out", file);
      expect(shard.code).toBe(0);
      expect(shard.stdout).toBe("");
      return file;
    });
    const merged = cli("merge", parts[2] as string, parts[0] as string, parts[1] as string);
    expect(merged.stderr).toBe("");
    expect(merged).toEqual({ ...whole, stderr: "" });
  });

  it("sharded reports merge into the same files, and --check keeps its exit code", () => {
    const wholeDir = join(dir, "whole");
    const mergedDir = join(dir, "merged");
    const whole = cli("report", TINY, FAILING, "--out-dir", wholeDir, "--check");
    expect(whole.code).toBe(1);
    const parts = [1, 2].map((i) => {
      const file = join(dir, `report-${i}.json`);
      const args = [
        "report",
        TINY,
        FAILING,
        "--out-dir",
        mergedDir,
        "--check",
        "--shard",
        `${i}/2`,
      ];
      expect(cli(...args, "--out", file).code).toBe(0);
      return file;
    });
    // The shards wrote no report: only the merge does.
    expect(readdirSync(dir)).not.toContain("merged");
    const merged = cli("merge", ...parts);
    expect(merged.code).toBe(1);
    for (const file of readdirSync(wholeDir)) {
      expect(readFileSync(join(mergedDir, file), "utf8")).toBe(
        readFileSync(join(wholeDir, file), "utf8"),
      );
    }
  });

  it("a sharded sweep merges into exactly the unsharded sweep", () => {
    const args = ["sweep", TINY, "--param", "traffic[0].open.rate", "--values", "100,200,300"];
    const whole = cli(...args, "--replications", "2", "--format", "csv");
    expect(whole.code).toBe(0);
    const parts = [1, 2].map((i) => {
      const file = join(dir, `sweep-${i}.json`);
      const shard = ["--shard", `${i}/2`, "--out", file, "--jobs", String(i)];
      expect(cli(...args, "--replications", "2", "--format", "csv", ...shard).code).toBe(0);
      return file;
    });
    expect(cli("merge", ...parts)).toEqual({ ...whole, stderr: "" });
  });

  it("merge refuses an incomplete set of parts: exit 2, no stack", () => {
    const file = join(dir, "lonely.json");
    expect(cli("run", TINY, "--shard", "1/2", "--out", file).code).toBe(0);
    const merged = cli("merge", file);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toBe("error: shard 2/2 missing; merge needs every part\n");
    expect(merged.stderr).not.toMatch(STACK_LINE);
  });
});

describe("stopping a run (built binary)", { timeout: TIMEOUT_MS }, () => {
  it("Ctrl-C stops cleanly with exit 130 and leaves the --out file as it was", async () => {
    for (const jobs of ["1", "2"]) {
      const out = join(dir, `kept-${jobs}.json`);
      writeFileSync(out, "earlier result\n");
      const run = await interrupted(
        ["run", LONG, ...LONG_RUNS, "--out", out, "--jobs", jobs],
        1500,
      );
      expect(run.code).toBe(130);
      expect(run.stderr).toMatch(
        /^interrupted; \d+ of 180 simulations had finished; nothing was written\n$/,
      );
      expect(readFileSync(out, "utf8")).toBe("earlier result\n");
      expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
    }
  });

  it("an interrupted report leaves the earlier reports untouched", async () => {
    const reports = join(dir, "reports");
    expect(cli("report", TINY, "--out-dir", reports).code).toBe(0);
    const before = readFileSync(join(reports, "README.md"), "utf8");
    const run = await interrupted(["report", TINY, LONG, ...LONG_RUNS, "--out-dir", reports], 1500);
    expect(run.code).toBe(130);
    expect(readdirSync(reports).sort()).toEqual(["README.md", "tiny.md"]);
    expect(readFileSync(join(reports, "README.md"), "utf8")).toBe(before);
  });

  it("--max-wall stops the command with exit 2 and writes nothing", () => {
    const out = join(dir, "wall.json");
    const run = cli("run", LONG, ...LONG_RUNS, "--max-wall", "300ms", "--out", out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: stopped at the --max-wall limit; \d+ of 180 simulations had finished; nothing was written\n$/,
    );
    expect(readdirSync(dir)).not.toContain("wall.json");
  });

  it("a run too big to start is refused at once with its estimate and the flag that allows it", () => {
    const run = cli("run", LONG, "--max-events", "1000");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^error: homepage: strategy "naive" \(seed 42\): about 1\.5e6 requests, at least 3\.0e6 events .*; to run it anyway pass --max-events 6\.0e6\n$/,
    );
  });
});
