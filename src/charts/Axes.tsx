import { tickAnchor } from './frame.ts';
import { INK } from './palette.ts';
import type { Tick } from './timeAxis.ts';

/** Bottom axis with labels and light vertical grid lines across the plot. */
export function XAxis({ ticks, innerHeight, grid = true, rightRoom = 20 }: { ticks: readonly Tick[]; innerHeight: number; grid?: boolean; rightRoom?: number }) {
  // The first label leans right at the left edge; the last leans left when the room right of
  // the plot is too small for half of it, so neither is cut off (tickAnchor).
  return (
    <g className="x-axis">
      {ticks.map((t, i) => (
        <g key={i} transform={`translate(${t.position},0)`}>
          {grid && <line y1={0} y2={innerHeight} stroke={INK.grid} />}
          <line y1={innerHeight} y2={innerHeight + 4} stroke={INK.axis} />
          <text y={innerHeight + 16} textAnchor={tickAnchor(t.label, t.position, i, ticks.length, rightRoom)} fill={INK.muted}>
            {t.label}
          </text>
        </g>
      ))}
      <line x1={0} x2={ticks.length ? Math.max(...ticks.map((t) => t.position)) : 0} y1={innerHeight} y2={innerHeight} stroke={INK.axis} />
    </g>
  );
}

/** Left axis with labels, horizontal grid lines, and the unit written above the labels. */
export function YAxis({ ticks, innerWidth, unit }: { ticks: readonly Tick[]; innerWidth: number; unit?: string }) {
  return (
    <g className="y-axis">
      {ticks.map((t, i) => (
        <g key={i} transform={`translate(0,${t.position})`}>
          <line x1={0} x2={innerWidth} stroke={INK.grid} />
          <text x={-6} dy="0.32em" textAnchor="end" fill={INK.muted}>
            {t.label}
          </text>
        </g>
      ))}
      {unit && (
        <text x={-6} y={-10} textAnchor="end" fill={INK.muted} fontSize={10} fontWeight={600} data-role="unit">
          {unit}
        </text>
      )}
    </g>
  );
}
