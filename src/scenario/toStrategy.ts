import type { Coalescing, Freshness, StrategyConfig } from "../sim/config.js";
import type { StrategyOutput } from "./schema.js";
import { toKeySelector } from "./toEvents.js";

function toFreshness(freshness: StrategyOutput["freshness"]): Freshness | null {
  if (freshness === undefined) return null;
  switch (freshness.kind) {
    case "stale-while-revalidate":
      return { kind: freshness.kind, softMs: freshness.value.soft, hardMs: freshness.value.hard };
    case "xfetch":
      return { kind: "xfetch", beta: freshness.value.beta, background: freshness.value.background };
    case "early-exp-decay":
    case "early-log-test":
      return { kind: freshness.kind, beta: freshness.value.beta };
  }
}

function toCoalescing(coalescing: StrategyOutput["coalescing"]): Coalescing | null {
  if (coalescing === undefined) return null;
  if (coalescing === "single-flight") return { kind: "single-flight" };
  switch (coalescing.kind) {
    case "single-flight":
      return { kind: "single-flight" };
    case "lock":
      return {
        kind: "lock",
        ttlMs: coalescing.value.ttl,
        pollMs: coalescing.value.poll,
        stale: coalescing.value.stale,
      };
    case "lease":
      return {
        kind: "lease",
        tokenEveryMs: coalescing.value.tokenEvery,
        waitMs: coalescing.value.wait,
        stale: coalescing.value.stale,
      };
  }
}

/** One strategy's mitigation slots; null (a strategy written as `naive:`) is all naive. */
export function toStrategy(name: string, strategy: StrategyOutput | null): StrategyConfig {
  const breaker = strategy?.protection?.value;
  const shed = strategy?.admission?.value;
  const refresh = strategy?.background?.value;
  const buffer = strategy?.writes?.value;
  return {
    name,
    ttlJitter: strategy?.ttl?.jitter ?? null,
    freshness: toFreshness(strategy?.freshness),
    coalescing: toCoalescing(strategy?.coalescing),
    protection:
      breaker === undefined
        ? null
        : {
            kind: "breaker",
            maxConcurrent: breaker.maxConcurrent ?? null,
            timeoutMs: breaker.timeout ?? null,
            windowMs: breaker.window,
            threshold: breaker.threshold,
            minCalls: breaker.minCalls,
            openForMs: breaker.openFor,
            probes: breaker.probes,
          },
    admission:
      shed === undefined
        ? null
        : {
            kind: "shed",
            maxConcurrent: shed.maxConcurrent ?? null,
            latencyFactor: shed.latencyFactor ?? null,
            windowMs: shed.window,
          },
    background:
      refresh === undefined
        ? null
        : { kind: "refresh", keys: toKeySelector(refresh.keys), everyMs: refresh.every },
    writes: buffer === undefined ? null : { kind: "buffer", ratePerSec: buffer.rate },
  };
}
