import { useMemo } from 'react';
import { formatClock, formatMoney } from '../app/format.ts';
import { XAxis, YAxis } from './Axes.tsx';
import { ChartFrame, SVG_FONT, Tooltip } from './ChartFrame.tsx';
import { BAND_NOTE, type ChartStrategy } from './chartData.ts';
import { cumulativeCostLayout } from './cumulativeCostLayout.ts';
import { INK } from './palette.ts';
import { useTimeHover } from './useTimeHover.ts';

function CostPlot({ strategies, horizon, width, currency }: { strategies: readonly ChartStrategy[]; horizon: number; width: number; currency: string }) {
  const height = width < 480 ? 220 : 260;
  const layout = useMemo(
    () =>
      cumulativeCostLayout(
        strategies.map((s) => ({ name: s.name, color: s.color, dash: s.dash, t: s.result.series.t, cumulativeCost: s.result.series.cumulativeCost, ...(s.band ? { band: s.band.cumulativeCost } : {}) })),
        horizon,
        width,
        height,
        (v) => formatMoney(v, currency, 0),
      ),
    [strategies, horizon, width, height, currency],
  );
  const { margin, innerWidth, innerHeight, x } = layout;
  const t = strategies[0]?.result.series.t ?? new Float64Array(0);
  const end = (b: number) => (b + 1 < t.length ? t[b + 1] : horizon);
  const { hover, onPointerMove, onPointerLeave, keyboard } = useTimeHover(x, t, margin, (b) => ({
    title: `Spent by ${formatClock(end(b), horizon)}`,
    rows: strategies.map((s) => ({ color: s.color, label: s.name, value: formatMoney(s.result.series.cumulativeCost[b], currency) })),
  }));
  return (
    <div className="plot">
      <svg {...keyboard} className="chart-svg" width={width} height={height} fontFamily={SVG_FONT} fontSize={11} role="img" aria-label="Cumulative cost over time for each strategy; totals are in the comparison table. Focus it and use the arrow keys to read the values over time.">
        <g transform={`translate(${margin.left},${margin.top})`}>
          <YAxis ticks={layout.yTicks} innerWidth={innerWidth} unit={currency} />
          <XAxis ticks={layout.xTicks} innerHeight={innerHeight} rightRoom={margin.right} />
          {layout.lines.map((l) => l.bandD && <path key={`band-${l.name}`} className="run-band" data-testid="run-band" d={l.bandD} fill={l.color} fillOpacity={0.22} stroke="none" />)}
          {layout.lines.map((l) => (
            <path key={l.name} d={l.d} fill="none" stroke={l.color} strokeWidth={2.2} strokeDasharray={l.dash || undefined} />
          ))}
          {hover && <line data-export="skip" x1={x(end(hover.bucket))} x2={x(end(hover.bucket))} y1={0} y2={innerHeight} stroke={INK.text} strokeDasharray="3 3" />}
          {hover &&
            strategies.map((s) => (
              <circle key={s.name} data-export="skip" cx={x(end(hover.bucket))} cy={layout.y(s.result.series.cumulativeCost[hover.bucket])} r={3.5} fill={s.color} />
            ))}
          <rect data-export="skip" width={innerWidth} height={innerHeight} fill="transparent" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave} />
        </g>
      </svg>
      <Tooltip tip={hover?.tip ?? null} width={width} />
    </div>
  );
}

export function CumulativeCostChart({ strategies, horizon, scenarioName, currency }: { strategies: readonly ChartStrategy[]; horizon: number; scenarioName: string; currency: string }) {
  return (
    <ChartFrame
      id="cumulative-cost"
      title="Cumulative cost"
      description={`Total spend since the start of the scenario; steep stretches are where a setup pays for the burst.${strategies.some((s) => s.band) ? BAND_NOTE : ''}`}
      legend={strategies.map((s) => ({ label: s.name, color: s.color, dash: s.dash, mark: 'line' as const }))}
      scenarioName={scenarioName}
    >
      {(width) => <CostPlot strategies={strategies} horizon={horizon} width={width} currency={currency} />}
    </ChartFrame>
  );
}
