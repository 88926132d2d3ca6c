import { describe, expect, it } from "vitest";
import { formatMs, parseDuration, parseRate } from "../../src/scenario/units.js";

const ok = (value: number) => ({ ok: true, value });
const bad = (message: string) => ({ ok: false, message });

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["60s", 60_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1.5s", 1500],
    ["1.1s", 1100],
    [".5s", 500],
    ["0.25ms", 0.25],
    ["2 s", 2000],
    ["0s", 0],
    [42, 42],
    [0, 0],
    [1.5, 1.5],
  ])("reads %j as %d ms", (input, ms) => {
    expect(parseDuration(input)).toEqual(ok(ms));
  });

  it("names the expected forms and the bad value", () => {
    expect(parseDuration("5 parsecs")).toEqual(
      bad('expected a duration such as 250ms, 60s, 5m or 1h, got "5 parsecs"'),
    );
  });

  it.each([
    ["5", '"5"'],
    ["1e3s", '"1e3s"'],
    ["5sec", '"5sec"'],
    ["", '""'],
    [true, "true"],
    [null, "null"],
    [[1], "a list"],
    [{ s: 1 }, "a mapping"],
    [Number.NaN, ".nan"],
    [Number.POSITIVE_INFINITY, ".inf"],
    [Number.NEGATIVE_INFINITY, "-.inf"],
  ])("rejects %j", (input, shown) => {
    expect(parseDuration(input)).toEqual(
      bad(`expected a duration such as 250ms, 60s, 5m or 1h, got ${shown}`),
    );
  });

  it("rejects negative durations", () => {
    expect(parseDuration(-1)).toEqual(bad("durations cannot be negative, got -1"));
    expect(parseDuration("-5s")).toEqual(bad('durations cannot be negative, got "-5s"'));
  });

  it("rejects zero where a positive duration is needed", () => {
    expect(parseDuration("0ms", { positive: true })).toEqual(
      bad('expected a duration greater than 0, got "0ms"'),
    );
    expect(parseDuration(0, { positive: true })).toEqual(
      bad("expected a duration greater than 0, got 0"),
    );
    expect(parseDuration("1ms", { positive: true })).toEqual(ok(1));
  });
});

describe("parseRate", () => {
  it("accepts finite non-negative numbers", () => {
    expect(parseRate(0)).toEqual(ok(0));
    expect(parseRate(2.5)).toEqual(ok(2.5));
  });

  it("rejects negatives, NaN, infinities and strings", () => {
    expect(parseRate(-3)).toEqual(bad("rates cannot be negative, got -3"));
    expect(parseRate(Number.NaN)).toEqual(bad("expected a rate (a number per second), got .nan"));
    expect(parseRate(Number.POSITIVE_INFINITY)).toEqual(
      bad("expected a rate (a number per second), got .inf"),
    );
    expect(parseRate("10/s")).toEqual(bad('expected a rate (a number per second), got "10/s"'));
  });
});

describe("formatMs", () => {
  it.each([
    [0, "0ms"],
    [250, "250ms"],
    [1500, "1.5s"],
    [10_000, "10s"],
    [60_000, "1m"],
    [90_000, "90s"],
    [7_200_000, "2h"],
    [0.5, "0.5ms"],
  ])("writes %d as %s", (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});
