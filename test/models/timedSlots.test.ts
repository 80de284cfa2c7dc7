import { describe, expect, it } from 'vitest';
import { TimedSlots } from '../../src/models/timedSlots.ts';

describe('TimedSlots', () => {
  it('gives slots back earliest time first, growing past its first capacity', () => {
    const h = new TimedSlots();
    expect(h.headTime).toBe(Infinity);
    // 200 slots with times (slot * 37) mod 200: a permutation of 0..199, pushed out of order.
    for (let s = 0; s < 200; s++) h.push(s, (s * 37) % 200);
    expect(h.size).toBe(200);
    const out: number[] = [];
    while (h.size > 0) {
      const t = h.headTime;
      const s = h.pop();
      expect((s * 37) % 200).toBe(t);
      out.push(t);
    }
    expect(out).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(h.headTime).toBe(Infinity);
  });

  it('keeps every entry of equal times', () => {
    const h = new TimedSlots();
    h.push(1, 5);
    h.push(2, 5);
    h.push(3, 1);
    expect(h.pop()).toBe(3);
    expect([h.pop(), h.pop()].sort()).toEqual([1, 2]);
    expect(h.size).toBe(0);
  });
});
