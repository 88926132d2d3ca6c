import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileErrorMessage } from "../../src/cli/io.js";
import { realDeps } from "../../src/cli/realDeps.js";
import { displayPath } from "../../src/cli/report.js";
import { MINIMAL } from "../scenario/helpers.js";
import { runCli } from "./helpers.js";

/*
 * Bad input through the real loader and the real command line, in-process: exit code 2, one
 * `file:line:col: message` per problem on stderr, no stack trace, nothing on stdout.
 */

const STACK_LINE = /^\s+at /m;

const dir = mkdtempSync(join(tmpdir(), "stampede-hostile-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const aliasBomb = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
  .map((level, i, levels) => {
    const items = i === 0 ? '"lol"' : `*${levels[i - 1]}`;
    return `${level}: &${level} [${Array(9).fill(items).join(", ")}]`;
  })
  .join("\n");

const CASES: Array<[string, string | Buffer, RegExp]> = [
  ["empty.yaml", "", /the file is empty/],
  ["garbage.yaml", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 167 + 13) % 256)), /./],
  ["bomb.yaml", `${MINIMAL}${aliasBomb}\n`, /alias bomb/],
  ["deep.yaml", `a: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, /nesting is deeper/],
  ["duplicate.yaml", `${MINIMAL}duration: 5s\n`, /duplicate key "duration"/],
  ["nan.yaml", MINIMAL.replace("ttl: 10s", "ttl: .nan"), /expected a duration/],
  ["huge.yaml", MINIMAL.replace("60s", "1e300"), /expected a duration from 0 to 8760h/],
  ["string.yaml", MINIMAL.replace("rate: 100", "rate: lots"), /expected a number, got "lots"/],
  ["units.yaml", MINIMAL.replace("60s", "5 parsecs"), /expected a duration such as/],
  ["zero.yaml", `${MINIMAL}app: { instances: 0 }\n`, /expected a whole number from 1 to/],
  ["negative.yaml", MINIMAL.replace("60s", "-5s"), /durations cannot be negative/],
  [
    "mitigation.yaml",
    `${MINIMAL}  sf: { coalescing: singleflight }\n`,
    /did you mean single-flight\?/,
  ],
];

describe("hostile scenario files exit 2 with file:line:col problems and no stack trace", () => {
  for (const command of ["run", "validate"]) {
    it.each(CASES)(`${command} %s`, async (name, content, expected) => {
      const file = write(name, content);
      const { code, stdout, stderr } = await runCli([command, file], realDeps);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: `, "m"));
      expect(stderr).toMatch(expected);
      expect(stderr).not.toMatch(STACK_LINE);
    });
  }

  it("report on a hostile file writes no report", async () => {
    const file = write("report-me.yaml", `${MINIMAL}durration: 5s\n`);
    const outDir = join(dir, "reports");
    const { code, stdout, stderr } = await runCli(["report", file, "--out-dir", outDir], realDeps);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    // report names files as it shows them in reports: relative to the working directory.
    expect(stderr).toContain(
      `${displayPath(file)}:10:1: unknown key "durration"; did you mean "duration"?`,
    );
    expect(stderr).not.toMatch(STACK_LINE);
    expect(existsSync(outDir)).toBe(false);
  });

  it("report refuses a scenario name that would write outside the output directory", async () => {
    const file = write("escape.yaml", `name: ../escaped\n${MINIMAL}`);
    const outDir = join(dir, "escape-out");
    const { code, stdout, stderr } = await runCli(["report", file, "--out-dir", outDir], realDeps);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('scenario name "../escaped" cannot name its report file');
    expect(existsSync(join(dir, "escaped.md"))).toBe(false);
    expect(stderr).not.toMatch(STACK_LINE);
  });
});

describe("files that cannot be read exit 2 with the reason", () => {
  it.each([
    ["a directory", () => mkdirSync(join(dir, "a-dir.yaml"), { recursive: true }), "a-dir.yaml"],
    ["a missing file", () => undefined, "missing.yaml"],
  ])("%s", async (_, make, name) => {
    make();
    const file = join(dir, name);
    const { code, stdout, stderr } = await runCli(["run", file], realDeps);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(new RegExp(`${escapeRegExp(file)}(:1:1)?: `));
    expect(stderr).not.toMatch(STACK_LINE);
  });

  // Root reads any file whatever its mode, and these tests run as root in CI; there the mapping
  // of the operating system's refusal is checked through fileErrorMessage below instead.
  it.skipIf(process.getuid?.() === 0)("an unreadable file", async () => {
    const file = write("secret.yaml", MINIMAL);
    chmodSync(file, 0o000);
    const { code, stdout, stderr } = await runCli(["run", file], realDeps);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/permission denied/);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["ENOENT", "no such file"],
    ["EISDIR", "it is a directory, not a file"],
    ["ENOTDIR", "a part of the path is not a directory"],
  ])("fileErrorMessage explains %s", (code, reason) => {
    const error = Object.assign(new Error(`${code}: refused`), {
      code,
      syscall: "open",
      path: "/x/s.yaml",
    });
    expect(fileErrorMessage(error)).toBe(`cannot read /x/s.yaml: ${reason}`);
  });

  it("fileErrorMessage leaves other errors to be reported as bugs", () => {
    expect(fileErrorMessage(new Error("boom"))).toBeNull();
    expect(
      fileErrorMessage(Object.assign(new Error("x"), { code: "EMFILE", syscall: "open" })),
    ).toBeNull();
    expect(fileErrorMessage("EACCES")).toBeNull();
  });
});
