/**
 * Pure layouts of the sweep charts (scales, ticks, paths, marker positions), tested without a DOM:
 * a metric against the swept parameter per strategy with break-even markers, and cost against
 * p95 pending for every configuration with the Pareto front.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { chartMargin, valueTicks, type PlotFrame } from '../../charts/frame.ts';
import type { Tick } from '../../charts/timeAxis.ts';

export interface SweepSeries {
  name: string;
  color: string;
  dash: string;
  /** [parameter value, metric] in parameter order. */
  points: ReadonlyArray<readonly [number, number]>;
}

export interface SweepMarkerInput {
  at: number;
  metric: number;
  label: string;
}

export interface SweepMarker {
  x: number;
  y: number;
  label: string;
  /** Text anchor that keeps the label inside the plot. */
  anchor: 'start' | 'middle' | 'end';
  /** Label baseline offset from the marker, px (the first free place above or below, see placeMarkerLabels). */
  dy: number;
}

export interface SweepLineLayout extends PlotFrame {
  lines: Array<{ name: string; color: string; dash: string; d: string; dots: Array<{ x: number; y: number }> }>;
  markers: SweepMarker[];
}

/** Plot box of a chart `width` x `height` px (the shared chart margins). */
function box(width: number, height: number) {
  const margin = chartMargin(width);
  return { margin, innerWidth: Math.max(10, width - margin.left - margin.right), innerHeight: Math.max(10, height - margin.top - margin.bottom) };
}

/** A domain that is never empty: a single value gets ±1 (or ±10% of it) around it. */
function spread(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo < hi) return [lo, hi];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * A 0-based seconds axis with ticks on round durations (30 s, 5 min, 15 min, 1 h) instead of
 * d3's decimal ticks (500 s reads as "8m 20s"): the smallest step giving at most `count` intervals.
 */
export function durationDomain(maxSeconds: number, count: number): { top: number; step: number } {
  const max = maxSeconds > 0 && Number.isFinite(maxSeconds) ? maxSeconds : 1;
  const step = DURATION_STEPS.find((s) => Math.ceil(max / s) <= count) ?? Math.ceil(max / count / 86400) * 86400;
  return { top: Math.ceil(max / step) * step, step };
}

function durationAxis(max: number, innerHeight: number, format: (v: number) => string): { y: ScaleLinear<number, number>; ticks: Tick[] } {
  const count = Math.max(2, Math.floor(innerHeight / 40));
  const { top, step } = durationDomain(max, count);
  const y = scaleLinear().domain([0, top]).range([innerHeight, 0]);
  const ticks: Tick[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push({ value: v, position: y(v), label: format(v) });
  return { y, ticks };
}

/** Width of a marker label in px: 11 px bold system-ui averages under 6.6 px per character. */
export const LABEL_CHAR_WIDTH = 6.6;
const LABEL_HEIGHT = 13;
/** Label baselines tried in turn, px from the marker: above, below, then further out. */
const LABEL_OFFSETS = [-10, 18, -24, 32, -38, 46];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Break-even labels that never overlap: each label (in x order) takes the first offset whose box
 * stays inside the plot and clear of the labels placed before it; a label with no free place is
 * left out (empty text) and only its ring is drawn, since the list under the chart names every
 * break-even anyway.
 */
export function placeMarkerLabels(points: ReadonlyArray<{ x: number; y: number; label: string }>, innerWidth: number, innerHeight: number): SweepMarker[] {
  const taken: Box[] = [];
  return points.map((p) => {
    const anchor = labelAnchor(p.x, innerWidth);
    const w = p.label.length * LABEL_CHAR_WIDTH;
    const left = anchor === 'start' ? p.x : anchor === 'end' ? p.x - w : p.x - w / 2;
    for (const dy of LABEL_OFFSETS) {
      const box = { left, right: left + w, top: p.y + dy - LABEL_HEIGHT + 3, bottom: p.y + dy + 3 };
      if (box.top < -8 || box.bottom > innerHeight) continue;
      if (taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      return { x: p.x, y: p.y, label: p.label, anchor, dy };
    }
    return { x: p.x, y: p.y, label: '', anchor, dy: 0 };
  });
}

function labelAnchor(x: number, innerWidth: number): 'start' | 'middle' | 'end' {
  if (x < 40) return 'start';
  if (x > innerWidth - 40) return 'end';
  return 'middle';
}

/**
 * Metric (cost or p95) against the swept parameter. The x domain is the swept range exactly (the
 * sweep's ends are its edges); y starts at 0 and is rounded up to nice ticks.
 */
export function sweepLineLayout(
  series: readonly SweepSeries[],
  markers: readonly SweepMarkerInput[],
  width: number,
  height: number,
  formatX: (v: number) => string,
  formatY: (v: number) => string,
  yIsDuration = false,
): SweepLineLayout {
  const { margin, innerWidth, innerHeight } = box(width, height);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  const x = scaleLinear().domain(spread(Math.min(...xs), Math.max(...xs))).range([0, innerWidth]);
  const top = ys.length ? Math.max(...ys) : 1;
  const yAxis = yIsDuration ? durationAxis(top, innerHeight, formatY) : null;
  const y = yAxis ? yAxis.y : scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([innerHeight, 0]);
  const path = line<readonly [number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const lines = series.map((s) => ({
    name: s.name,
    color: s.color,
    dash: s.dash,
    d: path(s.points as Array<readonly [number, number]>) ?? '',
    dots: s.points.filter((p) => Number.isFinite(p[1])).map((p) => ({ x: x(p[0]), y: y(p[1]) })),
  }));
  const placed = placeMarkerLabels(
    [...markers].sort((a, b) => a.at - b.at).map((m) => ({ x: x(m.at), y: y(m.metric), label: m.label })),
    innerWidth,
    innerHeight,
  );
  return {
    margin,
    innerWidth,
    innerHeight,
    x,
    y,
    xTicks: valueTicks(x, formatX, 70).map((t) => ({ ...t })),
    yTicks: yAxis ? yAxis.ticks : valueTicks(y, formatY),
    lines,
    markers: placed,
  };
}

export interface ScatterPointInput {
  /** Strategy name and colour index. */
  name: string;
  color: string;
  cost: number;
  p95: number;
  /** The swept values of this configuration. */
  values: readonly number[];
  onFront: boolean;
}

export interface ScatterLayout extends PlotFrame {
  dots: Array<ScatterPointInput & { cx: number; cy: number }>;
  /** Staircase through the front (sorted by cost): the best p95 money can buy. */
  frontPath: string;
}

/** Cost (x) against p95 pending (y, duration ticks), both from 0; front points joined by a staircase. */
export function paretoScatterLayout(
  points: readonly ScatterPointInput[],
  width: number,
  height: number,
  formatCost: (v: number) => string,
  formatP95: (v: number) => string,
): ScatterLayout {
  const { margin, innerWidth, innerHeight } = box(width, height);
  const finite = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.p95));
  const maxCost = Math.max(0, ...finite.map((p) => p.cost));
  const maxP95 = Math.max(0, ...finite.map((p) => p.p95));
  const x = scaleLinear().domain([0, maxCost > 0 ? maxCost : 1]).nice().range([0, innerWidth]);
  const { y, ticks: yTicks } = durationAxis(maxP95, innerHeight, formatP95);
  const dots = finite.map((p) => ({ ...p, cx: x(p.cost), cy: y(p.p95) }));
  const front = dots.filter((d) => d.onFront).sort((a, b) => a.cx - b.cx);
  const r = (v: number) => Math.round(v * 100) / 100;
  let frontPath = '';
  front.forEach((d, i) => {
    frontPath += i === 0 ? `M${r(d.cx)},${r(d.cy)}` : `H${r(d.cx)}V${r(d.cy)}`;
  });
  return { margin, innerWidth, innerHeight, x, y, xTicks: valueTicks(x, formatCost, 70), yTicks, dots, frontPath };
}
