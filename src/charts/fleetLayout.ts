import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { chartMargin, compactNumber, maxOf, valueTicks, type Margin } from './frame.ts';
import { stepLinePath, stepPoints } from './stepSeries.ts';
import { timeScale, timeTicks, type Tick } from './timeAxis.ts';

export interface FleetInput {
  name: string;
  color: string;
  dash: string;
  t: ArrayLike<number>;
  nodes: ArrayLike<number>;
  serverlessPods: ArrayLike<number>;
}

export type FleetMeasure = 'nodes' | 'serverlessPods';

export interface FleetPanel {
  measure: FleetMeasure;
  title: string;
  y: ScaleLinear<number, number>;
  yTicks: Tick[];
  lines: { name: string; color: string; dash: string; d: string; peak: number }[];
}

export interface FleetLayout {
  margin: Margin;
  innerWidth: number;
  panelInnerHeight: number;
  x: ScaleLinear<number, number>;
  xTicks: Tick[];
  panels: FleetPanel[];
}

const TITLES: Record<FleetMeasure, string> = { nodes: 'Nodes', serverlessPods: 'Serverless pods' };

/**
 * One panel for nodes and one for serverless pods (different units, so separate y axes); a
 * panel lists only the strategies that use that resource and is left out when none does.
 */
export function fleetLayout(strategies: readonly FleetInput[], horizon: number, width: number, panelHeight: number): FleetLayout {
  const margin = chartMargin(width);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const panelInnerHeight = Math.max(10, panelHeight - margin.top - margin.bottom);
  const x = timeScale(horizon, innerWidth);
  const panels: FleetPanel[] = [];
  for (const measure of ['nodes', 'serverlessPods'] as const) {
    const used = strategies.filter((s) => maxOf([s[measure]]) > 0);
    if (used.length === 0) continue;
    const y = scaleLinear().domain([0, maxOf(used.map((s) => s[measure]))]).nice().range([panelInnerHeight, 0]);
    panels.push({
      measure,
      title: TITLES[measure],
      y,
      yTicks: valueTicks(y, compactNumber, 30),
      lines: used.map((s) => ({ name: s.name, color: s.color, dash: s.dash, d: stepLinePath(stepPoints(s.t, s[measure], horizon), x, y), peak: maxOf([s[measure]]) })),
    });
  }
  return { margin, innerWidth, panelInnerHeight, x, xTicks: timeTicks(x, horizon), panels };
}
