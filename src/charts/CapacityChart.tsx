import { useMemo } from 'react';
import { formatClock, formatCount } from '../app/format.ts';
import { XAxis, YAxis } from './Axes.tsx';
import { capacityLayout } from './capacityLayout.ts';
import { ChartFrame, SVG_FONT, Tooltip } from './ChartFrame.tsx';
import type { ChartStrategy } from './chartData.ts';
import { INK } from './palette.ts';
import { useTimeHover } from './useTimeHover.ts';

const PANEL_HEIGHT = 150;
const PANEL_TITLE = 18;

function CapacityPlot({ strategies, horizon, width }: { strategies: readonly ChartStrategy[]; horizon: number; width: number }) {
  const layout = useMemo(
    () =>
      capacityLayout(
        strategies.map((s) => ({ name: s.name, color: s.color, t: s.result.series.t, requestedVcpu: s.result.series.requestedVcpu, provisionedVcpu: s.result.series.provisionedVcpu })),
        horizon,
        width,
        PANEL_HEIGHT,
      ),
    [strategies, horizon, width],
  );
  const { margin, innerWidth, panelInnerHeight, x } = layout;
  const t = strategies[0]?.result.series.t ?? new Float64Array(0);
  const fmt = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })} vCPU`;
  const { hover, onPointerMove, onPointerLeave, keyboard } = useTimeHover(x, t, margin, (b) => ({
    title: formatClock(t[b], horizon),
    rows: strategies.flatMap((s) => [
      { color: s.color, label: `${s.name}: provisioned`, value: fmt(s.result.series.provisionedVcpu[b]) },
      { label: 'requested', value: fmt(s.result.series.requestedVcpu[b]) },
      { label: 'idle', value: fmt(Math.max(0, s.result.series.provisionedVcpu[b] - s.result.series.requestedVcpu[b])) },
    ]),
  }));
  const narrow = width < 560;
  const titleHeight = narrow ? PANEL_TITLE + 24 : PANEL_TITLE + 6;
  const panelBlock = PANEL_HEIGHT + titleHeight;
  const height = strategies.length * panelBlock;
  return (
    <div className="plot">
      <svg {...keyboard} className="chart-svg" width={width} height={height} fontFamily={SVG_FONT} fontSize={11} role="img" aria-label="Requested and provisioned vCPU over time, one panel per strategy; exact figures are in the comparison table. Focus it and use the arrow keys to read the values over time.">
        {layout.panels.map((p, i) => (
          <g key={p.name} transform={`translate(0,${i * panelBlock})`}>
            <text x={narrow ? 4 : margin.left} y={13} fill={INK.text} fontWeight={600} fontSize={12}>
              <tspan fill={p.color}>■ </tspan>
              {p.name}
              <tspan x={narrow ? 4 : undefined} dy={narrow ? 15 : undefined} fill={INK.muted} fontWeight={400}>
                {`${narrow ? '' : '  '}idle ${formatCount(p.idleVcpuHours)} of ${formatCount(p.provisionedVcpuHours)} vCPU·h paid for`}
              </tspan>
            </text>
            <g transform={`translate(${margin.left},${titleHeight + margin.top - 8})`}>
              <YAxis ticks={layout.yTicks} innerWidth={innerWidth} unit="vCPU" />
              <XAxis ticks={layout.xTicks} innerHeight={panelInnerHeight} grid={false} rightRoom={margin.right} />
              <path d={p.idleBand} fill={p.color} fillOpacity={0.16} />
              <path d={p.requestedArea} fill={p.color} fillOpacity={0.5} />
              <path d={p.provisionedLine} fill="none" stroke={p.color} strokeWidth={1.6} />
              {hover && <line data-export="skip" x1={x(t[hover.bucket])} x2={x(t[hover.bucket])} y1={0} y2={panelInnerHeight} stroke={INK.text} strokeDasharray="3 3" />}
              <rect data-export="skip" width={innerWidth} height={panelInnerHeight} fill="transparent" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave} />
            </g>
          </g>
        ))}
      </svg>
      <Tooltip tip={hover?.tip ?? null} width={width} />
    </div>
  );
}

export function CapacityChart({ strategies, horizon, scenarioName }: { strategies: readonly ChartStrategy[]; horizon: number; scenarioName: string }) {
  return (
    <ChartFrame
      id="capacity"
      title="Demand vs provisioned capacity"
      description="vCPU requested by running pods (solid) against vCPU paid for (line). The light band between them is idle capacity you pay for."
      legend={[
        { label: 'Requested vCPU (demand)', color: INK.muted, mark: 'area' },
        { label: 'Provisioned vCPU', color: INK.muted, mark: 'line' },
        { label: 'Idle (paid, unused)', color: INK.muted, mark: 'band' },
      ]}
      scenarioName={scenarioName}
    >
      {(width) => <CapacityPlot strategies={strategies} horizon={horizon} width={width} />}
    </ChartFrame>
  );
}
