import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress.js";

/** A terminal-like stream that keeps what is written to it. */
function fakeTerminal() {
  const chunks: string[] = [];
  const stream = {
    isTTY: true,
    columns: 100,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    on() {
      return stream;
    },
    removeListener() {
      return stream;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join("") };
}

describe("progressBar", () => {
  it("is silent without a terminal", () => {
    const bar = progressBar(undefined, () => 10_000);
    expect(() => {
      bar.update({ done: 1, total: 2, fraction: 0.5 });
      bar.done();
    }).not.toThrow();
  });

  it("shows nothing for a quick batch", () => {
    const terminal = fakeTerminal();
    let nowMs = 0;
    const bar = progressBar(terminal.stream, () => nowMs);
    nowMs = 300;
    bar.update({ done: 1, total: 2, fraction: 0.5 });
    bar.done();
    expect(terminal.text()).toBe("");
  });

  it("draws the share done and the simulations finished once a batch takes a while", () => {
    const terminal = fakeTerminal();
    let nowMs = 0;
    const bar = progressBar(terminal.stream, () => nowMs);
    nowMs = 5000;
    bar.update({ done: 3, total: 9, fraction: 0.4 });
    bar.done();
    expect(terminal.text()).toContain("40% | 3/9 simulations");
  });
});
