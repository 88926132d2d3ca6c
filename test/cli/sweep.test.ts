import { describe, expect, it } from "vitest";
import { realDeps } from "../../src/cli/realDeps.js";
import { runCli } from "./helpers.js";

const TINY = "test/cli/fixtures/tiny.yaml";
const STACK_LINE = /^\s+at /m;
/** In this thread: the sweeps here are small, and workers would need the built files. */
const sweep = (...args: string[]) => runCli(["sweep", TINY, "--jobs", "1", ...args], realDeps);

describe("sweep", { timeout: 60_000 }, () => {
  it("runs every strategy at every value and prints one row per value", async () => {
    const { code, stdout, stderr } = await sweep(
      "--param",
      "traffic[0].open.rate",
      "--values",
      "100,400",
      "--format",
      "json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.points.map((p: { value: number }) => p.value)).toEqual([100, 400]);
    expect(result.strategies).toEqual(["naive", "single-flight"]);
    // Four times the traffic stampedes the DB harder without coalescing.
    const peak = (i: number, s: number) =>
      result.points[i].strategies[s].metrics["db.peakQps"].mean;
    expect(peak(1, 0)).toBeGreaterThan(peak(0, 0));
    expect(peak(1, 1)).toBeLessThan(peak(1, 0));
  });

  it("--find names, per strategy, the largest value for which the condition holds", async () => {
    const { code, stdout } = await sweep(
      "--param",
      "db.servers",
      "--range",
      "1:50:1",
      "--find",
      "db.loadsPerRefresh.max <= 4",
    );
    expect(code).toBe(0);
    // Single-flight keeps one load per instance (4) whatever the pool; naive never does.
    expect(stdout).toContain(
      "naive fails even at 1 (the lowest tested); single-flight up to 50 (the highest tested).",
    );
  });

  it.each([
    [["--param", "db.servers"], /exactly one of --values a,b,c and --range from:to:step/],
    [["--param", "db.servers", "--values", "1", "--range", "1:2:1"], /exactly one of/],
    [["--param", "db.servers", "--range", "5:1:1"], /"to" is below "from"/],
    [["--param", "db.servers", "--values", "-3"], /with db\.servers = -3: /],
    [["--param", "db.servers", "--values", "2", "--find", "db.peakQps <", "--jobs", "1"], /column/],
    [
      ["--param", "db.servers", "--values", "2", "--find", "db.peakQps < 5", "--shard", "1/2"],
      /cannot be sharded/,
    ],
  ])("%j is exit 2 with a clear message and no stack", async (args, message) => {
    const { code, stdout, stderr } = await sweep(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(STACK_LINE);
  });
});
