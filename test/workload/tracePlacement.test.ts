import { describe, expect, it } from 'vitest';
import { PodTableBuilder, type PodTable } from '../../src/workload/podTable.ts';
import { Random } from '../../src/sim/random.ts';
import { horizonForSpan, placeTrace, placeWholeTrace } from '../../src/workload/tracePlacement.ts';

/** Pods as [arrival, duration] on the trace's own clock. */
function table(pods: [number, number][]): PodTable {
  const b = new PodTableBuilder();
  for (const [a, d] of pods) b.add(a, d, 500, 512, b.classId('default'));
  return b.finish();
}

function placed(pods: [number, number][], offset: number, horizon: number, window?: { from: number; to: number }) {
  const out: [number, number, number][] = [];
  const p = placeTrace(table(pods), { offset, window }, horizon, (k, a, d) => out.push([k, a, d]));
  return { ...p, out };
}

describe('placeTrace', () => {
  const pods: [number, number][] = [
    [0, 100 * 3600], // runs 100 h
    [3600, 600],
    [2 * 86400, 3600],
    [10 * 86400, 60],
  ];

  it('counts the pods that arrive at or after the horizon instead of dropping them silently', () => {
    const p = placed(pods, 0, 86400);
    expect(p.out).toEqual([
      [0, 0, 360000],
      [1, 3600, 600],
    ]);
    expect([p.replayed, p.afterHorizon, p.outsideWindow]).toEqual([2, 2, 0]);
    // The span ignores the horizon: the last pod ends at 10 d + 60 s.
    expect(p.span).toEqual({ start: 0, end: 10 * 86400 + 60 });
  });

  it('an offset moves every arrival and the span; a pod exactly at the horizon is after it', () => {
    const p = placed(pods, 86400 - 3600, 86400);
    expect(p.out.map(([k]) => k)).toEqual([0]);
    expect(p.afterHorizon).toBe(3);
    expect(p.span.start).toBe(82800);
  });

  it('a window keeps pods arriving inside it, starts pods running at its start there with the time they had left, and counts the rest', () => {
    // Window [1 d, 3 d): pod 0 (0 to 100 h) is running at 1 d and has 76 h left; pod 1 ended at
    // 1 h 10 min, before the window; pod 2 arrives at 2 d, 1 d into the window; pod 3 after it.
    const p = placed(pods, 0, 30 * 86400, { from: 86400, to: 3 * 86400 });
    expect(p.out).toEqual([
      [0, 0, 76 * 3600],
      [2, 86400, 3600],
    ]);
    expect([p.replayed, p.runningAtWindowStart, p.outsideWindow, p.afterHorizon]).toEqual([2, 1, 2, 0]);
    expect(p.span).toEqual({ start: 0, end: 76 * 3600 });
  });

  it('the horizon that replays a whole trace is its last end rounded up to a whole hour', () => {
    expect(horizonForSpan(12_902_960)).toBe(3585 * 3600);
    expect(horizonForSpan(7200)).toBe(7200);
    expect(horizonForSpan(0)).toBe(3600);
  });

  for (const seed of [1, 2, 3]) {
    it(`placeWholeTrace (bisection, for the preview) counts as placeTrace does (seed ${seed})`, () => {
      const rng = new Random(seed);
      const pods: [number, number][] = Array.from({ length: 500 }, () => [Math.floor(rng.uniform(0, 40)) * 3600, rng.uniform(0, 20 * 3600)]);
      const t = table(pods);
      let lastEnd = 0;
      for (let i = 0; i < t.count; i++) lastEnd = Math.max(lastEnd, t.arrival[i] + t.duration[i]);
      for (const [offset, horizon] of [[0, 86400], [3600, 86400], [0, 10 * 3600], [7200, Infinity], [0, 0]]) {
        expect(placeWholeTrace(t, offset, horizon, lastEnd)).toEqual(placeTrace(t, { offset }, horizon));
      }
    });
  }
});
