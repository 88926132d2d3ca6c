import { checkTopic } from "./checks/harness.js";
import { queueingTopic } from "./checks/queueing.js";

checkTopic(queueingTopic);
