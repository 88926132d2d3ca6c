/** An item that can sit in one LinkedSet at a time: the set keeps its links on the item. */
export interface Linked {
  linkOwner: LinkedSet<Linked> | null;
  linkPrev: Linked | null;
  linkNext: Linked | null;
}

/**
 * An insertion-ordered set, like Set, whose items carry their own links: add and delete cost a
 * few field writes instead of a hash lookup. For the per-request sets of the hot path (attempts in
 * progress at an instance, queries in service), iterated only by rare events in insertion order.
 */
export class LinkedSet<T extends Linked> {
  private head: T | null = null;
  private tail: T | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(item: T): void {
    if (item.linkOwner === this) return;
    if (item.linkOwner !== null) throw new Error("LinkedSet: the item is in another set");
    item.linkOwner = this as LinkedSet<Linked>;
    item.linkPrev = this.tail;
    item.linkNext = null;
    if (this.tail !== null) this.tail.linkNext = item;
    else this.head = item;
    this.tail = item;
    this.count++;
  }

  /** Removes `item`; false when it was not in this set. */
  delete(item: T): boolean {
    if (item.linkOwner !== this) return false;
    const prev = item.linkPrev as T | null;
    const next = item.linkNext as T | null;
    if (prev !== null) prev.linkNext = next;
    else this.head = next;
    if (next !== null) next.linkPrev = prev;
    else this.tail = prev;
    item.linkOwner = null;
    item.linkPrev = null;
    item.linkNext = null;
    this.count--;
    return true;
  }

  /** The items in insertion order (a copy: the set may change while the caller walks it). */
  toArray(): T[] {
    const items: T[] = [];
    for (let item = this.head; item !== null; item = item.linkNext as T | null) items.push(item);
    return items;
  }

  clear(): void {
    for (const item of this.toArray()) {
      item.linkOwner = null;
      item.linkPrev = null;
      item.linkNext = null;
    }
    this.head = null;
    this.tail = null;
    this.count = 0;
  }
}
