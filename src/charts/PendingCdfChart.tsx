import { useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDuration, formatPercent } from '../app/format.ts';
import { XAxis, YAxis } from './Axes.tsx';
import { ChartFrame, SVG_FONT, Tooltip, type TooltipState } from './ChartFrame.tsx';
import { BAND_NOTE, type ChartStrategy } from './chartData.ts';
import { INK } from './palette.ts';
import { pendingCdfLayout, shareWithin } from './pendingCdfLayout.ts';
import { moveReadout } from './useTimeHover.ts';

/** Keyboard read-out positions across the time axis. */
const KEY_STEPS = 100;

function CdfPlot({ strategies, sloSeconds, width }: { strategies: readonly ChartStrategy[]; sloSeconds: number; width: number }) {
  const height = width < 480 ? 230 : 270;
  const layout = useMemo(
    () => pendingCdfLayout(strategies.map((s) => ({ name: s.name, color: s.color, dash: s.dash, cdf: s.result.pendingCdf, ...(s.band ? { band: s.band.pendingCdf } : {}) })), sloSeconds, width, height),
    [strategies, sloSeconds, width, height],
  );
  const { margin, innerWidth, innerHeight, x } = layout;
  const [hover, setHover] = useState<{ seconds: number; step: number; tip: TooltipState } | null>(null);
  const showAt = (px: number, y: number, live: boolean) => {
    const seconds = x.invert(px);
    setHover({
      seconds,
      step: Math.round((px / Math.max(1, innerWidth)) * KEY_STEPS),
      tip: {
        x: px + margin.left,
        y,
        title: `Started within ${formatDuration(seconds)}`,
        rows: strategies.map((s) => ({ color: s.color, label: s.name, value: formatPercent(shareWithin(s.result.pendingCdf, seconds)) })),
        live,
      },
    });
  };
  const onPointerMove = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.ownerSVGElement!.getBoundingClientRect();
    showAt(Math.max(0, Math.min(innerWidth, e.clientX - box.left - margin.left)), e.clientY - box.top, false);
  };
  // Keyboard: the same read-out, moved in hundredths of the time axis (see readoutKey).
  const showStep = (step: number) => showAt((step / KEY_STEPS) * innerWidth, margin.top + 8, true);
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => moveReadout(e, hover?.step ?? 0, KEY_STEPS, showStep, () => setHover(null));
  return (
    <div className="plot">
      <svg
        className="chart-svg"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => showStep(hover?.step ?? 0)}
        onBlur={() => setHover(null)}
        width={width}
        height={height}
        fontFamily={SVG_FONT}
        fontSize={11}
        role="img"
        aria-label="Share of pods started within a pending time, log time axis, with the SLO marked; percentiles are in the comparison table. Focus it and use the arrow keys to read the shares."
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          <YAxis ticks={layout.yTicks} innerWidth={innerWidth} unit="pods" />
          <XAxis ticks={layout.xTicks} innerHeight={innerHeight} rightRoom={margin.right} />
          {layout.sloX !== null && (
            <g>
              <line x1={layout.sloX} x2={layout.sloX} y1={0} y2={innerHeight} stroke={INK.slo} strokeWidth={1.5} strokeDasharray="5 3" />
              <text x={layout.sloX + 4} y={12} fill={INK.slo} fontSize={11} fontWeight={600} stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
                SLO {formatDuration(sloSeconds)}
              </text>
            </g>
          )}
          {layout.lines.map((l) => l.bandD && <path key={`band-${l.name}`} className="run-band" data-testid="run-band" d={l.bandD} fill={l.color} fillOpacity={0.22} stroke="none" />)}
          {layout.lines.map((l) => (
            <path key={l.name} d={l.d} fill="none" stroke={l.color} strokeWidth={2.2} strokeDasharray={l.dash || undefined} />
          ))}
          {hover && <line data-export="skip" x1={x(hover.seconds)} x2={x(hover.seconds)} y1={0} y2={innerHeight} stroke={INK.text} strokeDasharray="3 3" />}
          <rect data-export="skip" width={innerWidth} height={innerHeight} fill="transparent" onPointerMove={onPointerMove} onPointerLeave={() => setHover(null)} />
        </g>
      </svg>
      <Tooltip tip={hover?.tip ?? null} width={width} />
    </div>
  );
}

export function PendingCdfChart({ strategies, sloSeconds, scenarioName }: { strategies: readonly ChartStrategy[]; sloSeconds: number; scenarioName: string }) {
  return (
    <ChartFrame
      id="pending-cdf"
      title="Pending time distribution"
      description={`Share of pods that waited at most a given time from arrival to Running (a pod that never started counts as waiting until the end of the run). Further left and higher is better; the dashed red line is the SLO.${strategies.some((s) => s.band) ? BAND_NOTE : ''}`}
      legend={strategies.map((s) => ({ label: s.name, color: s.color, dash: s.dash, mark: 'line' as const }))}
      scenarioName={scenarioName}
    >
      {(width) => <CdfPlot strategies={strategies} sloSeconds={sloSeconds} width={width} />}
    </ChartFrame>
  );
}
