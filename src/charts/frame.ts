import type { ScaleLinear } from 'd3-scale';
import type { Tick } from './timeAxis.ts';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The frame every x/y chart layout shares: plot area, scales and ticks. */
export interface PlotFrame<X = ScaleLinear<number, number>> {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  x: X;
  y: ScaleLinear<number, number>;
  xTicks: Tick[];
  yTicks: Tick[];
}

/** Plot margins: room for y labels on the left and time labels below; tighter on phones. */
export function chartMargin(width: number): Margin {
  return width < 480 ? { top: 20, right: 12, bottom: 28, left: 48 } : { top: 22, right: 20, bottom: 30, left: 60 };
}

/** Value ticks of a linear scale, about one per `minSpacing` pixels of height (at least 2). */
export function valueTicks(scale: ScaleLinear<number, number>, format: (v: number) => string, minSpacing = 40): Tick[] {
  const [r0, r1] = scale.range();
  const count = Math.max(2, Math.floor(Math.abs(r0 - r1) / minSpacing));
  return scale.ticks(count).map((value) => ({ value, position: scale(value), label: format(value) }));
}

/** Largest finite value over several arrays (0 for none). */
export function maxOf(arrays: readonly ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] > m && Number.isFinite(a[i])) m = a[i];
  return m;
}

/** Compact number labels for axes: 950, 1.2k, 34k, 1.5M. */
export function compactNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Average advance of an 11 px axis label, px per character (digits and "$," in system-ui). */
export const TICK_CHAR_WIDTH = 6.4;

/**
 * How an x tick label is anchored so no label is cut off: centred when half its width fits on
 * both sides; the first leans right when it would cross the plot's left edge into the y labels,
 * and the last leans left when half of it is wider than `roomRight`, the room right of the tick.
 * "$1,200" (6 characters, 38 px) centred on the last tick with 16 px of right margin lost 3 px.
 */
export function tickAnchor(label: string, position: number, index: number, count: number, roomRight: number): 'start' | 'middle' | 'end' {
  const half = (label.length * TICK_CHAR_WIDTH) / 2;
  if (count > 1 && index === 0 && position < Math.min(12, half)) return 'start';
  if (count > 1 && index === count - 1 && roomRight < half) return 'end';
  return 'middle';
}
