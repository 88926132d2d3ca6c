import type { SimConfig, TrafficSource } from "../config.js";
import { samplerFor } from "../kernel/distributions.js";
import { namedStream, type RandomStream } from "../kernel/random.js";
import type { Clients } from "./clients.js";
import type { ArrivalStream, FreshReadSkipper } from "./freshReadSkipper.js";
import { keyChooserFor } from "./keyChooser.js";
import type { PlainReads } from "./plainRead.js";
import { RateProfile, spikeWindows } from "./rateProfile.js";
import { ClientRequest, type RequestOrigin } from "./request.js";
import { AdaptiveThrottle, RetryBudgetBucket } from "./retryPolicy.js";
import type { World } from "./world.js";

/**
 * Arrivals of every traffic source. Each source (and each closed-loop client, burst and cron job)
 * draws its arrival times, keys and operations from its own named streams, so open-loop arrivals
 * are the same under every strategy (common random numbers).
 */
export class Traffic {
  private nextStreamId = 0;
  /** Retry budget and throttling state per open-loop source, shared with its bursts. */
  private readonly sourceOrigins = new Map<string, RequestOrigin>();

  constructor(
    private readonly world: World,
    private readonly clients: Clients,
    /** Skip-ahead over runs of fresh reads of an open-loop source, when it applies. */
    private readonly skipperFor: ((source: TrafficSource) => FreshReadSkipper | null) | null = null,
    /** The short path for reads, when nothing on the full path could act (see PlainReads). */
    private readonly plainReads: PlainReads | null = null,
  ) {}

  /** Schedules every source's arrivals for the whole run. */
  schedule(): void {
    const config = this.world.config;
    for (const source of config.traffic) {
      if (source.load.kind === "open") this.scheduleOpen(source, source.load.ratePerSec);
      else this.scheduleClosed(source, source.load.clients);
    }
    config.events.forEach((event, index) => {
      if (event.kind === "burst") {
        const source = sourceNamed(config, event.source);
        this.scheduleBurst(source, `event${index}`, event.atMs, event.requests, event.withinMs);
      } else if (event.kind === "cron") {
        const source = sourceNamed(config, event.source);
        let round = 0;
        for (let at = event.atMs; at < config.durationMs; at += event.everyMs) {
          this.scheduleBurst(
            source,
            `event${index}/${round++}`,
            at,
            event.requests,
            event.withinMs,
          );
        }
      }
    });
  }

  /** A new request numbering that shares `shared`'s budget and throttle, or gets its own. */
  private origin(shared?: RequestOrigin): RequestOrigin {
    if (shared) {
      return { ...shared, streamId: this.nextStreamId++, nextSeq: 0 };
    }
    const client = this.world.config.client;
    return {
      streamId: this.nextStreamId++,
      nextSeq: 0,
      budget: client.retry.budget ? new RetryBudgetBucket(client.retry.budget) : null,
      throttle: client.throttle ? new AdaptiveThrottle(client.throttle) : null,
    };
  }

  /** A request generator for one origin: key and operation drawn from its own streams. */
  private requestMaker(
    source: TrafficSource,
    streamName: string,
    origin: RequestOrigin,
  ): (onDone: (() => void) | null) => void {
    const world = this.world;
    const seed = world.config.seed;
    const keyStream = namedStream(seed, `${streamName}/keys`);
    const opStream = namedStream(seed, `${streamName}/ops`);
    const chooser = keyChooserFor(source.keys);
    const writeRatio = source.writeRatio;
    // One key needs no draw: the stream is this source's alone and nothing else reads it.
    const singleKey = source.keys.count === 1;
    const plainReads = this.plainReads;
    return (onDone) => {
      const now = world.kernel.now;
      const key = singleKey ? 0 : chooser.pick(keyStream.next());
      const isWrite = writeRatio > 0 && opStream.next() <= writeRatio;
      const measured = world.recorder.requestArrived(now);
      if (plainReads !== null && !isWrite) {
        plainReads.start(origin, origin.nextSeq++, key, now, measured, onDone);
        return;
      }
      const request = new ClientRequest(
        origin,
        origin.nextSeq++,
        key,
        isWrite,
        now,
        measured,
        onDone,
      );
      this.clients.start(request);
    };
  }

  private openOrigin(source: TrafficSource): RequestOrigin {
    let origin = this.sourceOrigins.get(source.name);
    if (!origin) {
      origin = this.origin();
      this.sourceOrigins.set(source.name, origin);
    }
    return origin;
  }

  private scheduleOpen(source: TrafficSource, ratePerSec: number): void {
    if (source.load.kind !== "open") return;
    const config = this.world.config;
    const spikes = spikeWindows(source.name, config.events);
    const profile = new RateProfile(ratePerSec, source.load.stages, spikes, config.durationMs);
    const name = `traffic/${source.name}`;
    const arrivals = namedStream(config.seed, `${name}/arrivals`);
    const origin = this.openOrigin(source);
    const make = this.requestMaker(source, name, origin);
    const kernel = this.world.kernel;
    const skipper = this.skipperFor?.(source) ?? null;
    // A source has at most one arrival pending: it waits in a slot of its own, outside the heap,
    // and runs at its own time (the clock's then).
    const slot = kernel.slot(() => arrive(kernel.now));
    const stream: ArrivalStream = {
      origin,
      nextAfter: (fromMs) => profile.nextArrival(fromMs, -Math.log(arrivals.next())),
      schedule: (at) => slot.at(at),
    };
    const arrive = (at: number) => {
      if (skipper?.trySkipFrom(at, stream)) return;
      make(null);
      next(at);
    };
    const next = (fromMs: number) => {
      const at = stream.nextAfter(fromMs);
      if (at < config.durationMs) stream.schedule(at);
    };
    next(0);
  }

  private scheduleClosed(source: TrafficSource, clientCount: number): void {
    if (source.load.kind !== "closed") return;
    const think = samplerFor(source.load.think);
    const kernel = this.world.kernel;
    const seed = this.world.config.seed;
    for (let c = 0; c < clientCount; c++) {
      const name = `traffic/${source.name}/client${c}`;
      const thinkStream: RandomStream = namedStream(seed, `${name}/think`);
      const make = this.requestMaker(source, name, this.origin());
      const cycle = () => {
        kernel.after(think.sample(thinkStream.next(), thinkStream.next()), () => make(cycle));
      };
      cycle();
    }
  }

  private scheduleBurst(
    source: TrafficSource,
    name: string,
    atMs: number,
    requests: number,
    withinMs: number,
  ): void {
    const streamName = `traffic/${source.name}/${name}`;
    const timing = namedStream(this.world.config.seed, `${streamName}/arrivals`);
    const times = new Float64Array(requests);
    for (let i = 0; i < requests; i++) times[i] = atMs + withinMs * (1 - timing.next());
    times.sort();
    const make = this.requestMaker(source, streamName, this.origin(this.openOrigin(source)));
    const kernel = this.world.kernel;
    const end = this.world.config.durationMs;
    let i = 0;
    const next = () => {
      if (i >= times.length || (times[i] as number) >= end) return;
      kernel.at(times[i] as number, () => {
        // Requests sharing one instant arrive in one event, in order.
        const t = times[i] as number;
        while (i < times.length && times[i] === t) {
          i++;
          make(null);
        }
        next();
      });
    };
    next();
  }
}

function sourceNamed(config: SimConfig, name: string): TrafficSource {
  const source = config.traffic.find((s) => s.name === name);
  if (!source) throw new Error(`unknown traffic source ${name}`);
  return source;
}
