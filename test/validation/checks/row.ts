/** One line of the validation tables: a closed-form or published value beside the simulated one. */
export interface Row {
  /** What is compared, with the parameters that matter. */
  check: string;
  /** Key of the source in SOURCES (see sources.ts). */
  source: string;
  theory: number;
  simulated: number;
  /** The simulated value must be within ±tolerance of the theory. */
  tolerance: number;
  /** Where the tolerance comes from, e.g. "4 SE (10 replications)". */
  basis: string;
  /** Significant digits to print (the doc must be byte-identical across runs: keep it modest). */
  digits: number;
  ok: boolean;
  /**
   * Set when the row documents a simulator bug: the row is expected to fail until the bug is fixed
   * (its test is `it.fails`), and the doc explains it.
   */
  bug?: string;
}

export function row(fields: Omit<Row, "ok" | "digits"> & { digits?: number }): Row {
  const { digits = 4, ...rest } = fields;
  const ok = Math.abs(rest.simulated - rest.theory) <= rest.tolerance;
  return { ...rest, digits, ok };
}
