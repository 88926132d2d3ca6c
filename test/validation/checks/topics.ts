import { backoffTopic } from "./backoff.js";
import { metastabilityTopic } from "./metastability.js";
import { queueingTopic } from "./queueing.js";
import { retriesTopic } from "./retries.js";
import { stampedeTopic } from "./stampede.js";
import type { Topic } from "./topic.js";
import { xfetchTopic } from "./xfetch.js";

/** The sections of docs/validation.md, in order; each has a test file of the same name. */
export const TOPICS: readonly Topic[] = [
  queueingTopic,
  stampedeTopic,
  xfetchTopic,
  retriesTopic,
  metastabilityTopic,
  backoffTopic,
];
