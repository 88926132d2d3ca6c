import { describe, expect, it } from "vitest";
import { Network } from "../../../src/sim/model/network.js";
import { selectKeys } from "../../../src/sim/model/timeline.js";

describe("Network", () => {
  it("delivers at once when healthy; holds during a partition and releases in send order at heal", () => {
    const net = new Network();
    const out: string[] = [];
    net.send(() => out.push("a"));
    expect(out).toEqual(["a"]);
    net.beginPartition();
    net.send(() => out.push("b"));
    net.send(() => out.push("c"));
    expect(out).toEqual(["a"]);
    net.heal();
    expect(out).toEqual(["a", "b", "c"]);
    net.send(() => out.push("d"));
    expect(out).toEqual(["a", "b", "c", "d"]);
  });

  it("overlapping partitions release only when the last heals", () => {
    const net = new Network();
    const out: string[] = [];
    net.beginPartition();
    net.send(() => out.push("x"));
    net.beginPartition();
    net.heal();
    expect(out).toEqual([]);
    net.heal();
    expect(out).toEqual(["x"]);
  });
});

describe("selectKeys", () => {
  it("all, hottest (k0 … k{N−1}, clamped) and named keys", () => {
    expect(selectKeys({ kind: "all" }, 3)).toEqual([0, 1, 2]);
    expect(selectKeys({ kind: "hottest", count: 2 }, 5)).toEqual([0, 1]);
    expect(selectKeys({ kind: "hottest", count: 9 }, 3)).toEqual([0, 1, 2]);
    expect(selectKeys({ kind: "keys", keys: ["k4", "k0"] }, 5)).toEqual([4, 0]);
  });
});
