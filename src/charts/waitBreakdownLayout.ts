import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { WaitCause } from '../metrics/waits.ts';
import { causesPresent } from '../metrics/waitLabels.ts';
import type { Tick } from './timeAxis.ts';
import { valueTicks, type Margin } from './frame.ts';

/**
 * Cause colours: Paul Tol's "muted" qualitative scheme (personal.sron.nl/~pault, 2021), nine
 * colours that stay apart under colour-vision deficiencies, one per cause in the standard order.
 */
export const WAIT_CAUSE_COLOR: Record<WaitCause, string> = {
  nextScan: '#88CCEE',
  provisioning: '#332288',
  limit: '#882255',
  overflowTimeout: '#DDCC77',
  launchThrottle: '#CC6677',
  sandbox: '#44AA99',
  imagePull: '#117733',
  unschedulable: '#999933',
  interruption: '#AA4499',
  // A tenth cause: Tol's "bright" blue, apart from the muted nine.
  preemption: '#4477AA',
};

export interface WaitBreakdownInput {
  name: string;
  totalSeconds: number;
  byCause: Record<WaitCause, number>;
}

export interface WaitSegment {
  strategy: string;
  cause: WaitCause;
  color: string;
  /** Pod-hours of waiting for this cause, and its share of the strategy's wait. */
  podHours: number;
  share: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WaitRow {
  strategy: string;
  /** Where the strategy's name goes (left of its bar, or above it on narrow charts). */
  labelX: number;
  labelY: number;
  labelAnchor: 'end' | 'start';
  /** Right end of the bar, and the strategy's pod-hours of waiting in all. */
  end: number;
  y: number;
  podHours: number;
}

export interface WaitBreakdownLayout {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  height: number;
  x: ScaleLinear<number, number>;
  xTicks: Tick[];
  causes: WaitCause[];
  rows: WaitRow[];
  segments: WaitSegment[];
}

/**
 * One horizontal bar per strategy, its length the pod-hours its pods spent pending, stacked by
 * cause in the standard order (the same colour is the same cause in every bar), so both how long
 * pods waited in all and what for read off one chart. Height grows with the strategies.
 */
export function waitBreakdownLayout(strategies: readonly WaitBreakdownInput[], width: number, barHeight = 22): WaitBreakdownLayout {
  const narrow = width < 480;
  const margin: Margin = { top: 8, right: 16, bottom: 28, left: narrow ? 8 : 170 };
  const labelRow = narrow ? 16 : 0;
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const causes = causesPresent(strategies);
  const rowHeight = barHeight + 10 + labelRow;
  const innerHeight = Math.max(rowHeight, strategies.length * rowHeight);
  const top = Math.max(0, ...strategies.map((s) => s.totalSeconds / 3600));
  const x = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([0, innerWidth]);
  const rows: WaitRow[] = [];
  const segments: WaitSegment[] = [];
  strategies.forEach((s, i) => {
    const y = i * rowHeight + labelRow + 5;
    let at = 0;
    for (const cause of causes) {
      const seconds = s.byCause[cause];
      if (!(seconds > 0)) continue;
      const x0 = x(at / 3600);
      at += seconds;
      segments.push({ strategy: s.name, cause, color: WAIT_CAUSE_COLOR[cause], podHours: seconds / 3600, share: s.totalSeconds > 0 ? seconds / s.totalSeconds : 0, x: x0, y, width: Math.max(0, x(at / 3600) - x0), height: barHeight });
    }
    const label = narrow ? { labelX: 0, labelY: i * rowHeight + 12, labelAnchor: 'start' as const } : { labelX: -8, labelY: y + barHeight / 2 + 4, labelAnchor: 'end' as const };
    rows.push({ strategy: s.name, ...label, end: x(s.totalSeconds / 3600), y, podHours: s.totalSeconds / 3600 });
  });
  const format = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })}`;
  const xTicks = valueTicks(x, format, narrow ? 60 : 80);
  // The unit once, on the last tick (it leans left to fit: see tickAnchor).
  const last = xTicks[xTicks.length - 1];
  if (last) last.label += ' pod-h';
  return { margin, innerWidth, innerHeight, height: innerHeight + margin.top + margin.bottom, x, xTicks, causes, rows, segments };
}
