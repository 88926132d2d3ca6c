/** Line colours of mermaid charts, named so the legend under a chart can say which is which. */
export const CHART_PALETTE: ReadonlyArray<{ name: string; hex: string }> = [
  { name: "red", hex: "#d62728" },
  { name: "green", hex: "#2ca02c" },
  { name: "blue", hex: "#1f77b4" },
  { name: "orange", hex: "#ff7f0e" },
  { name: "purple", hex: "#9467bd" },
  { name: "brown", hex: "#8c564b" },
  { name: "pink", hex: "#e377c2" },
  { name: "grey", hex: "#7f7f7f" },
  { name: "olive", hex: "#bcbd22" },
  { name: "teal", hex: "#17becf" },
];

/** Strategy names and footnotes may hold characters markdown would read as emphasis. */
export function plain(text: string): string {
  return text.replace(/[\\*_`[\]<>]/g, (c) => `\\${c}`);
}

export interface XyChart {
  title: string;
  /** The x-axis line after `x-axis`, e.g. `"time (s)" 0 --> 60`. */
  xAxis: string;
  /** The y-axis line after `y-axis`. */
  yAxis: string;
  /** One line per named series: its name and its points, already formatted. */
  series: ReadonlyArray<{ name: string; points: readonly string[] }>;
  /** Said after the legend, e.g. how points were grouped. */
  note?: string;
}

/**
 * A mermaid xychart (rendered by GitHub) with one coloured line per series, followed by the
 * legend: mermaid draws no legend of its own.
 */
export function mermaidXyChart(chart: XyChart): string[] {
  const palette = chart.series.map((_, i) => CHART_PALETTE[i % CHART_PALETTE.length]);
  const legend = chart.series
    .map((s, i) => `${plain(s.name)} (${palette[i]?.name ?? "?"})`)
    .join(", ");
  return [
    "```mermaid",
    "---",
    "config:",
    "  themeVariables:",
    "    xyChart:",
    `      plotColorPalette: "${palette.map((p) => p?.hex ?? "#000000").join(", ")}"`,
    "---",
    "xychart-beta",
    `    title "${chart.title}"`,
    `    x-axis ${chart.xAxis}`,
    `    y-axis ${chart.yAxis}`,
    ...chart.series.map((s) => `    line [${s.points.join(", ")}]`),
    "```",
    "",
    `Lines: ${legend}.${chart.note ?? ""}`,
  ];
}
