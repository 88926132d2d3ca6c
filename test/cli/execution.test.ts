import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import type { ExecOptions } from "../../src/exec/executor.js";
import { RunStopped } from "../../src/exec/stop.js";
import { fakeDeps, runCli } from "./helpers.js";

const STACK_LINE = /^\s+at /m;

/** Fake deps whose runBatch records the options it was given. */
function recording() {
  const deps = fakeDeps();
  const seen: ExecOptions[] = [];
  const runBatch = deps.runBatch;
  deps.runBatch = (configs, opts) => {
    seen.push(opts);
    return runBatch(configs, opts);
  };
  return { deps, seen };
}

describe("execution options", () => {
  it("--jobs defaults to every core and is passed on; --max-events and --max-wall too", async () => {
    const { deps, seen } = recording();
    expect((await runCli(["run", "x.yaml"], deps)).code).toBe(0);
    expect(seen[0]?.jobs).toBe(availableParallelism());
    expect(seen[0]?.maxEventsPerRun).toBe(2e9);
    expect(seen[0]?.deadlineMs).toBeNull();
    const clock = { now: () => 1000 };
    const fixed = recording();
    const args = ["run", "x.yaml", "--jobs", "3", "--max-events", "5e9", "--max-wall", "2m"];
    expect((await runCli(args, fixed.deps, clock)).code).toBe(0);
    expect(fixed.seen[0]).toMatchObject({ jobs: 3, maxEventsPerRun: 5e9, deadlineMs: 121_000 });
  });

  it.each([
    ["--jobs", "0"],
    ["--jobs", "two"],
    ["--replications", "0"],
    ["--replications", "1.5"],
    ["--shard", "3/2"],
    ["--shard", "0/2"],
    ["--shard", "1"],
    ["--max-events", "-5"],
    ["--max-events", "lots"],
    ["--max-wall", "soon"],
    ["--max-wall", "0s"],
  ])("%s %s is a usage error: exit 2, no stack", async (flag, value) => {
    const { code, stdout, stderr } = await runCli(["run", "x.yaml", flag, value], fakeDeps());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`option '${flag}`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it("a run past --max-events is refused before anything runs, naming the flag", async () => {
    const { deps, seen } = recording();
    const { code, stdout, stderr } = await runCli(["run", "x.yaml", "--max-events", "100"], deps);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: homepage: strategy "naive" \(seed 42\): about 2,000 requests/);
    expect(stderr).toContain("to run it anyway pass --max-events 8000");
    expect(seen).toEqual([]);
  });

  it.each([
    ["interrupted", 130, "interrupted; 1 of 2 simulations had finished; nothing was written\n"],
    ["max-wall", 2, "error: stopped; nothing was written\n"],
    ["max-events", 2, "error: stopped; nothing was written\n"],
  ] as const)(
    "a run stopped by %s exits %i and says nothing was written",
    async (reason, exit, message) => {
      const deps = fakeDeps();
      deps.runBatch = async () => {
        throw new RunStopped(
          reason,
          reason === "interrupted" ? "interrupted; 1 of 2 simulations had finished" : "stopped",
        );
      };
      const { code, stdout, stderr } = await runCli(["run", "x.yaml", "--format", "json"], deps);
      expect({ code, stdout, stderr }).toEqual({ code: exit, stdout: "", stderr: message });
    },
  );

  it("--shard prints a part, and merge of one shard of one replays the command", async () => {
    const deps = fakeDeps();
    const whole = await runCli(["run", "x.yaml", "--format", "csv"], deps);
    const part = await runCli(["run", "x.yaml", "--format", "csv", "--shard", "1/1"], deps);
    expect(part.code).toBe(0);
    const parsed = JSON.parse(part.stdout);
    expect(parsed).toMatchObject({
      kind: "stampede-sim/partial-result",
      argv: ["run", "x.yaml", "--format", "csv"],
      shard: { index: 1, count: 1 },
      total: 2,
    });
    expect(part.stderr).toBe("shard 1/1: 2 of 2 simulations\n");
    expect(whole.stdout).not.toBe("");
    expect(whole.code).toBe(0);
  });
});

describe("report and --out", () => {
  it("--out without --shard is a usage error: reports go to --out-dir", async () => {
    const { code, stderr } = await runCli(["report", "x.yaml", "--out", "r.json"], fakeDeps());
    expect(code).toBe(2);
    expect(stderr).toBe(
      "error: report writes into --out-dir; --out names a shard's part, with --shard\n",
    );
  });
});
