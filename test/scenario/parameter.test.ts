import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/run/errors.js";
import { ScenarioError } from "../../src/scenario/errors.js";
import {
  formatParamPath,
  loadWithParam,
  parseParamPath,
  parseParamValue,
  withParam,
} from "../../src/scenario/parameter.js";
import { MINIMAL } from "./helpers.js";

describe("parseParamPath", () => {
  it("reads keys and list indices", () => {
    expect(parseParamPath("traffic[0].open.rate")).toEqual(["traffic", 0, "open", "rate"]);
    expect(parseParamPath("db.servers")).toEqual(["db", "servers"]);
    expect(parseParamPath("strategies.swr.freshness.stale-while-revalidate.soft")).toHaveLength(5);
  });

  it("writes a path back as it was written", () => {
    expect(formatParamPath(parseParamPath("traffic[0].open.rate"))).toBe("traffic[0].open.rate");
  });

  it("names the column of a syntax error", () => {
    expect(() => parseParamPath("db..servers")).toThrow(/at column 4/);
    expect(() => parseParamPath("traffic[x].rate")).toThrow(/at column 8/);
    expect(() => parseParamPath("")).toThrow(UsageError);
  });
});

describe("parseParamValue", () => {
  it("reads YAML scalars: numbers are numbers, durations stay strings", () => {
    expect(parseParamValue("500")).toBe(500);
    expect(parseParamValue("0.5")).toBe(0.5);
    expect(parseParamValue("30s")).toBe("30s");
    expect(parseParamValue("true")).toBe(true);
  });

  it("rejects collections", () => {
    expect(() => parseParamValue("[1, 2]")).toThrow(UsageError);
  });
});

describe("withParam and loadWithParam", () => {
  it("replaces a value before validation, so units are read as in the file", () => {
    const loaded = loadWithParam(MINIMAL, "s.yaml", ["cache", "ttl"], "30s");
    expect(loaded.configFor("naive").cache?.ttlMs).toBe(30_000);
    const faster = loadWithParam(MINIMAL, "s.yaml", parseParamPath("traffic[0].open.rate"), 2000);
    const load = faster.configFor("naive").traffic[0]?.load;
    expect(load?.kind === "open" && load.ratePerSec).toBe(2000);
  });

  it("adds a key the file leaves to its default", () => {
    const loaded = loadWithParam(MINIMAL, "s.yaml", ["db", "servers"], 7);
    expect(loaded.configFor("naive").db.servers).toBe(7);
  });

  it("says which parameter and value a validation error comes from", () => {
    try {
      loadWithParam(MINIMAL, "s.yaml", ["cache", "ttl"], "soon");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).message).toContain('with cache.ttl = "soon": ');
    }
  });

  it("rejects a path that cannot lead into the document", () => {
    expect(() => withParam(MINIMAL, "s.yaml", ["traffic", 3, "open"], 1)).toThrow(
      "parameter traffic[3].open: traffic has 1 item, so [3] does not exist",
    );
    expect(() => withParam(MINIMAL, "s.yaml", ["duration", "x"], 1)).toThrow(
      'parameter duration.x: duration is not a mapping (it is "60s")',
    );
  });
});

describe("withParam keeps the file's lines", () => {
  it("changes only the value's own text", () => {
    const text = `${MINIMAL}# a comment\n`;
    const out = withParam(text, "s.yaml", ["traffic", 0, "open", "rate"], 250);
    expect(out).toBe(text.replace("rate: 100", "rate: 250"));
    expect(withParam(text, "s.yaml", ["cache", "ttl"], "30s")).toBe(
      text.replace("ttl: 10s", 'ttl: "30s"'),
    );
  });

  it("points a validation problem at the value's line in the file", () => {
    try {
      loadWithParam(MINIMAL, "s.yaml", ["traffic", 0, "open", "rate"], -5);
      expect.unreachable();
    } catch (error) {
      expect((error as ScenarioError).problems[0]?.line).toBe(4);
    }
  });
});
