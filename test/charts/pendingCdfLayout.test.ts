import { describe, expect, it } from 'vitest';
import { durationTickLabel, pendingCdfLayout, pendingDomain, shareWithin } from '../../src/charts/pendingCdfLayout.ts';
import { expectClose, pathNumbers } from './helpers.ts';

const cdf = [0, 2, 45, 300];

describe('pending-time CDF layout', () => {
  it('spans whole decades from the smallest positive wait to the largest wait or the SLO', () => {
    expect(pendingDomain([cdf], 60)).toEqual([1, 1000]);
    expect(pendingDomain([[0, 0.02, 5]], 60)).toEqual([0.1, 100]);
    expect(pendingDomain([[0, 0]], 30)).toEqual([1, 100]);
  });

  it('maps pending seconds on a log axis and marks the SLO', () => {
    // 420 px over 3 decades: 140 px per decade. SLO 60 s at 140 * log10(60) = 248.94 px.
    const layout = pendingCdfLayout([{ name: 'A', color: '#000', dash: '', cdf }], 60, 500, 252);
    expect(layout.x(10)).toBeCloseTo(140, 6);
    expect(layout.sloX).toBeCloseTo(248.9411, 3);
    // Candidates 1 3 10 30 60 120 300 600; 30 -> 60 is only 42 px apart, so every other one is dropped.
    expect(layout.xTicks.map((t) => t.label)).toEqual(['1 s', '10 s', '1 min', '5 min']);
    expect(layout.yTicks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    // Points: (0 s floored to 1 s, 0%), (2 s, 1/3), (45 s, 2/3), (300 s, 100%) on a 200 px tall plot;
    // x = 140 * log10(s): 2 -> 42.144, 45 -> 231.450, 300 -> 346.797.
    expectClose(pathNumbers(layout.lines[0].d), [0, 200, 42.144, 133.333, 231.450, 66.667, 346.797, 0]);
  });

  it('reads the share of pods started within a time', () => {
    expect(shareWithin(cdf, -1)).toBe(0);
    expect(shareWithin(cdf, 10)).toBeCloseTo(1 / 3);
    expect(shareWithin(cdf, 45)).toBeCloseTo(2 / 3);
    expect(shareWithin(cdf, 1000)).toBe(1);
  });

  it('labels ticks in seconds, minutes and hours', () => {
    expect([0.1, 30, 120, 3600, 86400].map(durationTickLabel)).toEqual(['0.1 s', '30 s', '2 min', '1 h', '1 d']);
  });
});
