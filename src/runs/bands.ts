import { quantileSorted } from '../metrics/quantile.ts';
import type { StrategyResult } from '../metrics/result.ts';

/** The 5th, 50th and 95th percentile of a number over a study's runs (R-7, like pending times). */
export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

/** What one run of a Monte Carlo study keeps of one strategy: the banded numbers and what the verdict ranks by. */
export interface RunPoint {
  cost: number;
  pendingP95: number;
  utilizationCpu: number;
  /** Pods pending longer than the SLO, never-started pods included. */
  sloViolations: number;
  neverStarted: number;
  podsTotal: number;
}

/** A strategy's spread over a study: `bands` in the JSON contract. */
export interface StrategyBands {
  runs: number;
  cost: Band;
  pendingP95: Band;
  utilizationCpu: Band;
}

export function runPoint(s: StrategyResult): RunPoint {
  return {
    cost: s.cost.total,
    pendingP95: s.pendingSeconds.p95,
    utilizationCpu: s.utilization.cpu,
    sloViolations: s.slo.violations,
    neverStarted: s.pods.neverStarted,
    podsTotal: s.pods.total,
  };
}

/** p5/p50/p95 of the values (any order). A single value, or equal values, give a band of one value. */
export function band(values: readonly number[]): Band {
  const sorted = Float64Array.from(values).sort();
  return { p5: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

/** Bands of one strategy from its points, one per run. */
export function strategyBands(points: readonly RunPoint[]): StrategyBands {
  return {
    runs: points.length,
    cost: band(points.map((p) => p.cost)),
    pendingP95: band(points.map((p) => p.pendingP95)),
    utilizationCpu: band(points.map((p) => p.utilizationCpu)),
  };
}

/**
 * Per-bucket p5/p50/p95 of a series over runs (e.g. cumulative cost at each of the 480 buckets,
 * or pending seconds at each quantile of the CDF): the band a chart draws. All series have the
 * same length (same horizon and bucket count in every run).
 */
export function seriesBand(series: readonly Float64Array[]): { p5: Float64Array; p50: Float64Array; p95: Float64Array } {
  const n = series[0]?.length ?? 0;
  const out = { p5: new Float64Array(n), p50: new Float64Array(n), p95: new Float64Array(n) };
  const column = new Float64Array(series.length);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < series.length; r++) column[r] = series[r][i];
    column.sort();
    out.p5[i] = quantileSorted(column, 0.05);
    out.p50[i] = quantileSorted(column, 0.5);
    out.p95[i] = quantileSorted(column, 0.95);
  }
  return out;
}
