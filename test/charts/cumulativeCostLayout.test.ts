import { describe, expect, it } from 'vitest';
import { cumulativeCostLayout, cumulativePoints } from '../../src/charts/cumulativeCostLayout.ts';
import { expectClose, pathNumbers } from './helpers.ts';

describe('cumulative cost layout', () => {
  it('puts each bucket total at the bucket end, starting from zero', () => {
    expect(cumulativePoints([0, 10, 20], [1, 3, 6], 30)).toEqual([
      [0, 0],
      [10, 1],
      [20, 3],
      [30, 6],
    ]);
  });

  it('scales all strategies on one axis', () => {
    // width 500: margins 60 + 20 -> 420 px; height 252: margins 22 + 30 -> 200 px.
    // y domain [0, 6] (the largest total); 1 -> 200 - 200/6 = 166.667, 3 -> 100, 6 -> 0.
    const layout = cumulativeCostLayout(
      [
        { name: 'A', color: '#000', dash: '', t: [0, 10, 20], cumulativeCost: [1, 3, 6] },
        { name: 'B', color: '#111', dash: '4 2', t: [0, 10, 20], cumulativeCost: [0, 1.5, 3] },
      ],
      30,
      500,
      252,
      (v) => `$${v}`,
    );
    expect(layout.innerWidth).toBe(420);
    expect(layout.innerHeight).toBe(200);
    expect(layout.y.domain()).toEqual([0, 6]);
    expectClose(pathNumbers(layout.lines[0].d), [0, 200, 140, 166.667, 280, 100, 420, 0]);
    expectClose(pathNumbers(layout.lines[1].d), [0, 200, 140, 200, 280, 150, 420, 100]);
    expect(layout.lines.map((l) => l.total)).toEqual([6, 3]);
    expect(layout.yTicks.map((t) => t.label)).toEqual(['$0', '$1', '$2', '$3', '$4', '$5', '$6']);
    expect(layout.yTicks[3].position).toBe(100);
  });
});
