import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOC_PATH, emptySection, renderDoc, renderSection, skeletonOf } from "./checks/doc.js";
import { TOPICS } from "./checks/topics.js";

/**
 * docs/validation.md: each topic's test checks its own section against its rows; this file checks
 * the rest (intro, contents, order of the sections, sources). With VALIDATION_DOC=write — what
 * `npm run validation:doc` sets — it runs every topic instead and writes the whole page.
 */
describe("docs/validation.md", () => {
  if (process.env.VALIDATION_DOC === "write") {
    it("is written from the rows", () => {
      const sections = TOPICS.map((topic) => renderSection(topic, topic.compute()));
      writeFileSync(DOC_PATH, renderDoc(TOPICS, sections));
    }, 600_000);
    return;
  }

  it("has the intro, every section in order and the sources (npm run validation:doc)", () => {
    const doc = readFileSync(DOC_PATH, "utf8");
    expect(
      skeletonOf(doc, TOPICS),
      "docs/validation.md is out of date: run `npm run validation:doc` and commit the diff",
    ).toBe(
      renderDoc(
        TOPICS,
        TOPICS.map((t) => emptySection(t.id)),
      ),
    );
  });
});
