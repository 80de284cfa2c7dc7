import { useMemo } from 'react';
import { XAxis, YAxis } from '../../charts/Axes.tsx';
import { ChartFrame, SVG_FONT } from '../../charts/ChartFrame.tsx';
import { INK } from '../../charts/palette.ts';
import { paretoScatterLayout, sweepLineLayout, type ScatterPointInput, type SweepMarkerInput, type SweepSeries } from './sweepLayout.ts';

export function SweepLineChart({
  id,
  title,
  description,
  series,
  markers,
  axisLabel,
  unit,
  formatX,
  formatY,
  scenarioName,
  yIsDuration = false,
}: {
  id: string;
  title: string;
  description: string;
  series: readonly SweepSeries[];
  markers: readonly SweepMarkerInput[];
  axisLabel: string;
  unit: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  scenarioName: string;
  yIsDuration?: boolean;
}) {
  return (
    <ChartFrame id={id} title={title} description={description} legend={series.map((s) => ({ label: s.name, color: s.color, dash: s.dash, mark: 'line' as const }))} scenarioName={scenarioName}>
      {(width) => <LinePlot yIsDuration={yIsDuration} width={width} series={series} markers={markers} axisLabel={axisLabel} unit={unit} formatX={formatX} formatY={formatY} title={title} />}
    </ChartFrame>
  );
}

function LinePlot({
  width,
  series,
  markers,
  axisLabel,
  unit,
  formatX,
  formatY,
  title,
  yIsDuration,
}: {
  yIsDuration: boolean;
  width: number;
  series: readonly SweepSeries[];
  markers: readonly SweepMarkerInput[];
  axisLabel: string;
  unit: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  title: string;
}) {
  const height = width < 480 ? 240 : 270;
  const layout = useMemo(() => sweepLineLayout(series, markers, width, height - 16, formatX, formatY, yIsDuration), [series, markers, width, height, formatX, formatY, yIsDuration]);
  const { margin, innerWidth, innerHeight } = layout;
  return (
    <svg className="chart-svg" width={width} height={height} fontFamily={SVG_FONT} fontSize={11} role="img" aria-label={`${title}; the values are in the sweep table.`}>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <YAxis ticks={layout.yTicks} innerWidth={innerWidth} unit={unit} />
        <XAxis ticks={layout.xTicks} innerHeight={innerHeight} rightRoom={margin.right} />
        {layout.lines.map((l) => (
          <g key={l.name}>
            <path d={l.d} fill="none" stroke={l.color} strokeWidth={2.2} strokeDasharray={l.dash || undefined} />
            {l.dots.map((d, i) => (
              <circle key={i} cx={d.x} cy={d.y} r={3} fill={l.color} />
            ))}
          </g>
        ))}
        {layout.markers.map((m, i) => (
          <g key={i} className="break-even" data-testid="break-even-marker">
            <line x1={m.x} x2={m.x} y1={m.y} y2={innerHeight} stroke={INK.text} strokeDasharray="2 3" />
            <circle cx={m.x} cy={m.y} r={5.5} fill="#fff" stroke={INK.text} strokeWidth={2} />
            <text x={m.x} y={m.y + m.dy} textAnchor={m.anchor} fill={INK.text} fontWeight={600} paintOrder="stroke" stroke="#fff" strokeWidth={3}>
              {m.label}
            </text>
          </g>
        ))}
        <text x={innerWidth} y={innerHeight + 28} textAnchor="end" fill={INK.muted} fontSize={10.5}>
          {axisLabel}
        </text>
      </g>
    </svg>
  );
}

export function ParetoChart({
  points,
  formatCost,
  formatP95,
  currency,
  scenarioName,
  strategies,
}: {
  points: readonly ScatterPointInput[];
  formatCost: (v: number) => string;
  formatP95: (v: number) => string;
  currency: string;
  scenarioName: string;
  strategies: ReadonlyArray<{ name: string; color: string }>;
}) {
  return (
    <ChartFrame
      id="sweep-pareto"
      title="Cost vs p95 pending, every configuration"
      description="Each dot is one strategy at one swept value. Ringed dots joined by the staircase are Pareto-optimal: nothing else is both cheaper and faster."
      legend={[...strategies.map((s) => ({ label: s.name, color: s.color, mark: 'box' as const })), { label: 'Pareto-optimal', color: INK.text, mark: 'line' as const }]}
      scenarioName={scenarioName}
    >
      {(width) => <ScatterPlot width={width} points={points} formatCost={formatCost} formatP95={formatP95} currency={currency} />}
    </ChartFrame>
  );
}

function ScatterPlot({ width, points, formatCost, formatP95, currency }: { width: number; points: readonly ScatterPointInput[]; formatCost: (v: number) => string; formatP95: (v: number) => string; currency: string }) {
  const height = width < 480 ? 240 : 270;
  const layout = useMemo(() => paretoScatterLayout(points, width, height - 16, formatCost, formatP95), [points, width, height, formatCost, formatP95]);
  const { margin, innerWidth, innerHeight } = layout;
  return (
    <svg className="chart-svg" width={width} height={height} fontFamily={SVG_FONT} fontSize={11} role="img" aria-label="Cost against p95 pending time for every configuration of the sweep; Pareto-optimal ones are ringed.">
      <g transform={`translate(${margin.left},${margin.top})`}>
        <YAxis ticks={layout.yTicks} innerWidth={innerWidth} unit="p95" />
        <XAxis ticks={layout.xTicks} innerHeight={innerHeight} rightRoom={margin.right} />
        <path d={layout.frontPath} fill="none" stroke={INK.text} strokeWidth={1.5} strokeDasharray="4 3" />
        {layout.dots.map((d, i) => (
          <circle key={i} cx={d.cx} cy={d.cy} r={d.onFront ? 5.5 : 4} fill={d.color} fillOpacity={d.onFront ? 1 : 0.45} stroke={d.onFront ? INK.text : 'none'} strokeWidth={2} data-pareto={d.onFront ? 'yes' : undefined}>
            <title>{`${d.name} at ${d.values.join(', ')}: ${formatCost(d.cost)}, p95 ${formatP95(d.p95)}`}</title>
          </circle>
        ))}
        <text x={innerWidth} y={innerHeight + 28} textAnchor="end" fill={INK.muted} fontSize={10.5}>
          total cost ({currency})
        </text>
      </g>
    </svg>
  );
}
