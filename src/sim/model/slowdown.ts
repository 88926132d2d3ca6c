import type { Slowdown } from "../config.js";

/** The service-time multiplier for n queries in service, the starting one included (SPEC §8). */
export function slowdownFactor(slowdown: Slowdown, n: number): number {
  switch (slowdown.kind) {
    case "none":
      return 1;
    case "linear":
      return 1 + slowdown.perInFlight * (n - 1);
    case "usl":
      return 1 + slowdown.contention * (n - 1) + slowdown.coherency * n * (n - 1);
    case "table":
      return interpolate(slowdown.points, n);
  }
}

function interpolate(points: Array<[number, number]>, n: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 1;
  if (n <= first[0]) return first[1];
  if (n >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] as [number, number];
    const [x0, y0] = points[i - 1] as [number, number];
    if (n <= x1) return y0 + ((y1 - y0) * (n - x0)) / (x1 - x0);
  }
  return last[1];
}
