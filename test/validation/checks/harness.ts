import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOC_PATH, formatNumber, renderSection, sectionOf } from "./doc.js";
import type { Row } from "./row.js";
import type { Topic } from "./topic.js";

function describeRow(r: Row): string {
  return (
    `${r.check}: theory ${formatNumber(r.theory, 6)}, simulated ${formatNumber(r.simulated, 6)}, ` +
    `tolerance ±${formatNumber(r.tolerance, 3)} (${r.basis})`
  );
}

/**
 * Runs one topic's simulations once (at collection: they are the file's whole work), then one test
 * per row and one that the committed docs/validation.md shows exactly these rows. A row that
 * documents a known simulator bug is `it.fails`: it must keep failing until the bug is fixed, and
 * then this test turns red so the row's `bug` note is removed.
 */
export function checkTopic(topic: Topic): void {
  const result = topic.compute();
  describe(topic.title, () => {
    for (const r of result.rows) {
      const body = () => {
        expect(Math.abs(r.simulated - r.theory), describeRow(r)).toBeLessThanOrEqual(r.tolerance);
      };
      if (r.bug === undefined) it(r.check, body);
      else it.fails(`${r.check} (known simulator bug, see docs/validation.md)`, body);
    }
    it("docs/validation.md shows these rows", () => {
      const doc = readFileSync(DOC_PATH, "utf8");
      expect(
        sectionOf(doc, topic.id),
        "docs/validation.md is out of date: run `npm run validation:doc` and commit the diff",
      ).toBe(renderSection(topic, result));
    });
  });
}
