import { quantileSorted as d3QuantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { quantiles, quantilesOf, quantileSorted, WIDE_MIN, type ValueRange } from '../../src/metrics/quantile.ts';
import { Random } from '../../src/sim/random.ts';

const PS = Array.from({ length: 201 }, (_, k) => k / 200).concat([0.95, 0.99, 0.999]);

/** Expected, from an independent implementation: sort a copy, then d3-array's R-7 quantileSorted. */
function bySorting(values: Float64Array): number[] {
  const sorted = Float64Array.from(values).sort();
  return PS.map((p) => d3QuantileSorted(sorted as unknown as number[], p) ?? 0);
}

describe('quantileSorted', () => {
  it('interpolates between closest ranks (R-7)', () => {
    const s = Float64Array.from([1, 2, 4, 8]);
    // h = 3p: p = 0.5 -> between 2 and 4; p = 0.9 -> 4 + 0.7 x 4.
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(6.8, 12);
    expect(quantileSorted(s, 1)).toBe(8);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBe(0);
  });
});

describe('quantiles (without a full sort)', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals sort-then-interpolate on 200,000 pending times with ties, zeros and a wide range (seed ${seed})`, () => {
      const rng = new Random(seed);
      const v = new Float64Array(200_000);
      for (let i = 0; i < v.length; i++) {
        const kind = rng.int(5);
        v[i] = kind === 0 ? 0 : kind === 1 ? 3 + rng.int(3) : kind === 2 ? Math.exp(rng.normal() * 2 + 3) : kind === 3 ? rng.uniform(0, 1e6) : 1 + rng.int(1000) * Number.EPSILON;
      }
      const expected = bySorting(v);
      expect(Array.from(quantiles(v, PS))).toEqual(expected);
    });
  }

  for (const n of [512, 600, 24_195, 65_535]) {
    it(`equals it on ${n} values: a day's pending times, with ties, zeros, denormals and a huge value`, () => {
      const rng = new Random(n);
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const kind = rng.int(8);
        v[i] =
          kind === 0 ? 0 : kind === 1 ? 3 : kind === 2 ? rng.uniform(3, 400) : kind === 3 ? 60 + rng.int(50) * 0.5 : kind === 4 ? Number.MIN_VALUE * (1 + rng.int(5)) : kind === 5 ? 2.2e-308 * rng.uniform(1, 2) : kind === 6 && rng.int(100) === 0 ? 1e300 : rng.uniform(12, 13);
      }
      expect(Array.from(quantiles(v.slice(), PS))).toEqual(bySorting(v));
      // Only zeros and one other value; only positive values in one narrow range.
      const two = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 7.25 : 0));
      expect(Array.from(quantiles(two.slice(), PS))).toEqual(bySorting(two));
      const narrow = Float64Array.from({ length: n }, () => 100 + rng.next() * 1e-9);
      expect(Array.from(quantiles(narrow.slice(), PS))).toEqual(bySorting(narrow));
    });
  }

  it('equals it when every value is the same', () => {
    const v = new Float64Array(100_000).fill(3);
    expect(Array.from(quantiles(v, PS))).toEqual(PS.map(() => 3));
  });

  it('equals it for small inputs and for negative values (plain sort)', () => {
    const small = Float64Array.from([5, 1, 4, 2, 3]);
    expect(Array.from(quantiles(small.slice(), PS))).toEqual(bySorting(small));
    const neg = new Float64Array(70_000);
    for (let i = 0; i < neg.length; i++) neg[i] = ((i * 7919) % 70_000) - 35_000.5;
    expect(Array.from(quantiles(neg.slice(), PS))).toEqual(bySorting(neg));
    expect(Array.from(quantiles(new Float64Array(0), [0.5]))).toEqual([0]);
  });
});

/** The range a caller tallies in its own pass (the rule in ValueRange's comment). */
function tally(v: Float64Array): ValueRange {
  let largest = -Infinity;
  let smallestWide = Infinity;
  let unusual = false;
  for (const x of v) {
    if (x > largest) largest = x;
    if (x < smallestWide && x >= WIDE_MIN) smallestWide = x;
    if (!(x > 0) && (x !== 0 || 1 / x < 0)) unusual = true;
  }
  return { smallestWide, largest, unusual };
}

describe('quantilesOf with the range tallied by the caller', () => {
  it('WIDE_MIN is the smallest double with a non-zero high word', () => {
    const w = new Uint32Array(new Float64Array([WIDE_MIN]).buffer);
    expect([w[0], w[1]]).toEqual([0, 1]);
  });

  const sets: Array<[string, (rng: Random, i: number) => number]> = [
    ['pending times with ties, zeros and a wide range', (rng) => [0, 3 + rng.int(3), Math.exp(rng.normal() * 2 + 3), rng.uniform(0, 1e6), 1 + rng.int(1000) * Number.EPSILON][rng.int(5)]],
    ['denormals below and above WIDE_MIN, zeros and a huge value', (rng) => [0, Number.MIN_VALUE * (1 + rng.int(5)), WIDE_MIN * rng.uniform(0.5, 2), 2.2e-308 * rng.uniform(1, 2), rng.int(100) === 0 ? 1e300 : 3][rng.int(5)]],
    ['only values with a zero high word', (rng) => Number.MIN_VALUE * rng.int(1000)],
    ['a -0 among them (plain sort)', (rng, i) => (i === 777 ? -0 : rng.uniform(0, 100))],
    ['negative values (plain sort)', (rng) => rng.uniform(-50, 50)],
  ];
  for (const [name, value] of sets) {
    it(`gives the same quantiles as its own pass: ${name}`, () => {
      const rng = new Random(name.length);
      const v = Float64Array.from({ length: 30_000 }, (_, i) => value(rng, i));
      const fill = (start: number, end: number, out: Float64Array) => out.set(v.subarray(start, end));
      const withRange = Array.from(quantilesOf(v.length, fill, PS, undefined, tally(v)));
      expect(withRange).toEqual(Array.from(quantilesOf(v.length, fill, PS)));
      // (+ 0: R-7 interpolation turns a -0 at p = 0 into +0, where d3 returns the -0 itself.)
      expect(withRange.map((x) => x + 0)).toEqual(bySorting(v).map((x) => x + 0));
    });
  }
});
