import { checkTopic } from "./checks/harness.js";
import { metastabilityTopic } from "./checks/metastability.js";

checkTopic(metastabilityTopic);
