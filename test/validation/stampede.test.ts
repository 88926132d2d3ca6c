import { checkTopic } from "./checks/harness.js";
import { stampedeTopic } from "./checks/stampede.js";

checkTopic(stampedeTopic);
