import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../run/errors.js";

const REASONS: Record<string, string> = {
  ENOENT: "its directory does not exist",
  ENOTDIR: "a part of its path is not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a directory",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
};

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && REASONS[code] !== undefined) return REASONS[code];
  return err instanceof Error ? err.message : String(err);
}

/**
 * Writes `content` to `file` so that readers see either the old file or the whole new one:
 * it is written and synced to `FILE.tmp-<pid>` in the same directory, then renamed over `file`.
 * On failure the temporary file is removed and a UsageError names the file and the reason.
 */
export function writeFileAtomic(file: string, content: string, pid: number = process.pid): void {
  const temp = join(dirname(file), `${basename(file)}.tmp-${pid}`);
  try {
    const fd = openSync(temp, "w");
    try {
      const bytes = Buffer.from(content, "utf8");
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done; the error below says what went wrong.
    }
    throw new UsageError(`cannot write ${file}: ${reason(err)}`);
  }
}
