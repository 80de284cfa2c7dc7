import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { bucketAt, stepBandPath, stepLinePath, stepPoints } from '../../src/charts/stepSeries.ts';
import { pathNumbers } from './helpers.ts';

describe('step series', () => {
  it('holds each bucket value until the next bucket and the last until the horizon', () => {
    expect(stepPoints([0, 10, 20], [1, 2, 3], 30)).toEqual([
      [0, 1],
      [10, 2],
      [20, 3],
      [30, 3],
    ]);
  });

  it('draws steps: horizontal then vertical', () => {
    const x = scaleLinear().domain([0, 30]).range([0, 300]);
    const y = scaleLinear().domain([0, 4]).range([40, 0]);
    // (0,1)->(100,1)->(100,2)->(200,2)->(200,3)->(300,3); y(1)=30, y(2)=20, y(3)=10. d3's step
    // curve repeats the last point (its vertical step to an equal value has length 0).
    expect(stepLinePath(stepPoints([0, 10, 20], [1, 2, 3], 30), x, y)).toBe('M0,30L100,30L100,20L200,20L200,10L300,10L300,10');
  });

  it('fills the band between two series', () => {
    const x = scaleLinear().domain([0, 20]).range([0, 200]);
    const y = scaleLinear().domain([0, 10]).range([100, 0]);
    // Along the upper series 4, 6 (y 60, 40) to the horizon, then back along the lower 2, 1 (y 80, 90).
    expect(pathNumbers(stepBandPath([0, 10], [1, 2], [4, 6], 20, x, y))).toEqual([0, 60, 100, 60, 100, 40, 200, 40, 200, 40, 200, 80, 200, 80, 100, 80, 100, 90, 0, 90]);
  });

  it('finds the bucket holding a time', () => {
    const t = [0, 10, 20];
    expect(bucketAt(t, -5)).toBe(0);
    expect(bucketAt(t, 10)).toBe(1);
    expect(bucketAt(t, 15)).toBe(1);
    expect(bucketAt(t, 99)).toBe(2);
    expect(bucketAt([], 5)).toBe(-1);
  });
});
