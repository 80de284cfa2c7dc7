import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { chartMargin, maxOf, valueTicks, type PlotFrame } from './frame.ts';
import { timeScale, timeTicks } from './timeAxis.ts';

export interface CumulativeCostInput {
  name: string;
  color: string;
  dash: string;
  t: ArrayLike<number>;
  /** Spend up to the end of each bucket. */
  cumulativeCost: ArrayLike<number>;
  /** p5..p95 of cumulativeCost over a Monte Carlo study's runs, per bucket. */
  band?: { p5: ArrayLike<number>; p95: ArrayLike<number> };
}

export interface CostLine {
  name: string;
  color: string;
  dash: string;
  d: string;
  total: number;
  /** The shaded p5..p95 area, when the strategy has a band. */
  bandD?: string;
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
  const top = maxOf([...strategies.map((s) => s.cumulativeCost), ...strategies.flatMap((s) => (s.band ? [s.band.p95] : []))]);
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([innerHeight, 0]);
  const path = line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));
  const shade = area<[number, number, number]>().x((p) => x(p[0])).y0((p) => y(p[1])).y1((p) => y(p[2]));
  const lines = strategies.map((s): CostLine => {
    const out: CostLine = {
      name: s.name,
      color: s.color,
      dash: s.dash,
      d: path(cumulativePoints(s.t, s.cumulativeCost, horizon)) ?? '',
      total: s.cumulativeCost.length ? s.cumulativeCost[s.cumulativeCost.length - 1] : 0,
    };
    if (s.band) {
      const lo = cumulativePoints(s.t, s.band.p5, horizon);
      const hi = cumulativePoints(s.t, s.band.p95, horizon);
      out.bandD = shade(lo.map((p, i) => [p[0], p[1], hi[i][1]])) ?? '';
    }
    return out;
  });
  return { margin, innerWidth, innerHeight, x, y, xTicks: timeTicks(x, horizon), yTicks: valueTicks(y, formatMoney), lines };
}
