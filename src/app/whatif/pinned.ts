/**
 * "Pin this run": the pinned results are drawn next to the current ones (same strategy colour,
 * faded and dashed) and the comparison table shows deltas against them.
 */
import type { ChartStrategy } from '../../charts/chartData.ts';
import { strategyColor } from '../../charts/palette.ts';
import type { StrategyResult } from '../../metrics/result.ts';

export const PINNED_DASH = '3 3';

/** `hex` blended toward white by `amount` (0 = unchanged, 1 = white): a faded colour that stays opaque in SVG/PNG exports. */
export function fadeColor(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** The pinned run's strategies as chart series: "<name> (pinned)", faded colour of the same strategy, dashed. */
export function pinnedChartStrategies(pinned: readonly StrategyResult[], current: readonly StrategyResult[]): ChartStrategy[] {
  return pinned.map((result, i) => {
    const same = current.findIndex((s) => s.name === result.name);
    const colorIndex = same >= 0 ? same : i;
    return { index: current.length + i, name: `${result.name} (pinned)`, color: fadeColor(strategyColor(colorIndex), 0.45), dash: PINNED_DASH, result };
  });
}

export interface PinDelta {
  cost: number;
  p95: number;
  sloViolations: number;
}

/** Current minus pinned for a strategy, matched by name; null when the pinned run has no such strategy. */
export function pinDelta(current: StrategyResult, pinned: readonly StrategyResult[] | null | undefined): PinDelta | null {
  const p = pinned?.find((s) => s.name === current.name);
  if (!p) return null;
  return { cost: current.cost.total - p.cost.total, p95: current.pendingSeconds.p95 - p.pendingSeconds.p95, sloViolations: current.slo.violations - p.slo.violations };
}
