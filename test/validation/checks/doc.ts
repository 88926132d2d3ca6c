import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Row } from "./row.js";
import { SOURCES } from "./sources.js";
import type { Topic, TopicResult } from "./topic.js";

/**
 * docs/validation.md is rendered from the rows the tests assert on: an intro, one section per
 * topic (derivation, table, notes) between markers, and the sources. Each topic's test compares
 * its own section with the committed file; doc.test.ts compares everything outside the sections.
 */

export const DOC_PATH = fileURLToPath(new URL("../../../docs/validation.md", import.meta.url));

function text(name: string): string {
  return readFileSync(new URL(`../text/${name}.md`, import.meta.url), "utf8").trimEnd();
}

/** A number with `digits` significant digits, without trailing zeros; fixed, not exponential. */
export function formatNumber(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const fixed = x.toFixed(Math.min(decimals, 20));
  const trimmed = fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
  return trimmed === "-0" ? "0" : trimmed;
}

function cell(s: string): string {
  return s.replaceAll("|", "\\|");
}

function renderTable(rows: readonly Row[]): string {
  const lines = [
    "| # | check | theory | simulated | tolerance | source | ok |",
    "|---|---|---:|---:|---|---|:---:|",
  ];
  rows.forEach((r, i) => {
    const ok = r.ok ? "✓" : r.bug ? "✗ bug" : "✗";
    const source = SOURCES[r.source]?.label ?? r.source;
    lines.push(
      `| ${i + 1} | ${cell(r.check)} | ${formatNumber(r.theory, r.digits)} | ` +
        `${formatNumber(r.simulated, r.digits)} | ±${formatNumber(r.tolerance, 2)} (${cell(r.basis)}) | ` +
        `${cell(source)} | ${ok} |`,
    );
  });
  return lines.join("\n");
}

const begin = (id: string) => `<!-- validation:${id} -->`;
const end = (id: string) => `<!-- /validation:${id} -->`;

/** One topic's section, markers included. */
export function renderSection(topic: Topic, result: TopicResult): string {
  const parts = [begin(topic.id), `## ${topic.title}`, text(topic.id), renderTable(result.rows)];
  if (result.notes) parts.push(result.notes.trimEnd());
  const bugs = result.rows.filter((r) => r.bug !== undefined);
  for (const r of new Set(bugs.map((b) => b.bug))) {
    const which = bugs
      .filter((b) => b.bug === r)
      .map((b) => result.rows.indexOf(b) + 1)
      .join(", ");
    parts.push(`**Simulator bug (rows ${which}).** ${r}.`);
  }
  parts.push(end(topic.id));
  return parts.join("\n\n");
}

/** The whole document, given each topic's rendered section (in topic order). */
export function renderDoc(topics: readonly Topic[], sections: readonly string[]): string {
  const sources = Object.values(SOURCES).map((s) => `- **${s.label}.** ${s.reference}`);
  return `${[
    text("intro"),
    "## Contents",
    topics.map((t) => `- ${t.title}`).join("\n"),
    ...sections,
    "## Sources",
    sources.join("\n"),
  ].join("\n\n")}\n`;
}

/** The section of `doc` for topic `id`, markers included; null when absent. */
export function sectionOf(doc: string, id: string): string | null {
  const from = doc.indexOf(begin(id));
  const to = doc.indexOf(end(id));
  if (from < 0 || to < from) return null;
  return doc.slice(from, to + end(id).length);
}

/** `doc` with every topic's section reduced to its bare markers (what renderDoc makes of empty ones). */
export function skeletonOf(doc: string, topics: readonly Topic[]): string {
  let out = doc;
  for (const t of topics) {
    const s = sectionOf(out, t.id);
    if (s !== null) out = out.replace(s, emptySection(t.id));
  }
  return out;
}

export function emptySection(id: string): string {
  return `${begin(id)}\n\n${end(id)}`;
}
