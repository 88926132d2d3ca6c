/** What `stampede-sim list` prints: every mitigation, its slot, options with defaults, guarantee. */
export interface MitigationInfo {
  name: string;
  slot: string;
  /** How a strategy names it in YAML. */
  example: string;
  options: Array<{ name: string; default: string; meaning: string }>;
  guarantee: string;
}

export const MITIGATIONS: readonly MitigationInfo[] = [
  {
    name: "jitter",
    slot: "ttl",
    example: "ttl: { jitter: 0.1 }",
    options: [{ name: "jitter", default: "required", meaning: "ratio r in (0, 1)" }],
    guarantee:
      "Every write's durations (ttl, soft, hard) are scaled by one factor drawn uniformly in [1 − r, 1 + r].",
  },
  {
    name: "stale-while-revalidate",
    slot: "freshness",
    example: "freshness: { stale-while-revalidate: { soft: 55s, hard: 120s } }",
    options: [
      { name: "soft", default: "required", meaning: "fresh until write + soft" },
      {
        name: "hard",
        default: "required",
        meaning: "served stale until write + hard; then a miss",
      },
    ],
    guarantee: "No request waits for the DB while a value is within its hard TTL.",
  },
  {
    name: "xfetch",
    slot: "freshness",
    example: "freshness: { xfetch: { beta: 1 } }",
    options: [
      { name: "beta", default: "1", meaning: "eagerness; larger refreshes earlier" },
      {
        name: "background",
        default: "false",
        meaning: "serve the old value and refresh behind it instead of recomputing in line",
      },
    ],
    guarantee:
      "With Poisson reads at λ, a constant recompute time δ, λ·δ·β ≫ 1 and no lock, the expected loads per refresh is e^(1/β) (variable δ raises it).",
  },
  {
    name: "early-exp-decay",
    slot: "freshness",
    example: "freshness: { early-exp-decay: { beta: 1 } }",
    options: [
      { name: "beta", default: "1", meaning: "refresh with probability exp(−β·remaining/ttl)" },
    ],
    guarantee:
      "A published recipe as printed: a brand-new entry is refreshed on a fraction e^(−β) of reads (37% at β = 1).",
  },
  {
    name: "early-log-test",
    slot: "freshness",
    example: "freshness: { early-log-test: { beta: 1 } }",
    options: [{ name: "beta", default: "1", meaning: "refresh when rand() < δ·β·ln(rand())" }],
    guarantee: "A published recipe as printed: it never fires, since δ·β·ln(rand()) ≤ 0 < rand().",
  },
  {
    name: "single-flight",
    slot: "coalescing",
    example: "coalescing: single-flight",
    options: [],
    guarantee:
      "At most one load per key per instance at a time; waiters share its result or error.",
  },
  {
    name: "lock",
    slot: "coalescing",
    example: "coalescing: { lock: { ttl: 5s, poll: 50ms, stale: false } }",
    options: [
      {
        name: "ttl",
        default: "required",
        meaning: "lock lifetime; it expires if the holder is slow",
      },
      { name: "poll", default: "required", meaning: "how often losers re-read the cache" },
      { name: "stale", default: "false", meaning: "losers serve the stale copy when there is one" },
    ],
    guarantee:
      "At most one load per key across the cluster while its holder is within the lock TTL.",
  },
  {
    name: "lease",
    slot: "coalescing",
    example: "coalescing: { lease: { tokenEvery: 10s, wait: 50ms, stale: false } }",
    options: [
      {
        name: "tokenEvery",
        default: "required",
        meaning: "at most one token per key per this long",
      },
      {
        name: "wait",
        default: "required",
        meaning: "how long a hot miss waits before asking again",
      },
      {
        name: "stale",
        default: "false",
        meaning: "hot misses take the stale copy when there is one",
      },
    ],
    guarantee:
      "At most one load per key per tokenEvery, and no set writes a value a write has already invalidated.",
  },
  {
    name: "breaker",
    slot: "protection",
    example: "protection: { breaker: { maxConcurrent: 5, timeout: 2s } }",
    options: [
      { name: "maxConcurrent", default: "unlimited", meaning: "rebuilds at once per instance" },
      { name: "timeout", default: "none", meaning: "a rebuild taking longer fails" },
      { name: "window", default: "10s", meaning: "failure-ratio window" },
      { name: "threshold", default: "0.5", meaning: "opens above this failure ratio" },
      { name: "minCalls", default: "10", meaning: "calls in the window before it may open" },
      { name: "openFor", default: "5s", meaning: "how long it stays open" },
      { name: "probes", default: "1", meaning: "rebuilds admitted half-open" },
    ],
    guarantee:
      "Never more than maxConcurrent rebuilds per instance; while open no rebuild reaches the DB (stale is served instead).",
  },
  {
    name: "shed",
    slot: "admission",
    example: "admission: { shed: { maxConcurrent: 200, latencyFactor: 3 } }",
    options: [
      { name: "maxConcurrent", default: "none", meaning: "requests in progress per instance" },
      {
        name: "latencyFactor",
        default: "none",
        meaning: "shed while mean latency > factor × baseline",
      },
      { name: "window", default: "10s", meaning: "latency window and baseline length" },
    ],
    guarantee: "An instance never holds more than maxConcurrent requests in progress.",
  },
  {
    name: "refresh",
    slot: "background",
    example: "background: { refresh: { keys: { hottest: 10 }, every: 50s } }",
    options: [
      { name: "keys", default: "required", meaning: "key names or { hottest: N }" },
      { name: "every", default: "required", meaning: "refresh period, from t = 0" },
    ],
    guarantee:
      "Each named key is reloaded in the background at 0, every, 2·every, … (the DB load counts).",
  },
  {
    name: "buffer",
    slot: "writes",
    example: "writes: { buffer: { rate: 100 } }",
    options: [
      { name: "rate", default: "required", meaning: "writes drained to the DB per second" },
    ],
    guarantee:
      "Writes are acknowledged when queued and reach the DB at no more than rate per second.",
  },
];
