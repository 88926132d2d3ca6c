import { describe, expect, it } from "vitest";
import { type Linked, LinkedSet } from "../../../src/sim/model/linkedSet.js";

class Item implements Linked {
  linkOwner: LinkedSet<Linked> | null = null;
  linkPrev: Linked | null = null;
  linkNext: Linked | null = null;
  constructor(readonly name: string) {}
}

const names = (set: LinkedSet<Item>) => set.toArray().map((i) => i.name);

describe("LinkedSet", () => {
  it("keeps insertion order like Set, through deletes at either end and in the middle", () => {
    const set = new LinkedSet<Item>();
    const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => new Item(n)) as [Item, Item, Item, Item];
    for (const item of [a, b, c, d]) set.add(item);
    set.add(b); // already in: no move, as with Set
    expect(names(set)).toEqual(["a", "b", "c", "d"]);
    expect(set.delete(b)).toBe(true);
    expect(set.delete(b)).toBe(false);
    expect(set.delete(a)).toBe(true);
    expect(set.delete(d)).toBe(true);
    set.add(b);
    expect(names(set)).toEqual(["c", "b"]);
    expect(set.size).toBe(2);
  });

  it("clear empties it and frees its items for another set", () => {
    const one = new LinkedSet<Item>();
    const other = new LinkedSet<Item>();
    const a = new Item("a");
    one.add(a);
    expect(() => other.add(a)).toThrow();
    expect(other.delete(a)).toBe(false);
    one.clear();
    expect([one.size, one.delete(a)]).toEqual([0, false]);
    other.add(a);
    expect(names(other)).toEqual(["a"]);
  });
});
