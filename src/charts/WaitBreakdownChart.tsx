import { useMemo } from 'react';
import type { ProvisioningStage, WaitCause } from '../metrics/waits.ts';
import { PROVISIONING_STAGE_LABEL, stagesPresent, WAIT_CAUSE_LABEL } from '../metrics/waitLabels.ts';
import { formatPercent } from '../app/format.ts';
import { XAxis } from './Axes.tsx';
import { ChartFrame, SVG_FONT, Tooltip, type TooltipRow, type TooltipState } from './ChartFrame.tsx';
import type { ChartStrategy } from './chartData.ts';
import { INK } from './palette.ts';
import { useItemReadout } from './useTimeHover.ts';
import { WAIT_CAUSE_COLOR, waitBreakdownLayout, type WaitSegment } from './waitBreakdownLayout.ts';

const podHours = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : 1 })} pod-h`;

/** The segment's cause; for node provisioning, also its split by stage (what the pods' nodes were going through). */
function segmentTip(s: WaitSegment, x: number, y: number, byStage: Record<ProvisioningStage, number> | undefined, live = false): TooltipState {
  const rows: TooltipRow[] = [{ color: s.color, label: WAIT_CAUSE_LABEL[s.cause], value: `${podHours(s.podHours)} (${formatPercent(s.share)})` }];
  if (s.cause === 'provisioning' && byStage) {
    for (const k of stagesPresent(byStage)) rows.push({ label: `\u2003${PROVISIONING_STAGE_LABEL[k]}`, value: podHours(byStage[k] / 3600) });
  }
  return { x, y, title: s.strategy, rows, live };
}

function WaitPlot({ strategies, width }: { strategies: readonly ChartStrategy[]; width: number }) {
  const layout = useMemo(() => waitBreakdownLayout(strategies.map((s) => ({ name: s.name, ...s.result.waits })), width), [strategies, width]);
  const stagesOf = useMemo(() => new Map(strategies.map((s) => [s.name, s.result.waits.provisioningByStage])), [strategies]);
  const { margin, innerWidth, innerHeight } = layout;
  const { tip, setTip, keyboard } = useItemReadout(layout.segments.length, (i) => {
    const s = layout.segments[i];
    return segmentTip(s, margin.left + s.x + s.width / 2, margin.top + s.y + s.height + 14, stagesOf.get(s.strategy), true);
  });
  return (
    <div className="plot">
      <svg
        className="chart-svg"
        {...keyboard}
        width={width}
        height={layout.height}
        fontFamily={SVG_FONT}
        fontSize={11}
        role="img"
        aria-label="Pod-hours of waiting per strategy, stacked by cause. Focus it and use the arrow keys to read each part."
        data-testid="wait-breakdown"
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          <XAxis ticks={layout.xTicks} innerHeight={innerHeight} rightRoom={width < 480 ? 0 : margin.right} />
          {layout.rows.map((r) => (
            <g key={r.strategy}>
              <text x={r.labelX} y={r.labelY} textAnchor={r.labelAnchor} fill={INK.text} fontWeight={600}>
                {r.strategy}
              </text>
              {r.podHours === 0 && (
                <text x={4} y={r.y + 15} fill={INK.muted}>
                  no pod waited
                </text>
              )}
            </g>
          ))}
          {layout.segments.map((s) => (
            <g key={`${s.strategy}-${s.cause}`} data-cause={s.cause}>
              <rect
                x={s.x}
                y={s.y}
                width={Math.max(s.width, 1)}
                height={s.height}
                fill={s.color}
                stroke="#ffffff"
                strokeWidth={0.5}
                onPointerMove={(e) => {
                  const box = e.currentTarget.ownerSVGElement!.getBoundingClientRect();
                  setTip(segmentTip(s, e.clientX - box.left, e.clientY - box.top, stagesOf.get(s.strategy)));
                }}
                onPointerLeave={() => setTip(null)}
              />
              {s.width > 34 && (
                <text x={s.x + s.width / 2} y={s.y + s.height / 2} dy="0.32em" textAnchor="middle" fill={textOn(s.color)} fontSize={10} fontWeight={600} pointerEvents="none">
                  {Math.round(s.share * 100)}%
                </text>
              )}
            </g>
          ))}
        </g>
      </svg>
      <Tooltip tip={tip} width={width} />
    </div>
  );
}

/** White text on the dark cause colours, ink on the light ones. */
function textOn(color: string): string {
  const n = parseInt(color.slice(1), 16);
  const lum = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum < 140 ? '#ffffff' : INK.text;
}

/**
 * Why pods waited, per strategy: a stacked bar of pending pod-hours by cause. `knobLinks` lists,
 * under the chart, what changes each cause present (a link to its what-if slider where one exists).
 */
export function WaitBreakdownChart({
  strategies,
  scenarioName,
  causeHelp,
}: {
  strategies: readonly ChartStrategy[];
  scenarioName: string;
  causeHelp: (cause: WaitCause) => { knobId: string | null; hint: string };
}) {
  const causes = useMemo(() => {
    const present = new Set<WaitCause>();
    for (const s of strategies) for (const [c, v] of Object.entries(s.result.waits.byCause)) if (v > 0) present.add(c as WaitCause);
    return (Object.keys(WAIT_CAUSE_COLOR) as WaitCause[]).filter((c) => present.has(c));
  }, [strategies]);
  return (
    <ChartFrame
      id="wait-breakdown"
      title="Why pods waited"
      description="Pending pod-hours of each strategy (arrival to Running; a pod that never started counts until the horizon), split by what the pods were waiting for."
      legend={causes.map((c) => ({ label: WAIT_CAUSE_LABEL[c], color: WAIT_CAUSE_COLOR[c], mark: 'box' as const }))}
      scenarioName={scenarioName}
    >
      {(width) => (
        <>
          <WaitPlot strategies={strategies} width={width} />
          {causes.length > 0 && (
            <ul className="wait-knobs" data-testid="wait-knobs">
              {causes.map((c) => {
                const { knobId, hint } = causeHelp(c);
                return (
                  <li key={c}>
                    <span className="wait-swatch" style={{ background: WAIT_CAUSE_COLOR[c] }} aria-hidden="true" /> {WAIT_CAUSE_LABEL[c]}: {knobId ? <a href={`#${knobId}`} onClick={(e) => focusKnob(e, knobId)}>{hint}</a> : hint}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </ChartFrame>
  );
}

/** Moves to the slider without touching the URL's fragment (it holds the scenario link). */
function focusKnob(e: React.MouseEvent<HTMLAnchorElement>, id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}
