import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/cli/writeAtomic.js";
import { UsageError } from "../../src/run/errors.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stampede-atomic-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes the whole content and leaves only the file", () => {
    const file = join(dir, "out.json");
    const content = `${"é".repeat(100_000)}\n`;
    writeFileAtomic(file, content, 4242);
    expect(readFileSync(file, "utf8")).toBe(content);
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("replaces an existing file", () => {
    const file = join(dir, "out.csv");
    writeFileSync(file, "old\n");
    writeFileAtomic(file, "new\n", 4242);
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });

  it("on a failed rename removes its temp file and names the file and reason", () => {
    const target = join(dir, "busy");
    mkdirSync(join(target, "child"), { recursive: true });
    expect(() => writeFileAtomic(target, "x", 4242)).toThrow(UsageError);
    expect(() => writeFileAtomic(target, "x", 4242)).toThrow(/^cannot write .*busy: /);
    expect(readdirSync(dir)).toEqual(["busy"]);
  });

  it("on a failed write leaves the existing file untouched", () => {
    const file = join(dir, "keep.md");
    writeFileSync(file, "precious\n");
    // Something that is not ours already sits where the temp file would go.
    mkdirSync(join(dir, "keep.md.tmp-4242"));
    expect(() => writeFileAtomic(file, "new\n", 4242)).toThrow(/cannot write .*keep\.md/);
    expect(readFileSync(file, "utf8")).toBe("precious\n");
    expect(readdirSync(dir).sort()).toEqual(["keep.md", "keep.md.tmp-4242"]);
  });

  it("says when the directory does not exist", () => {
    expect(() => writeFileAtomic(join(dir, "no", "x.json"), "x")).toThrow(
      /cannot write .*x\.json: its directory does not exist/,
    );
  });
});
