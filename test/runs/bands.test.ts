import { describe, expect, it } from 'vitest';
import { quantile } from 'd3-array';
import { band, seriesBand, strategyBands, type RunPoint } from '../../src/runs/bands.ts';

const point = (cost: number, pendingP95: number, utilizationCpu: number): RunPoint => ({ cost, pendingP95, utilizationCpu, sloViolations: 0, neverStarted: 0, podsTotal: 10 });

describe('bands', () => {
  it('p5/p50/p95 by linear interpolation (R-7): 1..21 gives 2, 11, 20', () => {
    // 21 values: rank h = 20p -> p5 at h = 1 (value 2), p50 at h = 10 (11), p95 at h = 19 (20).
    const values = Array.from({ length: 21 }, (_, i) => 21 - i);
    expect(band(values)).toEqual({ p5: 2, p50: 11, p95: 20 });
    // 20 values 1..20: h = 19p -> p5 at 0.95 (1.95), p50 at 9.5 (10.5), p95 at 18.05 (19.05).
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    const b = band(twenty);
    expect(b.p5).toBeCloseTo(1.95, 12);
    expect(b.p50).toBeCloseTo(10.5, 12);
    expect(b.p95).toBeCloseTo(19.05, 12);
    // The same as d3-array's quantile (also R-7), an independent implementation.
    expect(b.p95).toBeCloseTo(quantile(twenty, 0.95)!, 12);
  });

  it('a deterministic scenario (same numbers every run) collapses each band to one value', () => {
    const b = strategyBands(Array.from({ length: 20 }, () => point(12.5, 30, 0.4)));
    expect(b).toEqual({ runs: 20, cost: { p5: 12.5, p50: 12.5, p95: 12.5 }, pendingP95: { p5: 30, p50: 30, p95: 30 }, utilizationCpu: { p5: 0.4, p50: 0.4, p95: 0.4 } });
  });

  it('series bands are per bucket, over runs', () => {
    const runs = [Float64Array.of(0, 10), Float64Array.of(0, 20), Float64Array.of(0, 30)];
    const b = seriesBand(runs);
    // Bucket 1 holds 10, 20, 30: h = 2p -> p5 = 10 + 0.1 * 10 = 11, p50 = 20, p95 = 20 + 0.9 * 10 = 29.
    expect(Array.from(b.p5)).toEqual([0, 11]);
    expect(Array.from(b.p50)).toEqual([0, 20]);
    expect(b.p95[1]).toBeCloseTo(29, 12);
  });
});
