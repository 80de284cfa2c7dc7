import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../src/sweep/index.ts';

describe('paretoFront (minimise cost and p95)', () => {
  it('keeps exactly the non-dominated points of a hand-made set, by cost', () => {
    const pts = [
      { id: 'a', cost: 10, p95: 100 },
      { id: 'b', cost: 20, p95: 50 },
      { id: 'c', cost: 25, p95: 60 }, // dominated by b
      { id: 'd', cost: 30, p95: 10 },
      { id: 'e', cost: 40, p95: 10 }, // same p95 as d, dearer
      { id: 'f', cost: 10, p95: 120 }, // same cost as a, slower
      { id: 'g', cost: 5, p95: 500 },
      { id: 'h', cost: 20, p95: 50 }, // duplicate of b: kept once
      { id: 'i', cost: NaN, p95: 0 }, // not a measurement
    ];
    expect(paretoFront(pts).map((p) => p.id)).toEqual(['g', 'a', 'b', 'd']);
  });

  it('handles empty and single inputs', () => {
    expect(paretoFront([])).toEqual([]);
    expect(paretoFront([{ cost: 1, p95: 1 }])).toEqual([{ cost: 1, p95: 1 }]);
  });
});
