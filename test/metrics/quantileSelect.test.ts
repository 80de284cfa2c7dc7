import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../src/metrics/quantile.ts';
import { quantileBySelection } from '../../src/metrics/quantileSelect.ts';
import { Random } from '../../src/sim/random.ts';

/** The oracle: sort a copy, then R-7 on the sorted values. */
function bySorting(values: Float64Array, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

describe('quantileBySelection', () => {
  it('is 0 for no values and the value itself for one', () => {
    expect(quantileBySelection(new Float64Array(0), 0.95)).toBe(0);
    expect(quantileBySelection(Float64Array.of(7), 0.95)).toBe(7);
  });

  it('interpolates between the two closest ranks (R-7), by hand', () => {
    // 1..10: h = 9 x 0.95 = 8.55, between the 9th (9) and 10th (10) values: 9.55.
    expect(quantileBySelection(Float64Array.of(10, 3, 7, 1, 9, 2, 8, 4, 6, 5), 0.95)).toBeCloseTo(9.55, 12);
    // Two values: h = 0.95, 1 + 0.95 x (3 - 1) = 2.9.
    expect(quantileBySelection(Float64Array.of(3, 1), 0.95)).toBeCloseTo(2.9, 12);
    // The median of five is the third value.
    expect(quantileBySelection(Float64Array.of(5, 1, 4, 2, 3), 0.5)).toBe(3);
  });

  it('gives the same double as sorting, on random, tied, sorted and constant inputs', () => {
    const rng = new Random(16, 1);
    const shapes: Array<(n: number) => Float64Array> = [
      (n) => Float64Array.from({ length: n }, () => rng.next() * 300),
      (n) => Float64Array.from({ length: n }, () => Math.floor(rng.next() * 12) * 7.5), // many ties, like pods started together
      (n) => Float64Array.from({ length: n }, (_, i) => i * 0.25),
      (n) => Float64Array.from({ length: n }, (_, i) => n - i),
      (n) => new Float64Array(n).fill(42),
      (n) => Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1e6 : rng.next())),
    ];
    for (const shape of shapes) {
      for (const n of [1, 2, 3, 5, 17, 100, 1_001, 24_195, 70_000]) {
        const values = shape(n);
        for (const p of [0, 0.05, 0.5, 0.95, 0.99, 1]) {
          expect(Object.is(quantileBySelection(Float64Array.from(values), p), bySorting(values, p))).toBe(true);
        }
      }
    }
  });
});
