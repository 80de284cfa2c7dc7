import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { chartMargin, compactNumber, maxOf, valueTicks, type Margin } from './frame.ts';
import { stepBandPath, stepLinePath, stepPoints } from './stepSeries.ts';
import { timeScale, timeTicks, type Tick } from './timeAxis.ts';

export interface CapacityInput {
  name: string;
  color: string;
  t: ArrayLike<number>;
  requestedVcpu: ArrayLike<number>;
  provisionedVcpu: ArrayLike<number>;
}

export interface CapacityPanel {
  name: string;
  color: string;
  /** Demand: vCPU requested by running pods, filled from 0. */
  requestedArea: string;
  requestedLine: string;
  /** Paid-for capacity above demand: the idle cost. */
  idleBand: string;
  provisionedLine: string;
  /** vCPU-hours paid for but not requested over the horizon. */
  idleVcpuHours: number;
  provisionedVcpuHours: number;
}

export interface CapacityLayout {
  margin: Margin;
  innerWidth: number;
  panelInnerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: Tick[];
  yTicks: Tick[];
  panels: CapacityPanel[];
}

/**
 * Small multiples, one panel per strategy, on one shared vCPU axis so panels compare at a glance.
 * Values are bucket averages, drawn as steps.
 */
export function capacityLayout(strategies: readonly CapacityInput[], horizon: number, width: number, panelHeight: number): CapacityLayout {
  const margin = chartMargin(width);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const panelInnerHeight = Math.max(10, panelHeight - margin.top - margin.bottom);
  const x = timeScale(horizon, innerWidth);
  const top = maxOf(strategies.flatMap((s) => [s.requestedVcpu, s.provisionedVcpu]));
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([panelInnerHeight, 0]);
  const panels = strategies.map((s): CapacityPanel => {
    const zero = new Float64Array(s.t.length);
    let idle = 0;
    let paid = 0;
    for (let i = 0; i < s.t.length; i++) {
      const dt = (i + 1 < s.t.length ? s.t[i + 1] : horizon) - s.t[i];
      idle += (Math.max(0, s.provisionedVcpu[i] - s.requestedVcpu[i]) * dt) / 3600;
      paid += (s.provisionedVcpu[i] * dt) / 3600;
    }
    return {
      name: s.name,
      color: s.color,
      requestedArea: stepBandPath(s.t, zero, s.requestedVcpu, horizon, x, y),
      requestedLine: stepLinePath(stepPoints(s.t, s.requestedVcpu, horizon), x, y),
      idleBand: stepBandPath(s.t, s.requestedVcpu, s.provisionedVcpu, horizon, x, y),
      provisionedLine: stepLinePath(stepPoints(s.t, s.provisionedVcpu, horizon), x, y),
      idleVcpuHours: idle,
      provisionedVcpuHours: paid,
    };
  });
  return { margin, innerWidth, panelInnerHeight, x, y, xTicks: timeTicks(x, horizon), yTicks: valueTicks(y, compactNumber, 30), panels };
}
