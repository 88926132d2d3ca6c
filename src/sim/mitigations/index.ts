import type { SimConfig } from "../config.js";
import type { RebuildGate } from "../model/load.js";
import { CircuitBreaker } from "./breaker.js";
import { earlyExpDecay } from "./earlyExpDecay.js";
import { earlyLogTest } from "./earlyLogTest.js";
import { lease } from "./lease.js";
import { distributedLock } from "./lock.js";
import { noCoalescing } from "./noCoalescing.js";
import { plainTtl } from "./plainTtl.js";
import { LoadShedder } from "./shed.js";
import { singleFlight } from "./singleFlight.js";
import { staleWhileRevalidate } from "./staleWhileRevalidate.js";
import type { Coalescer, CoalescingContext, FreshnessPolicy } from "./types.js";
import { xfetch } from "./xfetch.js";

export { MITIGATIONS, type MitigationInfo } from "./catalog.js";

/** The freshness slot of a strategy (plain TTL when it names none). */
export function freshnessFor(config: SimConfig): FreshnessPolicy {
  const ttlMs = config.cache?.ttlMs ?? 0;
  const keepStaleMs = config.cache?.keepStaleMs ?? 0;
  const f = config.strategy.freshness;
  if (f === null) return plainTtl(ttlMs, keepStaleMs);
  switch (f.kind) {
    case "stale-while-revalidate":
      return staleWhileRevalidate(f.softMs, f.hardMs);
    case "xfetch":
      return xfetch(ttlMs, keepStaleMs, f.beta, f.background);
    case "early-exp-decay":
      return earlyExpDecay(ttlMs, keepStaleMs, f.beta);
    case "early-log-test":
      return earlyLogTest(ttlMs, keepStaleMs, f.beta);
  }
}

/** The coalescing slot of a strategy (every miss loads when it names none). */
export function coalescerFor(config: SimConfig, ctx: CoalescingContext): Coalescer {
  const c = config.strategy.coalescing;
  if (c === null) return noCoalescing(ctx);
  switch (c.kind) {
    case "single-flight":
      return singleFlight(ctx);
    case "lock":
      return distributedLock(ctx, c);
    case "lease":
      return lease(ctx, c);
  }
}

/** Per-instance state of the protection and admission slots, made anew by every restart. */
export function instanceGuards(config: SimConfig): {
  gate: () => RebuildGate | null;
  shedder: () => LoadShedder | null;
} {
  const breaker = config.strategy.protection;
  const shed = config.strategy.admission;
  return {
    gate: () => (breaker ? new CircuitBreaker(breaker) : null),
    shedder: () => (shed ? new LoadShedder(shed) : null),
  };
}
