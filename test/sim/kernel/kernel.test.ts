import { describe, expect, it } from "vitest";
import { EventQueue } from "../../../src/sim/kernel/eventQueue.js";
import { Kernel } from "../../../src/sim/kernel/kernel.js";
import { namedStream } from "../../../src/sim/kernel/random.js";

describe("Kernel", () => {
  it("afterPassive: a passive event runs in exactly the place after would give it", () => {
    const kernel = new Kernel();
    const trace: string[] = [];
    kernel.at(1, () => {
      kernel.after(2, () => trace.push("a"));
      kernel.afterPassive(2, () => trace.push("p"));
      kernel.after(2, () => trace.push("b"));
      kernel.afterPassive(1, () => trace.push("early"));
    });
    kernel.run(10);
    expect(trace).toEqual(["early", "a", "p", "b"]);
  });

  it("nextActiveEventMs: the earliest event that is not passive, however deep in the heap", () => {
    const kernel = new Kernel();
    kernel.at(0, () => {
      for (let i = 1; i <= 20; i++) kernel.afterPassive(i, () => {});
      kernel.after(15.5, () => {});
      kernel.after(30, () => {});
    });
    kernel.runFor(Number.POSITIVE_INFINITY, 1);
    expect(kernel.nextActiveEventMs()).toBe(15.5);
    expect(kernel.latestPassiveEventMs).toBe(20);
    kernel.run(16);
    expect(kernel.nextActiveEventMs()).toBe(30);
    kernel.run(31);
    expect(kernel.nextActiveEventMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("runs events in (time, scheduling order): first scheduled first at equal times", () => {
    const kernel = new Kernel();
    const trace: string[] = [];
    const log = (name: string) => () => trace.push(`${kernel.now}:${name}`);
    kernel.at(5, log("a"));
    kernel.at(3, log("b"));
    kernel.at(5, log("c"));
    kernel.at(3, log("d"));
    kernel.at(0, log("e"));
    kernel.at(5, log("f"));
    kernel.run(100);
    expect(trace).toEqual(["0:e", "3:b", "3:d", "5:a", "5:c", "5:f"]);
  });

  it("atReserved: an event pushed late keeps the place in the order its seq was reserved at", () => {
    const kernel = new Kernel();
    const trace: string[] = [];
    const early = kernel.reserveSeq();
    kernel.at(5, () => trace.push("scheduled-after-reservation"));
    kernel.at(2, () => kernel.atReserved(5, early, () => trace.push("reserved")));
    kernel.run(10);
    expect(trace).toEqual(["reserved", "scheduled-after-reservation"]);
  });

  it("runs an event scheduled during another at the same time after those already waiting", () => {
    const kernel = new Kernel();
    const trace: string[] = [];
    kernel.at(1, () => {
      trace.push("a");
      kernel.after(0, () => {
        trace.push("a+0");
        kernel.after(0, () => trace.push("a+0+0"));
      });
      kernel.at(1, () => trace.push("a@1"));
    });
    kernel.at(1, () => trace.push("b"));
    kernel.at(2, () => trace.push("c"));
    kernel.run(10);
    expect(trace).toEqual(["a", "b", "a+0", "a@1", "a+0+0", "c"]);
  });

  it("excludes the end time, leaves the clock there and keeps later events for the next run", () => {
    const kernel = new Kernel();
    const trace: number[] = [];
    for (const t of [9.999, 10, 10, 12]) kernel.at(t, () => trace.push(kernel.now));
    kernel.run(10);
    expect(trace).toEqual([9.999]);
    expect(kernel.now).toBe(10);
    expect(kernel.eventsProcessed).toBe(1);
    kernel.run(12);
    expect(trace).toEqual([9.999, 10, 10]);
    expect(kernel.now).toBe(12);
    kernel.run(13);
    expect(trace).toEqual([9.999, 10, 10, 12]);
    expect(kernel.eventsProcessed).toBe(4);
  });

  it("sets the clock to each event's time while it runs; after() is relative to it", () => {
    const kernel = new Kernel();
    const seen: number[] = [];
    kernel.at(2.5, () => {
      seen.push(kernel.now);
      kernel.after(1.25, () => seen.push(kernel.now));
    });
    kernel.run(10);
    expect(seen).toEqual([2.5, 3.75]);
  });

  it("throws when an event is scheduled in the past (or at NaN)", () => {
    const kernel = new Kernel();
    kernel.at(5, () => {
      expect(() => kernel.at(4.999, () => {})).toThrow(/past/);
      expect(() => kernel.after(-1, () => {})).toThrow(/past/);
      kernel.at(5, () => {}); // now itself is fine
    });
    kernel.run(6);
    expect(() => kernel.at(5.5, () => {})).toThrow(/past/);
    expect(() => kernel.at(Number.NaN, () => {})).toThrow(/past/);
    expect(() => kernel.at(6, () => {})).not.toThrow();
  });
});

describe("Kernel slots", () => {
  it("run a slot's event exactly where at() would have put it, ties included", () => {
    // The same random schedule twice: once with every event through at(), once with two streams
    // of one-pending-event each in slots. The order of the log must be the same.
    function schedule(useSlots: boolean): string[] {
      const kernel = new Kernel();
      const rng = namedStream(5, "test/kernel/slots");
      const log: string[] = [];
      const streams = ["a", "b"].map((name) => {
        let count = 0;
        const fire = (): void => {
          log.push(`${name}${count}@${kernel.now}`);
          // Few distinct times, so ties with heap events and the other slot are frequent.
          if (++count < 300) arm(kernel.now + Math.floor(rng.next() * 3));
          if (rng.next() < 0.5) {
            const at = kernel.now + Math.floor(rng.next() * 3);
            kernel.at(at, () => log.push(`h@${kernel.now}`));
          }
        };
        const slot = useSlots ? kernel.slot(fire) : null;
        const arm = (at: number): void => {
          if (slot !== null) slot.at(at);
          else kernel.at(at, fire);
        };
        return arm;
      });
      for (const arm of streams) arm(0);
      kernel.run(Number.POSITIVE_INFINITY);
      return log;
    }
    const viaSlots = schedule(true);
    expect(viaSlots.length).toBeGreaterThan(600);
    expect(viaSlots).toEqual(schedule(false));
  });

  it("stops at the end time and at the event budget with a slot pending", () => {
    const kernel = new Kernel();
    const times: number[] = [];
    const slot = kernel.slot(() => {
      times.push(kernel.now);
      slot.at(kernel.now + 10);
    });
    slot.at(5);
    expect(kernel.runFor(100, 3)).toBe(false);
    expect(times).toEqual([5, 15, 25]);
    expect(kernel.nextActiveEventMs()).toBe(35);
    expect(kernel.runFor(50, Number.POSITIVE_INFINITY)).toBe(true);
    expect(times).toEqual([5, 15, 25, 35, 45]);
    expect(kernel.now).toBe(50);
    expect(() => slot.at(60)).toThrow(/one pending event/);
  });
});

describe("EventQueue", () => {
  it("pops in (time, seq) order on random pushes interleaved with pops, like a stable sort", () => {
    const rng = namedStream(7, "test/eventQueue");
    const queue = new EventQueue();
    // Reference model: a list kept in (time, seq) order.
    const model: Array<{ time: number; seq: number }> = [];
    const popped: number[] = [];
    const expected: number[] = [];
    const peeks: Array<[number, number]> = [];
    let sizeMismatches = 0;
    let seqMismatches = 0;
    let seq = 0;
    for (let step = 0; step < 6000; step++) {
      // Few distinct times (0..30) so ties are frequent; pushes outnumber pops.
      if (model.length === 0 || rng.next() < 0.6) {
        const time = Math.floor(rng.next() * 31);
        const id = seq++;
        expect(queue.push(time, (payload: number) => popped.push(payload), id)).toBe(id);
        model.push({ time, seq: id });
      } else {
        model.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const head = model.shift() as { time: number; seq: number };
        peeks.push([queue.peekTime(), head.time]);
        expected.push(head.seq);
        queue.pop()(queue.poppedPayload);
        if (queue.poppedSeq !== head.seq) seqMismatches++;
      }
      if (queue.size !== model.length) sizeMismatches++;
    }
    expect(sizeMismatches).toBe(0);
    expect(seqMismatches).toBe(0);
    expect(peeks.filter(([got, want]) => got !== want)).toEqual([]);
    model.sort((a, b) => a.time - b.time || a.seq - b.seq);
    for (const item of model) {
      expect(queue.peekTime()).toBe(item.time);
      expected.push(item.seq);
      queue.pop()(queue.poppedPayload);
    }
    expect(popped).toEqual(expected);
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it("matches a sort of many random real-valued pushes", () => {
    const rng = namedStream(3, "test/eventQueue/real");
    const queue = new EventQueue();
    const items: Array<{ time: number; seq: number }> = [];
    for (let i = 0; i < 5000; i++) {
      const time = rng.next() < 0.2 ? 0.5 : rng.next() * 1000;
      items.push({ time, seq: i });
      queue.push(time, () => out.push(i), undefined);
    }
    const out: number[] = [];
    while (queue.size > 0) queue.pop()(undefined);
    const sorted = [...items].sort((a, b) => a.time - b.time || a.seq - b.seq).map((x) => x.seq);
    expect(out).toEqual(sorted);
  });
});
