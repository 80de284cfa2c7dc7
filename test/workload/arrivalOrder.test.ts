import { describe, expect, it } from 'vitest';
import { arrivalOrder } from '../../src/workload/arrivalOrder.ts';
import { PodTableBuilder } from '../../src/workload/podTable.ts';
import { Random } from '../../src/sim/random.ts';

/** The definition: indices ordered by value, equal values by index. */
function expectedOrder(values: number[]): number[] {
  return values.map((_, i) => i).sort((x, y) => (values[x] < values[y] ? -1 : values[x] > values[y] ? 1 : x - y));
}

describe('arrivalOrder', () => {
  it('orders a small hand-made list, ties by position', () => {
    // 3 at 0 and 4 tie; 0 and -0 tie; -1.5 < -1 < -0 = 0 < 0.5 < 3 = 3 < 1e9.
    const values = [3, -1, 0, 0.5, 3, -0, 1e9, -1.5];
    expect([...arrivalOrder(Float64Array.from(values))]).toEqual([7, 1, 2, 5, 3, 0, 4, 6]);
  });

  it('handles the empty list, one value, and only the first n values', () => {
    expect([...arrivalOrder(new Float64Array(0))]).toEqual([]);
    expect([...arrivalOrder(Float64Array.from([42]))]).toEqual([0]);
    expect([...arrivalOrder(Float64Array.from([5, 4, 3, -100]), 3)]).toEqual([2, 1, 0]);
  });

  it('orders values that differ only in their lowest bits and in every pass-sized digit', () => {
    const base = 86_400.123456789;
    const cell = new Float64Array(1);
    const words = new Uint32Array(cell.buffer);
    const values: number[] = [];
    // Flip single bits across the whole 52-bit fraction: each lands in a different radix digit.
    for (let bit = 0; bit < 52; bit++) {
      cell[0] = base;
      if (bit < 32) words[0] ^= 1 << bit;
      else words[1] ^= 1 << (bit - 32);
      values.push(cell[0]);
    }
    values.push(base, base, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity);
    const order = [...arrivalOrder(Float64Array.from(values))];
    expect(order).toEqual(expectedOrder(values));
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`matches a comparator sort on random arrivals with many ties (seed ${seed})`, () => {
      const rng = new Random(seed);
      const n = 1 + rng.int(5_000);
      // Half the values on a coarse grid (ties), some negative, the rest continuous.
      const values = Array.from({ length: n }, () => (rng.next() < 0.5 ? rng.int(50) * 60 : rng.uniform(-1_000, 700_000)));
      expect([...arrivalOrder(Float64Array.from(values))]).toEqual(expectedOrder(values));
    });
  }
});

describe('PodTableBuilder.finish', () => {
  it('sorts pods by arrival and keeps each pod whole, ties in insertion order', () => {
    const b = new PodTableBuilder();
    const web = b.classId('web');
    const job = b.classId('job');
    b.add(30, 1, 100, 128, web);
    b.add(10, 2, 200, 256, job);
    b.add(30, 3, 300, 384, job);
    b.add(0, 4, 400, 512, web);
    const t = b.finish();
    expect([...t.arrival]).toEqual([0, 10, 30, 30]);
    expect([...t.duration]).toEqual([4, 2, 1, 3]);
    expect([...t.cpu]).toEqual([400, 200, 100, 300]);
    expect([...t.mem]).toEqual([512, 256, 128, 384]);
    expect([...t.cls].map((c) => t.classNames[c])).toEqual(['web', 'job', 'web', 'job']);
  });
});
