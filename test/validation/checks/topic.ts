import type { Row } from "./row.js";

/** What one topic's runs produce: its rows, and optional markdown shown under its table. */
export interface TopicResult {
  rows: Row[];
  notes?: string;
}

/** One section of docs/validation.md and one test file in test/validation/. */
export interface Topic {
  /** Also the name of its derivation in test/validation/text/<id>.md. */
  id: string;
  title: string;
  compute: () => TopicResult;
}
