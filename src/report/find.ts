import Table from "cli-table3";
import type { FindResult, FindStrategy } from "../run/find.js";
import type { ParamValue } from "../scenario/parameter.js";
import { paint } from "./ansi.js";
import { csvField } from "./csv.js";
import { exact, grouped } from "./format.js";
import { row } from "./markdown.js";
import { plain } from "./mermaid.js";

/** A value of the grid: numbers with thousands separators, others as written. */
export function gridValue(value: ParamValue): string {
  return typeof value === "number" ? grouped(value) : String(value);
}

function clause(s: FindStrategy, first: boolean): string {
  switch (s.verdict) {
    case "fails-everywhere":
      return `${s.name} fails even at ${gridValue(s.value ?? s.failsAt)} (the lowest tested)`;
    case "holds-everywhere":
      return `${s.name} ${first ? "survives " : ""}up to ${gridValue(s.value)} (the highest tested)`;
    case "holds-up-to":
      return `${s.name} ${first ? "survives " : ""}up to ${gridValue(s.value)}`;
  }
}

/**
 * The tipping points in one sentence: "naive survives up to 3,200; swr up to 41,000 (the highest
 * tested); lock fails even at 500 (the lowest tested)."
 */
export function findSentence(result: FindResult): string {
  if (result.strategies.length === 0) return "No strategies were searched.";
  return `${result.strategies.map((s, i) => clause(s, i === 0)).join("; ")}.`;
}

function verdictText(s: FindStrategy): string {
  switch (s.verdict) {
    case "fails-everywhere":
      return "fails at the lowest";
    case "holds-everywhere":
      return "holds at the highest";
    case "holds-up-to":
      return "tipping point";
  }
}

function summaryRows(result: FindResult): string[][] {
  return result.strategies.map((s) => [
    s.name,
    verdictText(s),
    s.value === null ? "-" : gridValue(s.value),
    s.failsAt === null ? "-" : gridValue(s.failsAt),
    String(s.probes.length),
  ]);
}

const SUMMARY_HEADER = ["strategy", "verdict", "largest that holds", "fails at", "probes"];

function heading(result: FindResult): string {
  const replications =
    result.replications === undefined ? "" : `, on the mean of ${result.replications} replications`;
  return `Largest ${result.param} for which ${result.condition} holds (bisection over ${result.values.length} values from ${gridValue(result.values[0] ?? null)} to ${gridValue(result.values.at(-1) ?? null)}, seed ${result.seed}${replications})`;
}

function probeRows(result: FindResult): string[][] {
  return result.strategies.flatMap((s) =>
    s.probes.map((p) => [
      s.name,
      gridValue(p.value),
      p.holds ? "holds" : "fails",
      Object.entries(p.metrics)
        .map(([path, v]) => `${path} = ${exact(v)}`)
        .join(", "),
    ]),
  );
}

/** `--find --format table`: the sentence, a summary table and every probe. */
export function renderFindTerminal(result: FindResult, opts: { color: boolean }): string {
  const table = (header: string[], rows: string[][]) => {
    const t = new Table({
      head: header.map((h) => paint(h, "bold", opts.color)),
      style: { head: [], border: [], compact: true },
    });
    for (const r of rows) t.push(r);
    return t.toString();
  };
  return [
    `${paint(result.scenario.name, "bold", opts.color)} (${result.scenario.file})`,
    heading(result),
    "",
    table(SUMMARY_HEADER, summaryRows(result)),
    "",
    "Probes, in the order made",
    table(["strategy", result.param, "condition", "metrics"], probeRows(result)),
    "",
    paint(findSentence(result), "bold", opts.color),
    "",
  ].join("\n");
}

/** The search as markdown: sentence, summary table, probes. */
export function renderFindMarkdown(result: FindResult): string {
  const lines = [
    `# ${result.scenario.name}: tipping points of \`${result.param}\``,
    "",
    `${heading(result)}.`,
    "",
    `**${plain(findSentence(result))}**`,
    "",
    row(SUMMARY_HEADER),
    `|:---|:---|${SUMMARY_HEADER.slice(2)
      .map(() => "---:|")
      .join("")}`,
    ...summaryRows(result).map(([name = "", ...rest]) => row([plain(name), ...rest])),
    "",
    "## Probes",
    "",
    row(["strategy", `\`${result.param}\``, "condition", "metrics"]),
    "|:---|---:|:---|:---|",
    ...probeRows(result).map(([name = "", ...rest]) => row([plain(name), ...rest])),
  ];
  return `${lines.join("\n")}\n`;
}

/** The search as JSON, with the sentence, 2-space indent and a trailing newline. */
export function renderFindJson(result: FindResult): string {
  return `${JSON.stringify({ ...result, summary: findSentence(result) }, null, 2)}\n`;
}

/** One row per probe: strategy, value, holds, then the verdict of that strategy. */
export function renderFindCsv(result: FindResult): string {
  const lines = ["strategy,verdict,value,failsAt,probeValue,holds"];
  for (const s of result.strategies) {
    for (const p of s.probes) {
      lines.push(
        [s.name, s.verdict, s.value, s.failsAt, p.value, p.holds].map((v) => csvField(v)).join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
