/**
 * The path between clients and the app tier. It has no latency of its own; a partition holds
 * traffic both ways and releases it at heal in send order.
 */
export class Network {
  private partitions = 0;
  private held: Array<() => void> = [];

  get partitioned(): boolean {
    return this.partitions > 0;
  }

  send(deliver: () => void): void {
    if (this.partitions > 0) this.held.push(deliver);
    else deliver();
  }

  beginPartition(): void {
    this.partitions++;
  }

  heal(): void {
    this.partitions--;
    if (this.partitions > 0) return;
    const released = this.held;
    this.held = [];
    for (const deliver of released) deliver();
  }
}
