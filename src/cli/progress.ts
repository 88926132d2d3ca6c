import { Presets, SingleBar } from "cli-progress";
import type { Progress } from "../exec/executor.js";

/** Runs shorter than this never show a bar: it would only flicker. */
const SHOW_AFTER_MS = 700;
const STEPS = 1000;

/**
 * A progress bar on a terminal's stderr for batches that take a while; with no terminal (a pipe,
 * a file, CI) there is no stream and it stays silent. `done()` removes the bar, so stderr ends
 * with only the command's own messages.
 */
export function progressBar(
  stream: NodeJS.WriteStream | undefined,
  now: () => number,
): { update: (p: Progress) => void; done: () => void } {
  if (stream === undefined) return { update: () => {}, done: () => {} };
  const startMs = now();
  let bar: SingleBar | null = null;
  return {
    update(p) {
      if (bar === null) {
        if (now() - startMs < SHOW_AFTER_MS) return;
        bar = new SingleBar(
          {
            stream,
            format: "{bar} {percentage}% | {done}/{runs} simulations | ETA {eta_formatted}",
            clearOnComplete: true,
            hideCursor: true,
            etaBuffer: 50,
          },
          Presets.shades_classic,
        );
        bar.start(STEPS, 0, { done: p.done, runs: p.total });
      }
      bar.update(Math.floor(p.fraction * STEPS), { done: p.done, runs: p.total });
    },
    done() {
      bar?.stop();
      bar = null;
    },
  };
}
