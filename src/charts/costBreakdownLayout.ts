import { scaleBand, scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Tick } from './timeAxis.ts';
import { valueTicks, type Margin } from './frame.ts';

export interface CostBreakdownInput {
  name: string;
  color: string;
  items: Record<string, number>;
}

export interface CostBar {
  item: string;
  strategy: string;
  color: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CostGroup {
  item: string;
  label: string;
  /** Top of the group's band and its height. */
  y: number;
  height: number;
  /** Where the label goes: left of the bars, or above them on narrow charts (x, baseline y). */
  labelX: number;
  labelY: number;
  labelAnchor: 'end' | 'start';
}

export interface CostBreakdownLayout {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  height: number;
  x: ScaleLinear<number, number>;
  xTicks: Tick[];
  groups: CostGroup[];
  bars: CostBar[];
}

const ITEM_LABELS: Record<string, string> = {
  nodeCompute: 'Node compute',
  controlPlane: 'Control plane',
  serverlessCpu: 'Serverless vCPU',
  serverlessMemory: 'Serverless memory',
  commitment: 'Commitment (Savings Plan / RI)',
};

export function costItemLabel(item: string): string {
  return ITEM_LABELS[item] ?? item;
}

/** Line items that are non-zero for at least one strategy, in first-seen order. */
export function costItems(strategies: readonly CostBreakdownInput[]): string[] {
  const seen: string[] = [];
  for (const s of strategies) for (const [k, v] of Object.entries(s.items)) if (v !== 0 && !seen.includes(k)) seen.push(k);
  return seen;
}

/**
 * Grouped horizontal bars: one group per cost line item, one bar per strategy in its colour,
 * so strategy colours mean the same as in every other chart. Height grows with the data.
 */
export function costBreakdownLayout(strategies: readonly CostBreakdownInput[], width: number, formatMoney: (v: number) => string, barHeight = 14): CostBreakdownLayout {
  const narrow = width < 480;
  // Narrow charts put each item's label above its bars, so bars get the full width.
  const margin: Margin = { top: 8, right: 16, bottom: 28, left: narrow ? 8 : 130 };
  const labelRow = narrow ? 16 : 0;
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const items = costItems(strategies);
  const groupHeight = strategies.length * barHeight + 12 + labelRow;
  const innerHeight = Math.max(groupHeight, items.length * groupHeight);
  const top = Math.max(0, ...strategies.flatMap((s) => items.map((k) => s.items[k] ?? 0)));
  const x = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([0, innerWidth]);
  const band = scaleBand<string>().domain(items).range([0, innerHeight]);
  const groups = items.map((item): CostGroup => {
    const y = band(item) ?? 0;
    return narrow
      ? { item, label: costItemLabel(item), y, height: band.bandwidth(), labelX: 0, labelY: y + 14, labelAnchor: 'start' }
      : { item, label: costItemLabel(item), y, height: band.bandwidth(), labelX: -8, labelY: y + band.bandwidth() / 2 + 4, labelAnchor: 'end' };
  });
  const bars: CostBar[] = [];
  for (const g of groups) {
    strategies.forEach((s, i) => {
      const value = s.items[g.item] ?? 0;
      bars.push({ item: g.item, strategy: s.name, color: s.color, value, x: 0, y: g.y + 6 + labelRow + i * barHeight, width: Math.max(0, x(value)), height: barHeight - 2 });
    });
  }
  return { margin, innerWidth, innerHeight, height: innerHeight + margin.top + margin.bottom, x, xTicks: valueTicks(x, formatMoney, narrow ? 70 : 90), groups, bars };
}
