import { useMemo } from 'react';
import { formatClock, formatCount } from '../app/format.ts';
import { XAxis, YAxis } from './Axes.tsx';
import { ChartFrame, SVG_FONT, Tooltip } from './ChartFrame.tsx';
import type { ChartStrategy } from './chartData.ts';
import { fleetLayout } from './fleetLayout.ts';
import { INK } from './palette.ts';
import { useTimeHover } from './useTimeHover.ts';

const PANEL_HEIGHT = 170;
const PANEL_TITLE = 18;

function FleetPlot({ strategies, horizon, width }: { strategies: readonly ChartStrategy[]; horizon: number; width: number }) {
  const layout = useMemo(
    () =>
      fleetLayout(
        strategies.map((s) => ({ name: s.name, color: s.color, dash: s.dash, t: s.result.series.t, nodes: s.result.series.nodes, nodesReady: s.result.series.nodesReady, serverlessPods: s.result.series.serverlessPods })),
        horizon,
        width,
        PANEL_HEIGHT,
      ),
    [strategies, horizon, width],
  );
  const { margin, innerWidth, panelInnerHeight, x } = layout;
  const t = strategies[0]?.result.series.t ?? new Float64Array(0);
  const { hover, onPointerMove, onPointerLeave, keyboard } = useTimeHover(x, t, margin, (b) => ({
    title: formatClock(t[b], horizon),
    rows: layout.panels.flatMap((p) =>
      p.lines.flatMap((l) => {
        const s = strategies.find((st) => st.name === l.name)!;
        const series = s.result.series;
        if (p.measure !== 'nodes') return [{ color: l.color, label: `${l.name}: ${p.title.toLowerCase()}`, value: formatCount(series.serverlessPods[b]) }];
        const ready = (series.nodesReady ?? series.nodes)[b];
        const rows = [{ color: l.color, label: `${l.name}: nodes Ready`, value: formatCount(ready) }];
        if (p.requested.some((r) => r.name === l.name)) rows.push({ color: l.color, label: `${l.name}: nodes requested`, value: formatCount(series.nodes[b]) });
        return rows;
      }),
    ),
  }));
  const block = PANEL_HEIGHT + PANEL_TITLE;
  return (
    <div className="plot">
      <svg {...keyboard} className="chart-svg" width={width} height={Math.max(1, layout.panels.length) * block} fontFamily={SVG_FONT} fontSize={11} role="img" aria-label="Nodes and serverless pods over time for each strategy; peaks are in the CSV export. Focus it and use the arrow keys to read the values over time.">
        {layout.panels.map((p, i) => (
          <g key={p.measure} transform={`translate(0,${i * block})`}>
            <text x={margin.left} y={13} fill={INK.text} fontWeight={600} fontSize={12}>
              {p.title}
              <tspan fill={INK.muted} fontWeight={400}>{`  peak ${p.lines.map((l) => formatCount(l.peak)).join(' / ')}`}</tspan>
              {p.requested.length > 0 && <tspan fill={INK.muted} fontWeight={400} data-testid="fleet-requested-note">{'  · faded: requested, not yet Ready'}</tspan>}
            </text>
            <g transform={`translate(${margin.left},${PANEL_TITLE + margin.top - 8})`}>
              <YAxis ticks={p.yTicks} innerWidth={innerWidth} unit={p.measure === 'nodes' ? 'nodes' : 'pods'} />
              <XAxis ticks={layout.xTicks} innerHeight={panelInnerHeight} rightRoom={margin.right} />
              {p.requested.map((l) => (
                <path key={`requested-${l.name}`} data-testid="fleet-requested" d={l.d} fill="none" stroke={l.color} strokeOpacity={0.35} strokeWidth={4} strokeDasharray={l.dash || undefined} />
              ))}
              {p.lines.map((l) => (
                <path key={l.name} d={l.d} fill="none" stroke={l.color} strokeWidth={2} strokeDasharray={l.dash || undefined} />
              ))}
              {hover && <line data-export="skip" x1={x(t[hover.bucket])} x2={x(t[hover.bucket])} y1={0} y2={panelInnerHeight} stroke={INK.text} strokeDasharray="3 3" />}
              <rect data-export="skip" width={innerWidth} height={panelInnerHeight} fill="transparent" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave} />
            </g>
          </g>
        ))}
        {layout.panels.length === 0 && (
          <text x={margin.left} y={40} fill={INK.muted}>
            No nodes or serverless pods ran.
          </text>
        )}
      </svg>
      <Tooltip tip={hover?.tip ?? null} width={width} />
    </div>
  );
}

export function FleetChart({ strategies, horizon, scenarioName }: { strategies: readonly ChartStrategy[]; horizon: number; scenarioName: string }) {
  return (
    <ChartFrame
      id="fleet"
      title="Nodes and serverless pods"
      description="Nodes Ready in the pool (faded behind: nodes requested by cluster-autoscaler, still in their provisioning stages or queued at the cloud's launch limits) and pods running on serverless capacity (bucket averages)."
      legend={strategies.map((s) => ({ label: s.name, color: s.color, dash: s.dash, mark: 'line' as const }))}
      scenarioName={scenarioName}
    >
      {(width) => <FleetPlot strategies={strategies} horizon={horizon} width={width} />}
    </ChartFrame>
  );
}
