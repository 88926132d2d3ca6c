import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/run/errors.js";
import { parseRange, parseValueList, sortedGrid } from "../../src/run/sweepValues.js";

describe("parseValueList", () => {
  it("reads each value as a YAML scalar", () => {
    expect(parseValueList("500,1000, 2000")).toEqual([500, 1000, 2000]);
    expect(parseValueList("10s,30s")).toEqual(["10s", "30s"]);
  });

  it("rejects empty items", () => {
    expect(() => parseValueList("1,,2")).toThrow(UsageError);
  });
});

describe("parseRange", () => {
  it("includes the end", () => {
    expect(parseRange("1000:5000:1000")).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(parseRange("1000:4500:1000")).toEqual([1000, 2000, 3000, 4000]);
  });

  it("is robust to float steps (from + i·step, no drift)", () => {
    expect(parseRange("0:1:0.1")).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(parseRange("0.1:0.3:0.1")).toEqual([0.1, 0.2, 0.3]);
  });

  it("accepts underscores as digit separators", () => {
    expect(parseRange("1_000:3_000:1_000")).toEqual([1000, 2000, 3000]);
  });

  it("rejects a zero or negative step, a reversed range, bad text and over 10,000 points", () => {
    for (const bad of ["1:5:0", "1:5:-1", "5:1:1", "1:5", "a:5:1", "1::1", "0:10000:1"]) {
      expect(() => parseRange(bad), bad).toThrow(UsageError);
    }
    expect(parseRange("1:10000:1")).toHaveLength(10_000);
  });
});

describe("sortedGrid", () => {
  it("sorts numbers and drops repeats; keeps other values in the order given", () => {
    expect(sortedGrid([3, 1, 2, 1])).toEqual([1, 2, 3]);
    expect(sortedGrid(["30s", "10s"])).toEqual(["30s", "10s"]);
  });
});
