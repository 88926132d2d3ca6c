import { compact, duration, percent } from "./format.js";

/** How a metric path's values read best: ratios as percentages, times as durations. */
export function formatterFor(path: string): (n: number | null) => string {
  if (/Ratio$|hitRate$/.test(path)) return percent;
  if (path.startsWith("latencyMs.") || /Ms$/.test(path)) return duration;
  return compact;
}

/** `mean` or, with an interval, `mean ± half-width`, in the metric's format. */
export function formatCell(path: string, mean: number | null, ci95: number | null): string {
  const format = formatterFor(path);
  return ci95 === null ? format(mean) : `${format(mean)} ± ${format(ci95)}`;
}
