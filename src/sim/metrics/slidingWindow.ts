/**
 * Counts and sums over a sliding time window kept as a fixed ring of slots, so memory does not
 * grow with the rate; the window slides one slot (window/slots) at a time.
 */
export class SlidingWindow {
  private readonly slotMs: number;
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;
  private countTotal = 0;
  private sumTotal = 0;
  private currentSlot = 0;

  constructor(
    windowMs: number,
    private readonly slots = 20,
  ) {
    this.slotMs = windowMs / slots;
    this.counts = new Float64Array(slots);
    this.sums = new Float64Array(slots);
  }

  add(nowMs: number, value: number): void {
    this.advance(nowMs);
    const s = this.currentSlot % this.slots;
    (this.counts[s] as number)++;
    (this.sums[s] as number) += value;
    this.countTotal++;
    this.sumTotal += value;
  }

  count(nowMs: number): number {
    this.advance(nowMs);
    return this.countTotal;
  }

  sum(nowMs: number): number {
    this.advance(nowMs);
    return this.sumTotal;
  }

  clear(): void {
    this.counts.fill(0);
    this.sums.fill(0);
    this.countTotal = 0;
    this.sumTotal = 0;
  }

  private advance(nowMs: number): void {
    const slot = Math.floor(nowMs / this.slotMs);
    if (slot <= this.currentSlot) return;
    const steps = Math.min(this.slots, slot - this.currentSlot);
    for (let i = 1; i <= steps; i++) {
      const s = (this.currentSlot + i) % this.slots;
      this.countTotal -= this.counts[s] as number;
      this.sumTotal -= this.sums[s] as number;
      this.counts[s] = 0;
      this.sums[s] = 0;
    }
    this.currentSlot = slot;
  }
}
