import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { chartMargin, maxOf, valueTicks, type PlotFrame } from './frame.ts';
import { timeScale, timeTicks } from './timeAxis.ts';

export interface CumulativeCostInput {
  name: string;
  color: string;
  dash: string;
  t: ArrayLike<number>;
  /** Spend up to the end of each bucket. */
  cumulativeCost: ArrayLike<number>;
}

export interface CostLine {
  name: string;
  color: string;
  dash: string;
  d: string;
  total: number;
}

export interface CumulativeCostLayout extends PlotFrame {
  lines: CostLine[];
}

/** Bucket i's cumulative value belongs at the end of bucket i; the line starts at (0, 0). */
export function cumulativePoints(t: ArrayLike<number>, cum: ArrayLike<number>, horizon: number): [number, number][] {
  const pts: [number, number][] = [[0, 0]];
  for (let i = 0; i < t.length; i++) pts.push([i + 1 < t.length ? t[i + 1] : horizon, cum[i]]);
  return pts;
}

/** All strategies on one money axis, so the line that ends highest cost the most. */
export function cumulativeCostLayout(
  strategies: readonly CumulativeCostInput[],
  horizon: number,
  width: number,
  height: number,
  formatMoney: (v: number) => string,
): CumulativeCostLayout {
  const margin = chartMargin(width);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const x = timeScale(horizon, innerWidth);
  const top = maxOf(strategies.map((s) => s.cumulativeCost));
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([innerHeight, 0]);
  const path = line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));
  const lines = strategies.map((s) => ({
    name: s.name,
    color: s.color,
    dash: s.dash,
    d: path(cumulativePoints(s.t, s.cumulativeCost, horizon)) ?? '',
    total: s.cumulativeCost.length ? s.cumulativeCost[s.cumulativeCost.length - 1] : 0,
  }));
  return { margin, innerWidth, innerHeight, x, y, xTicks: timeTicks(x, horizon), yTicks: valueTicks(y, formatMoney), lines };
}
