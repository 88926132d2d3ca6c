#!/usr/bin/env node
// Benchmark harness for stampede-sim (not part of tests or CI). See bench/README.md.
// Parent mode: spawns one child node process per case, collects one JSON line from each,
// prints a table and writes bench/results/latest.json.
// Child mode (`--child <case-id>`): runs a single case and prints one JSON line.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const homepage = join(root, "scenarios", "homepage.yaml");
const PYTHON = "/usr/bin/python3";
const SIMPY_REQUESTS = 1_000_000;

const TARGETS = {
  mmcReqPerSec: 2_000_000,
  simpyRatio: 10,
  strategyWallMs: 12_000,
  peakRssMB: 300,
};

// ---------------------------------------------------------------- child mode

function mmcConfig() {
  const noRetry = {
    attempts: 1,
    backoff: { kind: "none", baseMs: 0, capMs: 0, jitter: "none" },
    budget: null,
  };
  return {
    name: "mmc",
    seed: 1,
    durationMs: 1_000_000,
    warmupMs: 0,
    bucketMs: 1_000,
    traffic: [
      {
        name: "source",
        load: { kind: "open", ratePerSec: 1_000, stages: [] },
        keys: { count: 1, popularity: "uniform", exponent: 1 },
        writeRatio: 0,
      },
    ],
    client: { timeoutMs: null, retry: noRetry, throttle: null },
    app: { instances: 1, balancing: "round-robin", localCache: null, db: null },
    cache: null,
    db: {
      service: { kind: "exponential", meanMs: 40 },
      writeService: { kind: "exponential", meanMs: 40 },
      servers: 50,
      queue: { limit: null, timeoutMs: null },
      slowdown: { kind: "none" },
      cancelOnTimeout: false,
      failureRate: 0,
    },
    events: [],
    strategy: {
      name: "naive",
      ttlJitter: null,
      freshness: null,
      coalescing: null,
      protection: null,
      admission: null,
      background: null,
      writes: null,
    },
  };
}

async function runChild(id) {
  const { simulate } = await import("../dist/sim/simulate.js");
  let config;
  if (id === "a:mmc") {
    config = mmcConfig();
  } else if (id.startsWith("d:")) {
    // d:<strategy>:<durationMs>:<ratePerSec>: the homepage's hot key at a much higher rate.
    const [, strategy, durationMs, ratePerSec] = id.split(":");
    const { loadScenarioFile } = await import("../dist/scenario/load.js");
    const base = loadScenarioFile(homepage).configFor(strategy);
    config = {
      ...base,
      durationMs: Number(durationMs),
      traffic: base.traffic.map((t) => ({
        ...t,
        load: { ...t.load, ratePerSec: Number(ratePerSec) },
      })),
    };
  } else {
    // b:<strategy>:<durationMs>  or  c:<strategy>:<durationMs>
    const [, strategy, durationMs] = id.split(":");
    const { loadScenarioFile } = await import("../dist/scenario/load.js");
    config = loadScenarioFile(homepage).configFor(strategy);
    config = { ...config, durationMs: Number(durationMs) }; // warmup kept
  }
  if (id.startsWith("c:")) return runMemoryChild(id, config);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const out = simulate(config);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const simulatedRequests = out.metrics.requests.total;
  const line = {
    case: id,
    wallMs: Math.round(wallMs),
    // CPU time of simulate() (user + system, all threads: GC helpers included). On a shared
    // machine wall time also counts waiting for a core; CPU time shows the work itself.
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    simulatedRequests,
    eventsProcessed: out.eventsProcessed,
    requestsPerSec: Math.round(simulatedRequests / (wallMs / 1000)),
    maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * (c): besides peak RSS, which follows V8's heap sizing as much as what the run keeps, the live
 * heap: the most still in use after a full GC, looked at every million events. A run that keeps
 * something per request shows it here in proportion to its length.
 */
async function runMemoryChild(id, config) {
  const { Simulation } = await import("../dist/sim/simulate.js");
  const run = new Simulation(config);
  let liveHeapBytes = 0;
  const start = process.hrtime.bigint();
  while (!run.advance(1_000_000)) {
    globalThis.gc();
    liveHeapBytes = Math.max(liveHeapBytes, process.memoryUsage().heapUsed);
  }
  const out = run.finish();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const line = {
    case: id,
    wallMs: Math.round(wallMs),
    simulatedRequests: out.metrics.requests.total,
    eventsProcessed: out.eventsProcessed,
    requestsPerSec: Math.round(out.metrics.requests.total / (wallMs / 1000)),
    maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    liveHeapMB: Math.round((liveHeapBytes / 1e6) * 10) / 10,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// ---------------------------------------------------------------- parent mode

function runCase(id) {
  process.stderr.write(`  running ${id} ...\n`);
  // (c) forces full GCs to see the live heap; the other cases run as a user would.
  const flags = id.startsWith("c:") ? ["--expose-gc"] : [];
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), "--child", id], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr ?? "");
    throw new Error(`case ${id} crashed (exit ${r.status}, signal ${r.signal})`);
  }
  const last = r.stdout.trim().split("\n").pop();
  return JSON.parse(last);
}

function simpyAvailable() {
  // SimPy 3/4 (`import simpy`) or Debian's python3-simpy, which is SimPy 2.3 (`SimPy.Simulation`).
  const code = "try:\n import simpy\nexcept ImportError:\n import SimPy.Simulation";
  const r = spawnSync(PYTHON, ["-c", code], { encoding: "utf8" });
  return r.status === 0;
}

function runSimpy() {
  process.stderr.write("  running simpy M/M/c ...\n");
  const r = spawnSync(PYTHON, [join(here, "mmc_simpy.py"), String(SIMPY_REQUESTS)], {
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr ?? "");
    throw new Error(`simpy case crashed (exit ${r.status})`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

function met(ok) {
  return ok ? "met" : "NOT met";
}

function fmt(n) {
  return typeof n === "number" ? n.toLocaleString("en-US") : String(n);
}

function printTable(rows) {
  const headers = [
    "case",
    "wall ms",
    "cpu ms",
    "sim requests",
    "events",
    "req/s",
    "peak RSS MB",
    "target",
    "status",
  ];
  const cells = rows.map((r) => [
    r.case,
    fmt(r.wallMs),
    fmt(r.cpuMs ?? ""),
    fmt(r.simulatedRequests),
    fmt(r.eventsProcessed),
    fmt(r.requestsPerSec),
    fmt(r.maxRssMB),
    r.target ?? "",
    r.status ?? "",
  ]);
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => String(c[i]).length)),
  );
  const line = (c) =>
    c
      .map((v, i) =>
        i === 0 || i >= 7 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]),
      )
      .join("  ");
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main() {
  const args = process.argv.slice(2);
  const childAt = args.indexOf("--child");
  if (childAt >= 0) return runChild(args[childAt + 1]);

  const quick = args.includes("--quick") || process.env.BENCH_QUICK === "1";
  const onlyAt = args.indexOf("--only");
  const only = onlyAt >= 0 ? new Set(args[onlyAt + 1].split(",")) : new Set(["a", "b", "c", "d"]);
  for (const o of only)
    if (!["a", "b", "c", "d"].includes(o))
      throw new Error(`--only expects a, b, c or d (got ${o})`);

  const MIN = 60_000;
  const bDuration = quick ? 10 * MIN : 60 * MIN;
  const cShort = quick ? 10 * MIN : 60 * MIN;
  const cLong = quick ? 40 * MIN : 240 * MIN;

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    quick,
    targets: TARGETS,
    cases: [],
    summary: {},
  };
  const rows = [];
  const notes = [];

  if (only.has("a")) {
    const a = runCase("a:mmc");
    a.target = `>= ${fmt(TARGETS.mmcReqPerSec)} req/s`;
    a.status = met(a.requestsPerSec >= TARGETS.mmcReqPerSec);
    rows.push(a);
    results.cases.push(a);
    if (simpyAvailable()) {
      const s = runSimpy();
      const ratio = a.requestsPerSec / s.requestsPerSec;
      const row = { ...s, case: `a:mmc-simpy (${s.simpy})`, target: "(reference)", status: "" };
      rows.push(row);
      results.cases.push(s);
      results.summary.simpyRatio = ratio;
      notes.push(
        `(a) stampede-sim / ${s.simpy} req/s = ${ratio.toFixed(1)}x   target >= ${TARGETS.simpyRatio}x: ${met(ratio >= TARGETS.simpyRatio)}`,
      );
    } else {
      results.summary.simpyRatio = null;
      notes.push(
        `(a) SimPy comparison skipped: ${PYTHON} cannot import simpy. Install it with \`apt-get install python3-simpy\` (SimPy 2.3, used through its classic API) or \`pip install simpy\` (SimPy 4).`,
      );
    }
  }

  if (only.has("b")) {
    const { loadScenarioFile } = await import("../dist/scenario/load.js");
    const names = loadScenarioFile(homepage).strategyNames;
    for (const name of names) {
      const b = runCase(`b:${name}:${bDuration}`);
      // The 12 s target is for one simulated hour; with --quick, scale the measured time to 1 h.
      const scale = (60 * MIN) / bDuration;
      b.projectedWallMsPerHour = Math.round(b.wallMs * scale);
      const okTime = b.projectedWallMsPerHour <= TARGETS.strategyWallMs;
      const okRss = b.maxRssMB <= TARGETS.peakRssMB;
      b.target = `<= ${TARGETS.strategyWallMs / 1000} s, <= ${TARGETS.peakRssMB} MB`;
      b.status = `time ${met(okTime)}, RSS ${met(okRss)}`;
      if (quick)
        b.status = `time ${met(okTime)} (x${scale} = ${fmt(b.projectedWallMsPerHour)} ms/h), RSS ${met(okRss)}`;
      rows.push(b);
      results.cases.push(b);
    }
  }

  if (only.has("c")) {
    const s = runCase(`c:naive:${cShort}`);
    const l = runCase(`c:naive:${cLong}`);
    for (const r of [s, l]) {
      r.target = `<= ${TARGETS.peakRssMB} MB`;
      r.status = `RSS ${met(r.maxRssMB <= TARGETS.peakRssMB)}`;
      rows.push(r);
      results.cases.push(r);
    }
    const ratio = l.maxRssMB / s.maxRssMB;
    results.summary.rssRatio = ratio;
    notes.push(
      `(c) peak RSS naive ${cLong / MIN} min vs ${cShort / MIN} min: ${l.maxRssMB} MB / ${s.maxRssMB} MB = ${ratio.toFixed(2)} (flat = 1.00)`,
      `(c) live heap after GC, same runs: ${l.liveHeapMB} MB / ${s.liveHeapMB} MB = ${(l.liveHeapMB / s.liveHeapMB).toFixed(2)} (flat = 1.00)`,
    );
    results.summary.liveHeapRatio = l.liveHeapMB / s.liveHeapMB;
  }

  if (only.has("d")) {
    // The skip-ahead showcase: one hot key at 1,000,000 req/s, kept fresh by a background refresh.
    const dDuration = quick ? MIN : 10 * MIN;
    const d = runCase(`d:refresh:${dDuration}:1000000`);
    d.target = "(skip-ahead; no target)";
    d.status = "";
    rows.push(d);
    results.cases.push(d);
  }

  console.log(`\nstampede-sim bench${quick ? " (--quick)" : ""}, node ${process.version}\n`);
  printTable(rows);
  if (notes.length) console.log(`\n${notes.join("\n")}`);

  const outDir = join(here, "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${join("bench", "results", "latest.json")}`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
