import { checkTopic } from "./checks/harness.js";
import { retriesTopic } from "./checks/retries.js";

checkTopic(retriesTopic);
