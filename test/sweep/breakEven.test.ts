import { describe, expect, it } from 'vitest';
import { breakEvenPoints, type SweepRow } from '../../src/sweep/index.ts';

/** Rows for two strategies whose costs are given functions of x. */
const rows = (xs: number[], a: (x: number) => number, b: (x: number) => number): SweepRow[] =>
  xs.map((x) => ({ values: [x], strategies: [{ name: 'A', cost: a(x), p95: 0 }, { name: 'B', cost: b(x), p95: 0 }] }));

describe('breakEvenPoints', () => {
  it('finds where two straight lines cross between steps', () => {
    // A = 100 + 2x, B = 5x: equal at x = 100 / 3 = 33.33…, cost 166.67; B is cheaper before, A after.
    const r = breakEvenPoints(rows([0, 25, 50, 75], (x) => 100 + 2 * x, (x) => 5 * x), 'A', 'B');
    expect(r).toHaveLength(1);
    expect(r[0].at).toBeCloseTo(100 / 3, 10);
    expect(r[0].metric).toBeCloseTo(100 + 200 / 3, 10);
    expect(r[0].lowerAfter).toBe('A');
  });

  it('interpolates piecewise: the crossing lies on the chord between the two neighbouring steps', () => {
    // A - B goes 10 at x = 10 to -30 at x = 20: crossing a quarter of the way, x = 12.5.
    const data: SweepRow[] = [
      { values: [10], strategies: [{ name: 'A', cost: 50, p95: 1 }, { name: 'B', cost: 40, p95: 9 }] },
      { values: [20], strategies: [{ name: 'A', cost: 60, p95: 1 }, { name: 'B', cost: 90, p95: 9 }] },
    ];
    expect(breakEvenPoints(data, 'A', 'B')).toEqual([{ at: 12.5, metric: 52.5, lowerAfter: 'A' }]);
    expect(breakEvenPoints(data, 'A', 'B', 'p95')).toEqual([]);
  });

  it('reports no crossing, several crossings, exact ties and touches', () => {
    expect(breakEvenPoints(rows([0, 1, 2], (x) => x, (x) => x + 1), 'A', 'B')).toEqual([]);
    // A - B = x² - 4x + 3 = (x - 1)(x - 3): crosses at 1 and 3, both exactly on steps.
    const twice = breakEvenPoints(rows([0, 1, 2, 3, 4], (x) => x * x, (x) => 4 * x - 3), 'A', 'B');
    expect(twice.map((p) => [p.at, p.lowerAfter])).toEqual([[1, 'A'], [3, 'B']]);
    // Touching at x = 2 without changing order: (x - 2)² >= 0.
    expect(breakEvenPoints(rows([0, 1, 2, 3, 4], (x) => (x - 2) ** 2, () => 0), 'A', 'B')).toEqual([]);
    // Equal over a stretch, then A dearer: one point at the start of the tie.
    expect(breakEvenPoints(rows([0, 1, 2, 3], (x) => (x < 2 ? 1 : 5), () => 1), 'A', 'B')).toEqual([{ at: 0, metric: 1, lowerAfter: 'B' }]);
  });

  it('names the missing strategy', () => {
    expect(() => breakEvenPoints(rows([0, 1], (x) => x, (x) => x), 'A', 'C')).toThrow(/no strategy named "C".*have A, B/);
  });
});
