import type { MitigationInfo } from "../sim/mitigations/catalog.js";

/** `stampede-sim list`: every mitigation by slot, its YAML, options with defaults and guarantee. */
export function renderMitigationList(mitigations: readonly MitigationInfo[]): string {
  const lines: string[] = [
    "Mitigations (a strategy picks at most one per slot; `{}` is naive cache-aside)",
    "",
  ];
  for (const m of mitigations) {
    lines.push(`${m.name}  [slot: ${m.slot}]`);
    lines.push(`  ${m.example}`);
    for (const o of m.options) {
      lines.push(`    ${o.name.padEnd(14)} default ${o.default.padEnd(9)} ${o.meaning}`);
    }
    lines.push(`  guarantee: ${m.guarantee}`);
    lines.push("");
  }
  lines.push(
    "Any strategy may also override client, app, cache, db, traffic and events (a JSON Merge Patch),",
    "e.g. `short-timeout: { client: { timeout: 500ms } }`.",
  );
  return `${lines.join("\n")}\n`;
}
