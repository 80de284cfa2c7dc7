import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/sim/kernel.ts';
import { EventQueue } from '../../src/sim/eventQueue.ts';
import { Random } from '../../src/sim/random.ts';

describe('Kernel', () => {
  it('runs events in time order and same-time events first-in-first-out', () => {
    const k = new Kernel();
    const log: Array<[string, number]> = [];
    const names = ['a', 'b', 'c', 'd', 'e'];
    const kind = k.on('log', (i) => log.push([names[i], k.now]));
    k.schedule(5, kind, 0);
    k.schedule(1, kind, 1);
    k.schedule(5, kind, 2);
    k.schedule(3, kind, 3);
    k.schedule(5, kind, 4);
    k.run();
    expect(log).toEqual([
      ['b', 1],
      ['d', 3],
      ['a', 5],
      ['c', 5],
      ['e', 5],
    ]);
  });

  it('runs lower priority numbers first among events at the same time', () => {
    const k = new Kernel();
    const log: string[] = [];
    const kind = k.on('log', (p) => log.push(`p${p}`));
    k.schedule(2, kind, 3, 3);
    k.schedule(2, kind, 1, 1);
    k.schedule(2, kind, 2, 2);
    k.schedule(2, kind, 0, 0);
    k.run();
    expect(log).toEqual(['p0', 'p1', 'p2', 'p3']);
  });

  it('lets a handler schedule follow-up events, including at the current time (after those already queued)', () => {
    const k = new Kernel();
    const log: Array<[string, number]> = [];
    const tick = k.on('tick', (n) => {
      log.push([`tick${n}`, k.now]);
      if (n < 3) k.schedule(k.now + 10, tick, n + 1);
    });
    const same = k.on('same', () => log.push(['same', k.now]));
    const first = k.on('first', () => {
      log.push(['first', k.now]);
      k.schedule(k.now, same);
    });
    k.schedule(0, tick, 0);
    k.schedule(10, first);
    k.run();
    expect(log).toEqual([
      ['tick0', 0],
      ['first', 10],
      ['tick1', 10],
      ['same', 10],
      ['tick2', 20],
      ['tick3', 30],
    ]);
  });

  it('stops at `until` and `maxSteps` and resumes exactly where it stopped', () => {
    const k = new Kernel();
    const seen: number[] = [];
    const kind = k.on('x', (i) => seen.push(i));
    for (let i = 0; i < 10; i++) k.schedule(i, kind, i);
    expect(k.run({ until: 3.5 })).toEqual({ done: true, now: 3.5, steps: 4 });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(k.run({ maxSteps: 2 })).toEqual({ done: false, now: 5, steps: 6 });
    expect(k.run()).toEqual({ done: true, now: 9, steps: 10 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses to schedule in the past, naming the event', () => {
    const k = new Kernel();
    const kind = k.on('podArrives', () => k.schedule(1, kind));
    k.schedule(5, kind);
    expect(() => k.run()).toThrow('cannot schedule podArrives at 1: it is before now (5)');
  });

  it('runs the events of several streams and of the heap in one (time, priority, sequence) order', () => {
    // Worked by hand. Scheduled in this order (sequence 0..4): stream A at 5, heap H1 at 5,
    // stream B at 5, heap H3 at 5 with priority -1, heap H4 at 4. Then t = 4: H4; t = 5: H3 first
    // (lower priority number), then priority 0 by sequence: A0, H1, B2; A0 schedules A5 at 5
    // (sequence 5), which comes after B2 (sequence 2) although stream A fired before B.
    const k = new Kernel();
    const log: string[] = [];
    const a = k.openStream();
    const b = k.openStream();
    const kA = k.on('a', (p) => {
      log.push(`A${p}`);
      if (p === 0) k.scheduleStream(a, 5, kA, 5);
    });
    const kB = k.on('b', (p) => log.push(`B${p}`));
    const kH = k.on('h', (p) => log.push(`H${p}`));
    k.scheduleStream(a, 5, kA, 0);
    k.schedule(5, kH, 1);
    k.scheduleStream(b, 5, kB, 2);
    k.schedule(5, kH, 3, -1);
    k.schedule(4, kH, 4);
    expect(k.pending).toBe(5);
    k.run();
    expect(log).toEqual(['H4', 'H3', 'A0', 'H1', 'B2', 'A5']);
    expect(k.pending).toBe(0);
  });

  it('lets a later-scheduled stream event lead when it is earlier, or of a lower priority number at the same time', () => {
    // A at 10, then B at 7: B first. Then A at 20 priority 1 and B at 20 priority 0 (scheduled
    // after A): B first again; last C at 20 priority 1, after A (same time and priority, later).
    const k = new Kernel();
    const log: string[] = [];
    const [a, b, c] = [k.openStream(), k.openStream(), k.openStream()];
    const kind = k.on('x', (p) => {
      log.push(`${'ABC'[p % 3]}@${k.now}`);
      if (p === 1) {
        // B fired at 7; A is still pending at 10.
        k.scheduleStream(b, 20, kind, 4, 0);
      }
      if (p === 0) {
        k.scheduleStream(a, 20, kind, 3, 1);
        k.scheduleStream(c, 20, kind, 5, 1);
      }
    });
    k.scheduleStream(a, 10, kind, 0);
    k.scheduleStream(b, 7, kind, 1);
    k.run();
    // At 10, A schedules A@20 (priority 1, sequence 3) and C@20 (priority 1, sequence 4); B@20
    // (priority 0, sequence 2) was scheduled at 7.
    expect(log).toEqual(['B@7', 'A@10', 'B@20', 'A@20', 'C@20']);
  });

  it('ends normally on an empty queue', () => {
    const k = new Kernel();
    expect(k.step()).toBe(false);
    expect(k.run()).toEqual({ done: true, now: 0, steps: 0 });
  });
});

describe('EventQueue', () => {
  for (const seed of [1, 2, 3]) {
    it(`pops 5,000 random events in (time, priority, insertion) order (seed ${seed})`, () => {
      const rng = new Random(seed);
      const q = new EventQueue(4);
      const events: Array<{ t: number; p: number; i: number }> = [];
      for (let i = 0; i < 5000; i++) {
        // Few distinct times so ties are common.
        const t = rng.int(50);
        const p = rng.int(3);
        events.push({ t, p, i });
        q.push(t, 0, i, p);
      }
      const expected = [...events].sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i).map((e) => e.i);
      const got: number[] = [];
      while (q.pop()) got.push(q.poppedPayload);
      expect(got).toEqual(expected);
    });
  }

  for (const seed of [4, 5, 6]) {
    it(`pops heap and stream events together in one (time, priority, sequence) order (seed ${seed})`, () => {
      // A naive list of pending events is the reference: every pop must take its minimum.
      const rng = new Random(seed);
      const q = new EventQueue(4);
      const stream = q.openStream();
      type E = { t: number; p: number; seq: number; id: number; stream: boolean };
      let pending: E[] = [];
      let seq = 0;
      let id = 0;
      const add = (t: number, p: number, isStream: boolean) => {
        const e = { t, p, seq: seq++, id: id++, stream: isStream };
        pending.push(e);
        if (isStream) q.pushStream(stream, t, 0, e.id, p);
        else q.push(t, 0, e.id, p);
      };
      add(0, 4, true);
      for (let i = 0; i < 20; i++) add(rng.int(30), rng.int(3), false);
      let popped = 0;
      while (pending.length > 0) {
        const min = pending.reduce((a, b) => (b.t < a.t || (b.t === a.t && (b.p < a.p || (b.p === a.p && b.seq < a.seq))) ? b : a));
        pending = pending.filter((e) => e !== min);
        expect(q.pop()).toBe(true);
        expect([q.poppedTime, q.poppedPayload]).toEqual([min.t, min.id]);
        expect(q.size).toBe(pending.length);
        popped++;
        const now = min.t;
        // The stream schedules its next event when one fires; other events come and go at random.
        if (min.stream && popped < 3000) add(now + rng.int(3), rng.int(2) * 4, true);
        if (popped < 3000) for (let k = rng.int(3); k > 0; k--) add(now + rng.int(20), rng.int(3), false);
      }
      expect(q.pop()).toBe(false);
      expect(popped).toBeGreaterThan(3000);
    });
  }

  for (const seed of [7, 8, 9]) {
    it(`keeps the order across calendar buckets, the overflow beyond the ring, long jumps and infinite times (seed ${seed})`, () => {
      // Events from the same instant to weeks ahead (the calendar ring covers about 68 hours), with
      // idle stretches, against a naive list of pending events.
      const rng = new Random(seed);
      const q = new EventQueue(2);
      type E = { t: number; p: number; seq: number; id: number };
      let pending: E[] = [];
      let seq = 0;
      const ahead = () => {
        const r = rng.int(10);
        if (r < 3) return rng.int(3); // same or nearly the same time: ties
        if (r < 6) return rng.uniform(0, 600);
        if (r < 8) return rng.uniform(3600, 86400);
        if (r < 9) return rng.uniform(3e5, 5e6); // beyond the ring
        return rng.next() < 0.1 ? Infinity : rng.uniform(60, 120) * 1000;
      };
      const add = (t: number) => {
        const e = { t, p: rng.int(3), seq: seq++, id: seq };
        pending.push(e);
        q.push(e.t, 1, e.id, e.p);
      };
      for (let i = 0; i < 50; i++) add(ahead());
      let popped = 0;
      while (pending.length > 0) {
        const min = pending.reduce((a, b) => (b.t < a.t || (b.t === a.t && (b.p < a.p || (b.p === a.p && b.seq < a.seq))) ? b : a));
        pending = pending.filter((e) => e !== min);
        expect(q.peekTime()).toBe(min.t);
        expect(q.pop()).toBe(true);
        expect([q.poppedTime, q.poppedPayload, q.poppedKind]).toEqual([min.t, min.id, 1]);
        expect(q.size).toBe(pending.length);
        popped++;
        if (popped < 2500 && min.t !== Infinity) for (let k = rng.int(3); k > 0; k--) add(min.t + ahead());
      }
      expect(q.pop()).toBe(false);
      expect(q.peekTime()).toBe(Infinity);
      expect(popped).toBeGreaterThan(1000);
    });
  }

  for (const seed of [10, 11, 12]) {
    it(`keeps the order of a stream that runs ahead of, or behind, far parked events (seed ${seed})`, () => {
      // The calendar advances only as far as the stream needs: stream events hours or days apart
      // (the overflow beyond the ring, jumps to the stream's bucket), events parked from the same
      // instant to weeks ahead, and idle stretches, against a naive list of pending events.
      const rng = new Random(seed);
      const q = new EventQueue(2);
      const stream = q.openStream();
      type E = { t: number; p: number; seq: number; id: number; stream: boolean };
      let pending: E[] = [];
      let seq = 0;
      const ahead = () => {
        const r = rng.int(10);
        if (r < 3) return rng.int(3);
        if (r < 6) return rng.uniform(0, 600);
        if (r < 8) return rng.uniform(3600, 86400);
        if (r < 9) return rng.uniform(3e5, 5e6);
        return rng.next() < 0.1 ? Infinity : rng.uniform(60, 120) * 1000;
      };
      const add = (t: number, isStream: boolean) => {
        const e = { t, p: rng.int(3), seq: seq++, id: seq, stream: isStream };
        pending.push(e);
        if (isStream) q.pushStream(stream, e.t, 1, e.id, e.p);
        else q.push(e.t, 1, e.id, e.p);
      };
      // Whole multiples of the 10 s bucket too: a stream event exactly at a bucket's start ties with parked ones.
      add(10 * rng.int(3), true);
      for (let i = 0; i < 30; i++) add(ahead(), false);
      let popped = 0;
      while (pending.length > 0) {
        const min = pending.reduce((a, b) => (b.t < a.t || (b.t === a.t && (b.p < a.p || (b.p === a.p && b.seq < a.seq))) ? b : a));
        pending = pending.filter((e) => e !== min);
        // peekTime on every other pop only: it refills the heap, which would hide a pop that does not.
        if (popped % 2 === 1) expect(q.peekTime()).toBe(min.t);
        expect(q.pop()).toBe(true);
        expect([q.poppedTime, q.poppedPayload]).toEqual([min.t, min.id]);
        expect(q.size).toBe(pending.length);
        popped++;
        if (min.t === Infinity || popped >= 4000) continue;
        // The stream's next event: soon (often the same instant), minutes, hours or days later.
        if (min.stream) {
          const r = rng.int(8);
          const t = min.t + (r < 3 ? rng.int(2) : r < 5 ? rng.uniform(0, 100) : r < 7 ? rng.uniform(1e3, 5e4) : rng.uniform(5e4, 1e6));
          add(rng.int(2) === 0 ? 10 * Math.ceil(t / 10) : t, true);
        }
        for (let k = rng.int(3); k > 0; k--) add(rng.int(3) === 0 ? 10 * (Math.ceil(min.t / 10) + rng.int(3)) : min.t + ahead(), false);
      }
      expect(q.pop()).toBe(false);
      expect(q.peekTime()).toBe(Infinity);
      expect(popped).toBeGreaterThan(3000);
    });
  }

  for (const seed of [13, 14, 15]) {
    it(`pops the events of three streams, the heap and the calendar in one order (seed ${seed})`, () => {
      // Three self-rescheduling chains (each keeps one event pending) among parked events from the
      // same instant to days ahead, against a naive list of pending events.
      const rng = new Random(seed);
      const q = new EventQueue(2);
      const streams = [q.openStream(), q.openStream(), q.openStream()];
      type E = { t: number; p: number; seq: number; id: number; stream: number };
      let pending: E[] = [];
      let seq = 0;
      const add = (t: number, stream: number) => {
        const e = { t, p: rng.int(3), seq: seq++, id: seq, stream };
        pending.push(e);
        if (stream >= 0) q.pushStream(streams[stream], e.t, 1, e.id, e.p);
        else q.push(e.t, 1, e.id, e.p);
      };
      for (const s of [0, 1, 2]) add(10 * rng.int(3), s);
      for (let i = 0; i < 20; i++) add(rng.uniform(0, 1e5), -1);
      let popped = 0;
      while (pending.length > 0) {
        const min = pending.reduce((a, b) => (b.t < a.t || (b.t === a.t && (b.p < a.p || (b.p === a.p && b.seq < a.seq))) ? b : a));
        pending = pending.filter((e) => e !== min);
        if (popped % 3 === 1) expect(q.peekTime()).toBe(min.t);
        expect(q.pop()).toBe(true);
        expect([q.poppedTime, q.poppedPayload]).toEqual([min.t, min.id]);
        expect(q.size).toBe(pending.length);
        popped++;
        if (popped >= 4000) continue;
        const r = rng.int(6);
        const ahead = r < 3 ? rng.int(2) : r < 5 ? rng.uniform(0, 100) : rng.uniform(1e3, 2e5);
        if (min.stream >= 0) add(rng.int(2) === 0 ? 10 * Math.ceil((min.t + ahead) / 10) : min.t + ahead, min.stream);
        for (let k = rng.int(3); k > 0; k--) add(min.t + (rng.int(3) === 0 ? rng.int(2) : rng.uniform(0, 5e4)), -1);
      }
      expect(q.pop()).toBe(false);
      expect(popped).toBeGreaterThan(3000);
    });
  }

  it('holds one stream event at a time', () => {
    const q = new EventQueue();
    const s = q.openStream();
    q.pushStream(s, 1, 0, 0, 0);
    expect(() => q.pushStream(s, 2, 0, 1, 0)).toThrow('the stream already has a pending event');
    expect(() => q.pushStream(s + 1, 2, 0, 1, 0)).toThrow('stream 1 is not open');
    expect(q.peekTime()).toBe(1);
  });
});
