import { readFileSync, statSync } from "node:fs";
import { ScenarioError } from "./errors.js";

/**
 * Scenario files are hand-written and a few kilobytes long; anything this large is a mistake, not
 * a scenario, and would take seconds to parse and report on.
 */
const MAX_FILE_BYTES = 1024 * 1024;

/** The text of a scenario file; anything that stops it being read is a ScenarioError at 1:1. */
export function readScenario(file: string): string {
  const fail = (message: string) => new ScenarioError([{ file, line: 1, col: 1, message }]);
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw fail("is a directory; expected a scenario YAML file");
    size = stats.size;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw fail(describeFsError(error));
  }
  if (size > MAX_FILE_BYTES) throw fail(`is ${size} bytes; a scenario file is at most 1 MiB`);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw fail(describeFsError(error));
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "cannot read the file: permission denied";
  if (code === "EISDIR") return "is a directory; expected a scenario YAML file";
  return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
}
