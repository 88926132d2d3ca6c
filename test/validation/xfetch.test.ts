import { checkTopic } from "./checks/harness.js";
import { xfetchTopic } from "./checks/xfetch.js";

checkTopic(xfetchTopic);
