import { describe, expect, it } from 'vitest';
import { linearValues, parseSweepArg, SweepSpecError, sweepToCsv } from '../../src/sweep/index.ts';

describe('parseSweepArg', () => {
  it('reads path=from:to:steps', () => {
    expect(parseSweepArg('workload.1.podsPerSession=1000:24000:7')).toEqual({ path: 'workload.1.podsPerSession', from: 1000, to: 24000, steps: 7 });
    expect(parseSweepArg('a.b=-1.5:2e3:2')).toEqual({ path: 'a.b', from: -1.5, to: 2000, steps: 2 });
  });

  it.each([
    ['workload.1.podsPerSession', /expected path=from:to:steps/],
    ['=1:2:3', /expected path=from:to:steps/],
    ['x=1:2', /expected from:to:steps/],
    ['x=1:ten:3', /to "ten" is not a number/],
    ['x=1:2:0x3', /steps "0x3" is not a number/],
    ['x=1:2:1', /steps must be an integer >= 2, got 1/],
    ['x=1:2:2.5', /steps must be an integer >= 2/],
    ['x=1:2:100000', /at most 1000 steps/],
  ])('rejects %s', (text, message) => {
    expect(() => parseSweepArg(text)).toThrow(SweepSpecError);
    expect(() => parseSweepArg(text)).toThrow(message);
  });
});

describe('linearValues', () => {
  it('spaces values evenly, ends included', () => {
    expect(linearValues({ path: 'x', from: 1000, to: 24000, steps: 7 }, true)).toEqual([1000, 4833, 8667, 12500, 16333, 20167, 24000]);
    expect(linearValues({ path: 'x', from: 0, to: 1, steps: 11 }, false)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(linearValues({ path: 'x', from: 10, to: 0, steps: 3 }, false)).toEqual([10, 5, 0]);
  });

  it('rounds integer fields and drops repeats', () => {
    expect(linearValues({ path: 'x', from: 0, to: 3, steps: 7 }, true)).toEqual([0, 1, 2, 3]);
  });
});

describe('sweepToCsv', () => {
  it('writes one line per variant and defuses formula-like cells', () => {
    const csv = sweepToCsv(
      [{ path: 'workload.1.podsPerSession' }],
      [
        { values: [-5], strategies: [{ name: '=HYPERLINK("x")', cost: 1.5, p95: 2 }, { name: '@sum, "b"', cost: 3, p95: 4 }] },
        { values: [10], strategies: [{ name: '=HYPERLINK("x")', cost: 2, p95: 0 }, { name: '@sum, "b"', cost: 1, p95: 0 }] },
      ],
    );
    expect(csv).toBe(
      [
        `workload.1.podsPerSession,"'=HYPERLINK(""x"") cost","'=HYPERLINK(""x"") p95 s","'@sum, ""b"" cost","'@sum, ""b"" p95 s"`,
        '-5,1.5,2,3,4',
        '10,2,0,1,0',
        '',
      ].join('\n'),
    );
  });
});
