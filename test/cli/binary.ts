/** The real binary (bin/stampede-sim.js → dist/), for end-to-end tests; `npm run build` first. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the binary from the package root and returns what it did. */
export function runBinary(args: readonly string[], timeoutMs: number) {
  const done = spawnSync(process.execPath, ["bin/stampede-sim.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  return { code: done.status, stdout: done.stdout, stderr: done.stderr };
}
