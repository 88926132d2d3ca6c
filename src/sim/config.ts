/**
 * The simulator's input: one scenario with one strategy applied, every duration in milliseconds,
 * every default filled in and every override merged. The scenario loader (src/scenario) produces
 * it from YAML; the core never sees YAML, units or defaults.
 */

/** A random duration, in milliseconds. */
export type Distribution =
  | { kind: "constant"; valueMs: number }
  | { kind: "exponential"; meanMs: number }
  | { kind: "uniform"; minMs: number; maxMs: number }
  | { kind: "lognormal"; medianMs: number; p99Ms: number };

/** k6-style stage: ramp linearly from the current rate to `target` over `durationMs`. */
export interface Stage {
  durationMs: number;
  target: number;
}

export interface OpenLoad {
  kind: "open";
  ratePerSec: number;
  stages: Stage[];
}

export interface ClosedLoad {
  kind: "closed";
  clients: number;
  think: Distribution;
}

export interface KeySpace {
  count: number;
  popularity: "uniform" | "zipf";
  /** Zipf exponent s: key k{i} has weight 1/(i+1)^s. Ignored for uniform. */
  exponent: number;
}

export interface TrafficSource {
  name: string;
  load: OpenLoad | ClosedLoad;
  keys: KeySpace;
  /** Fraction of operations that are writes, in [0, 1]. */
  writeRatio: number;
}

export type BackoffKind = "none" | "fixed" | "exponential";
export type JitterKind = "none" | "full" | "equal" | "decorrelated";

export interface Backoff {
  kind: BackoffKind;
  baseMs: number;
  capMs: number;
  jitter: JitterKind;
}

export interface RetryBudget {
  /** Tokens earned per first attempt. */
  ratio: number;
  /** Bucket size; the bucket starts full. */
  size: number;
}

export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  attempts: number;
  backoff: Backoff;
  budget: RetryBudget | null;
}

export interface Throttle {
  k: number;
  windowMs: number;
}

export interface ClientConfig {
  timeoutMs: number | null;
  retry: RetryPolicy;
  throttle: Throttle | null;
}

export interface AppConfig {
  instances: number;
  balancing: "round-robin" | "random";
  localCache: { ttlMs: number; capacity: number | null } | null;
  /** App→DB timeout and retry, for when the app rather than the client retries the database. */
  db: { timeoutMs: number | null; retry: RetryPolicy } | null;
}

export interface CacheConfig {
  latency: Distribution;
  ttlMs: number;
  /** LRU capacity in keys; null = unbounded. */
  capacity: number | null;
  keepStaleMs: number;
  initial: "cold" | "warm" | "steady";
  onWrite: "invalidate" | "update";
}

export type Slowdown =
  | { kind: "none" }
  | { kind: "linear"; perInFlight: number }
  | { kind: "usl"; contention: number; coherency: number }
  /** [inFlight, factor] points sorted by inFlight. */
  | { kind: "table"; points: Array<[number, number]> };

export interface DbConfig {
  service: Distribution;
  writeService: Distribution;
  /** Concurrent queries in service; null = unlimited. */
  servers: number | null;
  /** Waiting-queue limit (null = unbounded) and wait timeout (null = none). */
  queue: { limit: number | null; timeoutMs: number | null };
  slowdown: Slowdown;
  cancelOnTimeout: boolean;
  failureRate: number;
}

export type KeySelector =
  | { kind: "all" }
  | { kind: "keys"; keys: string[] }
  | { kind: "hottest"; count: number };

export type TimelineEvent =
  | { atMs: number; kind: "expire"; keys: KeySelector }
  | { atMs: number; kind: "flush" }
  | { atMs: number; kind: "dbOutage"; forMs: number; mode: "refuse" | "hang" }
  | { atMs: number; kind: "dbSlowdown"; factor: number; forMs: number }
  | { atMs: number; kind: "spike"; source: string; ratePerSec: number; forMs: number }
  | { atMs: number; kind: "burst"; source: string; requests: number; withinMs: number }
  | { atMs: number; kind: "partition"; forMs: number }
  | {
      atMs: number;
      kind: "restart";
      instances: "all" | number | number[];
      overMs: number;
      downtimeMs: number;
    }
  | {
      atMs: number;
      kind: "cron";
      source: string;
      everyMs: number;
      requests: number;
      withinMs: number;
    }
  | { atMs: number; kind: "warm"; keys: KeySelector; overMs: number };

export type Freshness =
  | { kind: "stale-while-revalidate"; softMs: number; hardMs: number }
  | { kind: "xfetch"; beta: number; background: boolean }
  | { kind: "early-exp-decay"; beta: number }
  | { kind: "early-log-test"; beta: number };

export type Coalescing =
  | { kind: "single-flight" }
  | { kind: "lock"; ttlMs: number; pollMs: number; stale: boolean }
  | { kind: "lease"; tokenEveryMs: number; waitMs: number; stale: boolean };

export interface Breaker {
  kind: "breaker";
  maxConcurrent: number | null;
  timeoutMs: number | null;
  windowMs: number;
  threshold: number;
  minCalls: number;
  openForMs: number;
  probes: number;
}

export interface Shed {
  kind: "shed";
  maxConcurrent: number | null;
  latencyFactor: number | null;
  windowMs: number;
}

export interface Refresh {
  kind: "refresh";
  keys: KeySelector;
  everyMs: number;
}

export interface WriteBuffer {
  kind: "buffer";
  ratePerSec: number;
}

/** The mitigation slots of one strategy (SPEC §3); null = the naive behaviour of that slot. */
export interface StrategyConfig {
  name: string;
  ttlJitter: number | null;
  freshness: Freshness | null;
  coalescing: Coalescing | null;
  protection: Breaker | null;
  admission: Shed | null;
  background: Refresh | null;
  writes: WriteBuffer | null;
}

export interface SimConfig {
  name: string;
  seed: number;
  durationMs: number;
  warmupMs: number;
  bucketMs: number;
  traffic: TrafficSource[];
  client: ClientConfig;
  app: AppConfig;
  /** null = `cache: none`: every read goes to the DB. */
  cache: CacheConfig | null;
  db: DbConfig;
  events: TimelineEvent[];
  strategy: StrategyConfig;
}
