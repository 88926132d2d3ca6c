import type { SweepResult } from "../run/sweep.js";
import { csvField } from "./csv.js";
import { row } from "./markdown.js";
import { mermaidXyChart, plain } from "./mermaid.js";
import { metricLines, sweepCell, valueText } from "./sweepTerminal.js";

/** The sweep as JSON: 2-space indent, trailing newline, keys in a fixed order. */
export function renderSweepJson(result: SweepResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Long CSV: one row per (value, strategy, metric); ci95 empty without replications. */
export function renderSweepCsv(result: SweepResult): string {
  const rows: string[] = ["param,value,strategy,metric,mean,ci95"];
  for (const point of result.points) {
    for (const s of point.strategies) {
      for (const metric of result.metrics) {
        const cell = s.metrics[metric];
        rows.push(
          [result.param, point.value, s.name, metric, cell?.mean ?? null, cell?.ci95 ?? null]
            .map((v) => csvField(v))
            .join(","),
        );
      }
    }
  }
  return `${rows.join("\n")}\n`;
}

function chartNumber(x: number): string {
  const rounded = Math.round(x * 1000) / 1000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function mermaidChart(result: SweepResult, metric: string): string[] {
  const lines = metricLines(result, metric);
  const values = lines.flat().filter((v): v is number => v !== null);
  if (values.length === 0) return ["No values to chart."];
  const top = Math.max(0, ...values);
  const quoted = result.points.map((p) => JSON.stringify(valueText(p.value)));
  return mermaidXyChart({
    title: metric,
    xAxis: `"${result.param}" [${quoted.join(", ")}]`,
    yAxis: `"${metric}" ${chartNumber(Math.min(0, ...values))} --> ${chartNumber(top > 0 ? top : 1)}`,
    // A missing point is drawn at 0: mermaid lines cannot skip one.
    series: result.strategies.map((name, i) => ({
      name,
      points: (lines[i] ?? []).map((v) => chartNumber(v ?? 0)),
    })),
  });
}

/** A markdown report of the sweep: per metric a table (a row per value) and a mermaid chart. */
export function renderSweepMarkdown(result: SweepResult): string {
  const replications =
    result.replications === undefined
      ? ""
      : ` Each point is the mean of ${result.replications} replications ± the half-width of its 95% interval.`;
  const lines = [
    `# ${result.scenario.name}: sweep of \`${result.param}\``,
    "",
    `Scenario \`${result.scenario.file}\`, seed ${result.seed}, ${result.points.length} values of \`${result.param}\`, every value on the same seeds.${replications}`,
  ];
  for (const metric of result.metrics) {
    lines.push(
      "",
      `## ${metric}`,
      "",
      row([`\`${result.param}\``, ...result.strategies.map(plain)]),
      `|---:|${result.strategies.map(() => "---:|").join("")}`,
      ...result.points.map((point) =>
        row([plain(valueText(point.value)), ...point.strategies.map((s) => sweepCell(s, metric))]),
      ),
      "",
      ...mermaidChart(result, metric),
    );
  }
  return `${lines.join("\n")}\n`;
}
