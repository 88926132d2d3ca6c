import { describe, expect, it } from "vitest";
import {
  compact,
  duration,
  endedMidCollapse,
  grouped,
  percent,
  rate,
  scenarioDuration,
} from "../../src/report/format.js";
import { strategy } from "./fixtures.js";

describe("compact", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [987, "987"],
    [12.34, "12.3"],
    [0.25, "0.25"],
    [999.7, "1k"],
    [1000, "1k"],
    [1234, "1.23k"],
    [12_345, "12.3k"],
    [123_456, "123k"],
    [999_600, "1M"],
    [1_800_000, "1.8M"],
    [-1500, "-1.5k"],
    [null, "-"],
    [Number.NaN, "-"],
  ])("%s → %s", (n, text) => {
    expect(compact(n)).toBe(text);
  });
});

describe("duration", () => {
  it.each([
    [0, "0ms"],
    [0.8, "0.8ms"],
    [1.013, "1.01ms"],
    [123.4, "123ms"],
    [999.4, "999ms"],
    [999.6, "1s"],
    [1234, "1.23s"],
    [59_000, "59s"],
    [150_000, "2.5m"],
    [7_200_000, "2h"],
    [null, "-"],
  ])("%s ms → %s", (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});

describe("percent", () => {
  it.each([
    [0, "0%"],
    [1, "100%"],
    [0.12, "12%"],
    [0.1234, "12.3%"],
    [0.0012, "0.12%"],
    [0.00001, "<0.01%"],
    [0.99994, ">99.9%"],
    [null, "-"],
  ])("%s → %s", (ratio, text) => {
    expect(percent(ratio)).toBe(text);
  });
});

describe("grouped and rate", () => {
  it.each([
    [0, "0"],
    [38, "38"],
    [9800, "9,800"],
    [1_234_567, "1,234,567"],
    [1234.6, "1,235"],
    [2.5, "2.5"],
    [-9800, "-9,800"],
  ])("%s → %s", (n, text) => {
    expect(grouped(n)).toBe(text);
  });

  it("rate appends /s", () => {
    expect(rate(9800)).toBe("9,800/s");
    expect(rate(null)).toBe("-");
  });
});

describe("scenarioDuration", () => {
  it.each([
    [180_000, "3m"],
    [10_000, "10s"],
    [1500, "1.5s"],
    [250, "250ms"],
    [3_600_000, "1h"],
    [0, "0ms"],
  ])("%s → %s", (ms, text) => {
    expect(scenarioDuration(ms)).toBe(text);
  });
});

describe("endedMidCollapse", () => {
  it("flags more than 0.1% of requests still in flight, and only that", () => {
    expect(endedMidCollapse(strategy("a", { requests: { total: 10_000, inFlight: 10 } }))).toBe(
      false,
    );
    expect(endedMidCollapse(strategy("a", { requests: { total: 10_000, inFlight: 11 } }))).toBe(
      true,
    );
    expect(endedMidCollapse(strategy("a", { requests: { total: 0, inFlight: 0 } }))).toBe(false);
  });
});
