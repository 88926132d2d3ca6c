import { it } from "vitest";
import { simulate } from "../../../src/sim/simulate.js";
import { baseConfig, constant, openSource } from "../helpers.js";

const show = (label: string, o: ReturnType<typeof simulate>) =>
  console.log(label, JSON.stringify({ r: o.metrics.requests, l: o.metrics.latencyMs, c: o.metrics.cache, d: o.metrics.db, ev: o.eventsProcessed }));

it("probe", () => {
  // breaker degraded
  const cfg = baseConfig({
    durationMs: 3000,
    traffic: [openSource(200)],
    cache: { ttlMs: 300, keepStaleMs: 10_000, initial: "warm" },
    db: { failureRate: 1 },
    strategy: { protection: { kind: "breaker", maxConcurrent: null, timeoutMs: null, windowMs: 10_000, threshold: 0.5, minCalls: 3, openForMs: 1000, probes: 1 } },
  });
  show("breaker", simulate(cfg));
  show("naive", simulate({ ...cfg, strategy: { ...cfg.strategy, protection: null } }));
  // refresh + lock
  const r = baseConfig({
    durationMs: 5000,
    cache: { ttlMs: 1000, initial: "warm" },
    strategy: { background: { kind: "refresh", keys: { kind: "all" }, everyMs: 500 } },
  });
  show("refresh", simulate(r));
  show("refresh+lock", simulate({ ...r, strategy: { ...r.strategy, coalescing: { kind: "lock", ttlMs: 1000, pollMs: 10, stale: false } } }));
  show("refresh+lease", simulate({ ...r, strategy: { ...r.strategy, coalescing: { kind: "lease", tokenEveryMs: 1000, waitMs: 10, stale: false } } }));
  show("refresh+sf", simulate({ ...r, strategy: { ...r.strategy, coalescing: { kind: "single-flight" } } }));
});
