import { useMemo } from 'react';
import { formatMoney } from '../app/format.ts';
import { XAxis } from './Axes.tsx';
import { ChartFrame, SVG_FONT, Tooltip, type TooltipState } from './ChartFrame.tsx';
import type { ChartStrategy } from './chartData.ts';
import { costBreakdownLayout, costItemLabel } from './costBreakdownLayout.ts';
import { INK } from './palette.ts';
import { useItemReadout } from './useTimeHover.ts';

function BreakdownPlot({ strategies, width, currency }: { strategies: readonly ChartStrategy[]; width: number; currency: string }) {
  const layout = useMemo(
    () =>
      costBreakdownLayout(
        strategies.map((s) => ({ name: s.name, color: s.color, items: s.result.cost.items })),
        width,
        (v) => formatMoney(v, currency, 0),
      ),
    [strategies, width, currency],
  );
  const { margin, innerWidth, innerHeight } = layout;
  // Keyboard: the read-out steps through the bars (line item by line item, strategy by strategy).
  const { tip, setTip, keyboard } = useItemReadout(layout.bars.length, (i): TooltipState => {
    const b = layout.bars[i];
    return { x: margin.left + Math.min(b.width, innerWidth * 0.5), y: margin.top + b.y + b.height + 14, title: costItemLabel(b.item), rows: [{ color: b.color, label: b.strategy, value: formatMoney(b.value, currency) }], live: true };
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
        aria-label="Cost by line item for each strategy; the same figures are in the CSV export. Focus it and use the arrow keys to read each bar."
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          <XAxis ticks={layout.xTicks} innerHeight={innerHeight} rightRoom={width < 480 ? 0 : margin.right} />
          {layout.groups.map((g) => (
            <text key={g.item} x={g.labelX} y={g.labelY} textAnchor={g.labelAnchor} fill={INK.text} fontWeight={600}>
              {g.label}
            </text>
          ))}
          {layout.bars.map((b) => (
            <g key={`${b.item}-${b.strategy}`}>
              <rect x={b.x} y={b.y} width={Math.max(b.width, b.value > 0 ? 1 : 0)} height={b.height} fill={b.color} />
              {b.value > 0 && (
                <text
                  x={b.width + 60 > innerWidth ? b.width - 4 : b.width + 4}
                  y={b.y + b.height / 2}
                  dy="0.32em"
                  textAnchor={b.width + 60 > innerWidth ? 'end' : 'start'}
                  fill={b.width + 60 > innerWidth ? '#ffffff' : INK.muted}
                  fontSize={10}
                  fontWeight={600}
                >
                  {formatMoney(b.value, currency, 0)}
                </text>
              )}
              <rect
                data-export="skip"
                x={0}
                y={b.y}
                width={innerWidth}
                height={b.height + 2}
                fill="transparent"
                onPointerMove={(e) => {
                  const box = e.currentTarget.ownerSVGElement!.getBoundingClientRect();
                  setTip({
                    x: e.clientX - box.left,
                    y: e.clientY - box.top,
                    title: costItemLabel(b.item),
                    rows: [{ color: b.color, label: b.strategy, value: formatMoney(b.value, currency) }],
                  });
                }}
                onPointerLeave={() => setTip(null)}
              />
            </g>
          ))}
        </g>
      </svg>
      <Tooltip tip={tip} width={width} />
    </div>
  );
}

export function CostBreakdownChart({ strategies, scenarioName, currency }: { strategies: readonly ChartStrategy[]; scenarioName: string; currency: string }) {
  return (
    <ChartFrame
      id="cost-breakdown"
      title="Cost by line item"
      description="What each setup pays for: node compute, control plane, serverless vCPU and memory, and fixed costs."
      legend={strategies.map((s) => ({ label: s.name, color: s.color, mark: 'box' as const }))}
      scenarioName={scenarioName}
    >
      {(width) => <BreakdownPlot strategies={strategies} width={width} currency={currency} />}
    </ChartFrame>
  );
}
