/**
 * Groups the loads of each key into refreshes (SPEC §7): loads whose executions overlap in time —
 * each starting before all earlier ones of the group have finished — are one refresh. Memory is
 * three typed arrays over the key space, whatever the number of loads.
 */
export class RefreshGroups {
  private readonly running: Int32Array;
  private readonly loads: Int32Array;
  private readonly counted: Uint8Array;
  private groups = 0;
  private loadSum = 0;
  private maxLoads = 0;

  constructor(keyCount: number) {
    this.running = new Int32Array(keyCount);
    this.loads = new Int32Array(keyCount);
    this.counted = new Uint8Array(keyCount);
  }

  /** A load of `key` started executing; `inWindow` says whether its start is measured. */
  loadStarted(key: number, inWindow: boolean): void {
    if (this.running[key] === 0) {
      this.loads[key] = 0;
      this.counted[key] = inWindow ? 1 : 0;
    }
    (this.running[key] as number)++;
    (this.loads[key] as number)++;
  }

  loadEnded(key: number): void {
    const left = (this.running[key] as number) - 1;
    this.running[key] = left;
    if (left === 0) this.close(key);
  }

  /** Closes the groups still running at the end of the run. */
  finish(): void {
    for (let key = 0; key < this.running.length; key++) {
      if ((this.running[key] as number) > 0) {
        this.running[key] = 0;
        this.close(key);
      }
    }
  }

  get refreshes(): number {
    return this.groups;
  }

  get meanLoads(): number | null {
    return this.groups === 0 ? null : this.loadSum / this.groups;
  }

  get maxLoadsPerRefresh(): number | null {
    return this.groups === 0 ? null : this.maxLoads;
  }

  private close(key: number): void {
    if (this.counted[key] !== 1) return;
    const n = this.loads[key] as number;
    this.groups++;
    this.loadSum += n;
    if (n > this.maxLoads) this.maxLoads = n;
  }
}
