import { scaleLinear, scaleLog, type ScaleLogarithmic } from 'd3-scale';
import { area, line } from 'd3-shape';
import { chartMargin, type PlotFrame } from './frame.ts';

export interface PendingCdfInput {
  name: string;
  color: string;
  dash: string;
  /** cdf[i] = pending seconds at quantile i / (length - 1). */
  cdf: ArrayLike<number>;
  /** p5..p95 of cdf[i] over a Monte Carlo study's runs, per quantile. */
  band?: { p5: ArrayLike<number>; p95: ArrayLike<number> };
}

export interface CdfLine {
  name: string;
  color: string;
  dash: string;
  d: string;
  /** The shaded p5..p95 area (horizontal: pending seconds at each quantile), when the strategy has a band. */
  bandD?: string;
}

export interface PendingCdfLayout extends PlotFrame<ScaleLogarithmic<number, number>> {
  lines: CdfLine[];
  /** Pixel x of the SLO threshold, or null when it is outside the axis. */
  sloX: number | null;
  /** Pending times below this are drawn at it (a log axis has no 0). */
  floorSeconds: number;
}

/** Clock-friendly pending times for a log axis: 0.1 s ... 1 day. */
export const PENDING_TICKS = [0.1, 0.3, 1, 3, 10, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 86400];

export function durationTickLabel(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  if (seconds < 86400) return `${seconds / 3600} h`;
  return `${seconds / 86400} d`;
}

/**
 * Log-time x axis from a power of ten at or below the smallest positive pending time (at least
 * 0.1 s) to a power of ten at or above the largest (or the SLO); y is the share of arrived pods (never started: waited until the horizon).
 */
export function pendingDomain(cdfs: readonly ArrayLike<number>[], sloSeconds: number): [number, number] {
  let lo = Infinity;
  let hi = sloSeconds > 0 ? sloSeconds : 1;
  for (const c of cdfs) {
    for (let i = 0; i < c.length; i++) {
      if (c[i] > 0 && c[i] < lo) lo = c[i];
      if (c[i] > hi) hi = c[i];
    }
  }
  if (!Number.isFinite(lo)) lo = 1;
  lo = Math.max(0.1, 10 ** Math.floor(Math.log10(lo)));
  hi = 10 ** Math.ceil(Math.log10(hi));
  if (hi <= lo) hi = lo * 10;
  return [lo, hi];
}

export function pendingCdfLayout(strategies: readonly PendingCdfInput[], sloSeconds: number, width: number, height: number): PendingCdfLayout {
  const margin = chartMargin(width);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const [lo, hi] = pendingDomain(
    [...strategies.map((s) => s.cdf), ...strategies.flatMap((s) => (s.band ? [s.band.p5, s.band.p95] : []))],
    sloSeconds,
  );
  const x = scaleLog().domain([lo, hi]).range([0, innerWidth]);
  const y = scaleLinear().domain([0, 1]).range([innerHeight, 0]);
  const candidates = PENDING_TICKS.filter((v) => v >= lo && v <= hi);
  // Drop every other tick until labels are at least 44 px apart.
  let chosen = candidates;
  const spacing = (list: number[]) => (list.length < 2 ? Infinity : Math.min(...list.slice(1).map((v, i) => x(v) - x(list[i]))));
  while (chosen.length > 2 && spacing(chosen) < 44) chosen = chosen.filter((_, i) => i % 2 === 0);
  const xTicks = chosen.map((v) => ({ value: v, position: x(v), label: durationTickLabel(v) }));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, position: y(v), label: `${v * 100}%` }));
  const path = line<[number, number]>();
  const lines = strategies.map((s) => {
    const pts: [number, number][] = [];
    const n = s.cdf.length;
    for (let i = 0; i < n; i++) pts.push([x(Math.max(lo, s.cdf[i])), y(n > 1 ? i / (n - 1) : 1)]);
    const out: CdfLine = { name: s.name, color: s.color, dash: s.dash, d: path(pts) ?? '' };
    if (s.band) {
      const b = s.band;
      const m = b.p5.length;
      const q = (i: number) => y(m > 1 ? i / (m - 1) : 1);
      const shade = area<number>().y((i) => q(i)).x0((i) => x(Math.max(lo, b.p5[i]))).x1((i) => x(Math.max(lo, b.p95[i])));
      out.bandD = shade(Array.from({ length: m }, (_, i) => i)) ?? '';
    }
    return out;
  });
  const sloX = sloSeconds >= lo && sloSeconds <= hi ? x(sloSeconds) : null;
  return { margin, innerWidth, innerHeight, x, y, xTicks, yTicks, lines, sloX, floorSeconds: lo };
}

/** Share of arrived pods (never started: until the horizon) that waited at most `seconds` (from the quantile table). */
export function shareWithin(cdf: ArrayLike<number>, seconds: number): number {
  const n = cdf.length;
  if (n === 0) return 0;
  if (seconds < cdf[0]) return 0;
  if (seconds >= cdf[n - 1]) return 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] <= seconds) lo = mid;
    else hi = mid;
  }
  return lo / (n - 1);
}
