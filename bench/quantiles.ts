/**
 * npm run bench -- --quantiles [--repeat 5]
 *
 * Should the summary's quantiles come from d3-array? Times, on the same 1M pending times (a
 * summary's size at 1M pods), the 204 quantiles a result needs (201 CDF points, p95, p99...):
 * Spillway's `quantiles` (order statistics from a bit-pattern histogram, no full sort), a full
 * sort then d3-array's `quantileSorted`, and d3-array's `quantile` per probability (quickselect
 * on a copy each call; timed on 5 probabilities and scaled to 204). The data are made before
 * the clock starts; each method gets a fresh copy. Results must agree exactly.
 */
import { quantile, quantileSorted } from 'd3-array';
import { performance } from 'node:perf_hooks';
import { quantiles } from '../src/metrics/quantile.ts';
import { Random } from '../src/sim/random.ts';

export interface QuantileRow {
  method: string;
  medianMs: number;
}

/** Pending times like a burst's: many zeros, a long tail to an hour, ties. */
function pendingTimes(n: number, seed: number): Float64Array {
  const rng = new Random(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.next() < 0.3 ? 0 : Math.round(rng.next() ** 3 * 3600 * 10) / 10;
  return v;
}

export function measureQuantiles(repeat: number, n = 1_000_000): { rows: QuantileRow[]; agree: boolean } {
  const ps = Array.from({ length: 201 }, (_, k) => k / 200).concat([0.95, 0.99, 0.999]);
  const times: Record<string, number[]> = { spillway: [], sortD3: [], d3PerP: [] };
  let agree = true;
  for (let r = 0; r < repeat; r++) {
    const data = pendingTimes(n, r + 1);
    let copy = Float64Array.from(data);
    let t = performance.now();
    const ours = quantiles(copy, ps);
    times.spillway.push(performance.now() - t);
    copy = Float64Array.from(data);
    t = performance.now();
    copy.sort();
    // d3-array types ask for an Array; it only indexes, so a Float64Array serves (no copy in the timing).
    const theirs = ps.map((p) => quantileSorted(copy as unknown as number[], p) ?? 0);
    times.sortD3.push(performance.now() - t);
    const few = ps.slice(100, 105);
    t = performance.now();
    const perP = few.map((p) => quantile(data, p) ?? 0);
    times.d3PerP.push(((performance.now() - t) * ps.length) / few.length);
    agree &&= ps.every((_, i) => ours[i] === theirs[i]) && few.every((_, i) => perP[i] === ours[100 + i]);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return {
    rows: [
      { method: 'spillway quantiles (no full sort)', medianMs: median(times.spillway) },
      { method: 'sort + d3-array quantileSorted', medianMs: median(times.sortD3) },
      { method: 'd3-array quantile per probability', medianMs: median(times.d3PerP) },
    ],
    agree,
  };
}
