import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { chartMargin, compactNumber, maxOf, valueTicks, type Margin } from './frame.ts';
import { stepLinePath, stepPoints } from './stepSeries.ts';
import { timeScale, timeTicks, type Tick } from './timeAxis.ts';

export interface FleetInput {
  name: string;
  color: string;
  dash: string;
  t: ArrayLike<number>;
  /** Nodes asked for (requested, from cluster-autoscaler's decision until removal). */
  nodes: ArrayLike<number>;
  /** Nodes Ready; absent: taken as `nodes`. */
  nodesReady?: ArrayLike<number>;
  serverlessPods: ArrayLike<number>;
}

export type FleetMeasure = 'nodes' | 'serverlessPods';

export interface FleetPanel {
  measure: FleetMeasure;
  title: string;
  y: ScaleLinear<number, number>;
  yTicks: Tick[];
  lines: { name: string; color: string; dash: string; d: string; peak: number }[];
  /**
   * Nodes panel: each strategy's requested nodes, drawn faded behind its Ready line, where the two
   * differ (nodes waiting in the provisioning stages, e.g. queued at the cloud's launch limit).
   */
  requested: { name: string; color: string; dash: string; d: string }[];
}

export interface FleetLayout {
  margin: Margin;
  innerWidth: number;
  panelInnerHeight: number;
  x: ScaleLinear<number, number>;
  xTicks: Tick[];
  panels: FleetPanel[];
}

const TITLES: Record<FleetMeasure, string> = { nodes: 'Nodes Ready', serverlessPods: 'Serverless pods' };

function differs(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-9) return true;
  return false;
}

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
    // The nodes panel plots Ready nodes, with requested ones behind them (the y axis fits both).
    const shown = (s: FleetInput) => (measure === 'nodes' ? (s.nodesReady ?? s.nodes) : s.serverlessPods);
    const used = strategies.filter((s) => maxOf([s[measure]]) > 0);
    if (used.length === 0) continue;
    const y = scaleLinear().domain([0, maxOf(used.map((s) => s[measure]))]).nice().range([panelInnerHeight, 0]);
    const requested = measure === 'nodes' ? used.filter((s) => s.nodesReady && differs(s.nodes, s.nodesReady)) : [];
    panels.push({
      measure,
      title: TITLES[measure],
      y,
      yTicks: valueTicks(y, compactNumber, 30),
      lines: used.map((s) => ({ name: s.name, color: s.color, dash: s.dash, d: stepLinePath(stepPoints(s.t, shown(s), horizon), x, y), peak: maxOf([shown(s)]) })),
      requested: requested.map((s) => ({ name: s.name, color: s.color, dash: s.dash, d: stepLinePath(stepPoints(s.t, s.nodes, horizon), x, y) })),
    });
  }
  return { margin, innerWidth, panelInnerHeight, x, xTicks: timeTicks(x, horizon), panels };
}
