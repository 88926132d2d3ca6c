// Regenerates docs/validation.md from the validation runs in test/validation/: the very rows those
// tests assert on. The writing is done by test/validation/doc.test.ts when VALIDATION_DOC=write;
// `npm test` runs the same file without it and fails when the committed page differs.
import { startVitest } from "vitest/node";

process.env.VALIDATION_DOC = "write";
const vitest = await startVitest("test", ["test/validation/doc.test.ts"], {
  run: true,
  watch: false,
});
await vitest.close();
