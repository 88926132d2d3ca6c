import type { FindResult } from "../run/find.js";
import type { SweepResult } from "../run/sweep.js";
import { renderFindCsv, renderFindJson, renderFindMarkdown, renderFindTerminal } from "./find.js";
import { renderSweepCsv, renderSweepJson, renderSweepMarkdown } from "./sweepFormats.js";
import { renderSweepTerminal } from "./sweepTerminal.js";

export type ExperimentFormat = "table" | "json" | "md" | "csv";

/** A sweep in one of the output formats. */
export function renderSweep(
  result: SweepResult,
  format: ExperimentFormat,
  terminal: { color: boolean; width?: number } = { color: false },
): string {
  switch (format) {
    case "table":
      return renderSweepTerminal(result, terminal);
    case "json":
      return renderSweepJson(result);
    case "md":
      return renderSweepMarkdown(result);
    case "csv":
      return renderSweepCsv(result);
  }
}

/** A tipping-point search in one of the output formats. */
export function renderFind(
  result: FindResult,
  format: ExperimentFormat,
  terminal: { color: boolean } = { color: false },
): string {
  switch (format) {
    case "table":
      return renderFindTerminal(result, terminal);
    case "json":
      return renderFindJson(result);
    case "md":
      return renderFindMarkdown(result);
    case "csv":
      return renderFindCsv(result);
  }
}
