import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sim/simulate.js";
import { simConfig } from "./arbitraries.js";

/*
 * db.peakInFlight and db.peakQueue are the maxima the recorder saw at every change of the pool and
 * the queue; with no warmup they cover the whole run, so they bound every instant.
 */
describe("the database", () => {
  it("never has more queries in service than servers, nor more waiting than the queue limit", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const { db } = simulate(config).metrics;
        expect(db.peakInFlight).toBeLessThanOrEqual(config.db.servers ?? Number.POSITIVE_INFINITY);
        expect(db.peakQueue).toBeLessThanOrEqual(config.db.queue.limit ?? Number.POSITIVE_INFINITY);
      }),
      { seed: 8401, numRuns: 60 },
    );
  });

  it("conserves queries: offered = completed + failed + rejected + timed out + cancelled + in progress", () => {
    fc.assert(
      fc.property(simConfig(), (config) => {
        const { db } = simulate(config).metrics;
        const accounted =
          db.completed + db.failed + db.rejected + db.queueTimedOut + db.cancelled + db.inProgress;
        expect(accounted).toBe(db.queries);
      }),
      { seed: 8402, numRuns: 60 },
    );
  });
});
