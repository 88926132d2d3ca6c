import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBinary } from "./binary.js";

const TINY = "test/cli/fixtures/tiny.yaml";
const BROKEN = "test/cli/fixtures/broken.yaml";
const TIMEOUT_MS = 60_000;

const cli = (...args: string[]) => runBinary(args, TIMEOUT_MS);

const base = mkdtempSync(join(tmpdir(), "stampede-report-e2e-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
}

describe("stampede-sim report (built binary)", { timeout: TIMEOUT_MS }, () => {
  it("writes tiny.md and README.md, byte-identical on a second run; a bad scenario writes nothing", () => {
    const first = join(base, "first");
    const run = cli("report", TINY, "--out-dir", first, "--check");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "report: 1 scenario, 2 simulations\n" +
        `report: tiny: 2 strategies, 1/1 expectations → ${join(first, "tiny.md")}\n` +
        `report: 1 report indexed in ${join(first, "README.md")}\n`,
    );
    const files = readAll(first);
    expect(Object.keys(files)).toEqual(["README.md", "tiny.md"]);
    expect(files["tiny.md"]).toMatch(/^# tiny\n/);
    expect(files["tiny.md"]).toContain(`Scenario \`${TINY}\`, seed 7`);
    expect(files["tiny.md"]).toContain("xychart-beta");
    expect(files["tiny.md"]).toContain("1 of 1 passed.");
    expect(files["README.md"]).toMatch(
      /^\| \[tiny\]\(tiny\.md\) \| 2 \| single-flight .* \| ✅ 1\/1 \|$/m,
    );

    const second = join(base, "second");
    expect(cli("report", TINY, "--out-dir", second, "--check").code).toBe(0);
    expect(readAll(second)).toEqual(files);

    const none = join(base, "none");
    const bad = cli("report", TINY, BROKEN, "--out-dir", none);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${BROKEN}:8:3: `, "m"));
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(none)).toBe(false);
  });
});
