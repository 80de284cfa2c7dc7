import { describe, expect, it } from 'vitest';
import { PlacementIndex } from '../../src/models/placementIndex.ts';
import { Random } from '../../src/sim/random.ts';

interface Room {
  cpu: number;
  mem: number;
  pods: number;
  free: number;
}

describe('PlacementIndex', () => {
  for (const mostAllocated of [false, true]) {
    // Seeds 4 and 5 draw scores from four values only, so many nodes tie for the best score.
    for (const seed of [1, 2, 3, 4, 5]) {
      it(`${mostAllocated ? 'MostAllocated' : 'LeastAllocated'}: returns a node with the best score among those that fit (seed ${seed}${seed > 3 ? ', ties' : ''})`, () => {
        // Under 128 slots the search budget is never reached, so the answer must be the best node.
        const rng = new Random(seed);
        const index = new PlacementIndex(mostAllocated, 4);
        const rooms = new Map<number, Room>();
        for (let step = 0; step < 4000; step++) {
          const op = rng.int(10);
          const slot = rng.int(100);
          if (op < 5) {
            const room = { cpu: rng.int(8000), mem: rng.int(32768), pods: rng.int(4), free: seed > 3 ? rng.int(4) / 4 : rng.next() };
            rooms.set(slot, room);
            index.set(slot, room.cpu, room.mem, room.pods, room.free);
          } else if (op < 6) {
            rooms.delete(slot);
            index.clear(slot);
          } else {
            const cpu = rng.int(8000);
            const mem = rng.int(32768);
            const fits = [...rooms.entries()].filter(([, r]) => r.cpu >= cpu && r.mem >= mem && r.pods >= 1);
            const got = index.best(cpu, mem);
            if (fits.length === 0) {
              expect(got).toBe(-1);
              continue;
            }
            const scores = fits.map(([, r]) => r.free);
            const want = mostAllocated ? Math.min(...scores) : Math.max(...scores);
            const room = rooms.get(got);
            expect(room, `slot ${got} is not schedulable`).toBeDefined();
            expect(room!.cpu >= cpu && room!.mem >= mem && room!.pods >= 1).toBe(true);
            expect(room!.free).toBe(want);
          }
        }
      });
    }
  }

  for (const seed of [1, 2, 3]) {
    it(`firstFit returns the lowest slot in the range that fits and is accepted (seed ${seed})`, () => {
      const rng = new Random(seed);
      const index = new PlacementIndex(false, 4);
      const rooms = new Map<number, Room>();
      for (let step = 0; step < 3000; step++) {
        const slot = rng.int(200);
        if (rng.int(4) > 0) {
          const room = { cpu: rng.int(8000), mem: rng.int(32768), pods: rng.int(3), free: rng.next() };
          rooms.set(slot, room);
          index.set(slot, room.cpu, room.mem, room.pods, room.free);
        } else {
          rooms.delete(slot);
          index.clear(slot);
        }
        const cpu = rng.int(8000);
        const mem = rng.int(32768);
        const from = rng.int(220);
        const to = from + rng.int(220);
        const refused = new Set(Array.from({ length: rng.int(20) }, () => rng.int(200)));
        let want = -1;
        for (let s = from; s < to && want < 0; s++) {
          const r = rooms.get(s);
          if (r && r.cpu >= cpu && r.mem >= mem && r.pods >= 1 && !refused.has(s)) want = s;
        }
        expect(index.firstFit(cpu, mem, from, to, (s) => !refused.has(s))).toBe(want);
      }
    });
  }

  it('refuses a request no node fits without searching again, until a node has room for it', () => {
    // Two nodes: the most free CPU (3000) is on node 0, the most free memory (6000) on node 1, so
    // the root allows (2000, 5000) although neither node fits it.
    const index = new PlacementIndex(false, 4);
    index.set(0, 3000, 1000, 5, 0.4);
    index.set(1, 1000, 6000, 5, 0.5);
    expect(index.best(2000, 5000)).toBe(-1);
    expect(index.searches).toBe(1);
    // The same request, and any at least as large in both, are refused without a search.
    expect(index.best(2000, 5000)).toBe(-1);
    expect(index.best(2500, 5500)).toBe(-1);
    expect(index.searches).toBe(1);
    // A smaller one is searched (and fails too: node 0 has 1000 memory, node 1 1000 CPU).
    expect(index.best(1500, 5000)).toBe(-1);
    expect(index.searches).toBe(2);
    // Room that does not fit the request keeps the refusal; room that does ends it.
    index.set(0, 3000, 4000, 5, 0.6);
    expect(index.best(2000, 5000)).toBe(-1);
    expect(index.searches).toBe(2);
    index.set(1, 2000, 6000, 5, 0.7);
    expect(index.best(2000, 5000)).toBe(1);
  });

  it('keeps nodes set before it grows', () => {
    const index = new PlacementIndex(false, 2);
    index.set(0, 1000, 1000, 1, 0.1);
    index.set(1, 2000, 2000, 1, 0.2);
    index.set(40, 500, 500, 1, 0.9);
    expect(index.capacity).toBe(64);
    expect(index.best(1500, 1500)).toBe(1);
    expect(index.best(400, 400)).toBe(40);
    index.clear(40);
    expect(index.best(400, 400)).toBe(1);
    expect(index.best(3000, 100)).toBe(-1);
  });
});
