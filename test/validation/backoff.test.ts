import { backoffTopic } from "./checks/backoff.js";
import { checkTopic } from "./checks/harness.js";

checkTopic(backoffTopic);
