import { describe, expect, it } from "vitest";
import { MITIGATIONS } from "../../src/sim/mitigations/catalog.js";
import { fakeDeps, runCli } from "./helpers.js";

describe("stampede-sim list", () => {
  it("prints every mitigation with its slot, options with defaults and guarantee", async () => {
    const out = await runCli(["list"], fakeDeps());
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    for (const m of MITIGATIONS) {
      expect(out.stdout).toContain(`${m.name}  [slot: ${m.slot}]`);
      expect(out.stdout).toContain(`guarantee: ${m.guarantee}`);
      for (const o of m.options)
        expect(out.stdout).toMatch(new RegExp(`${o.name}\\s+default ${o.default}`));
    }
  });

  it("covers every slot of SPEC §3", () => {
    const slots = new Set(MITIGATIONS.map((m) => m.slot));
    for (const slot of [
      "ttl",
      "freshness",
      "coalescing",
      "protection",
      "admission",
      "background",
      "writes",
    ]) {
      expect(slots).toContain(slot);
    }
  });
});
