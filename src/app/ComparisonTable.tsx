import { useRef, type ReactNode } from 'react';
import { strategyColor } from '../charts/palette.ts';
import type { StrategyResult } from '../metrics/result.ts';
import { bestRows, comparisonRows, type ComparisonRow, type MetricKey } from './comparison.ts';
import { formatCount, formatDurationCompact, formatIncrease, formatMoney, formatMoneyDelta, formatPercent, formatShare } from './format.ts';
import { pinDelta } from './whatif/pinned.ts';
import type { Band, StrategyBands } from '../runs/bands.ts';
import { useSidewaysScroll } from './useSidewaysScroll.ts';

interface Column {
  key: MetricKey;
  label: string;
  format: (r: ComparisonRow) => string;
}

/**
 * The comparison table, also the text alternative for every chart. The best value in each
 * column is marked (bold, a star, and "best" for screen readers).
 */
export function ComparisonTable({
  strategies,
  sloSeconds,
  pinned,
  bands,
}: {
  strategies: readonly StrategyResult[];
  sloSeconds: number;
  pinned?: readonly StrategyResult[] | null;
  /** p5..p95 per strategy over a Monte Carlo study's runs, shown under the cost, p95 and CPU cells. */
  bands?: readonly StrategyBands[] | null;
}) {
  const rows = comparisonRows(strategies);
  const best = bestRows(rows);
  const columns: Column[] = [
    { key: 'costTotal', label: 'Total cost', format: (r) => formatMoney(r.costTotal, r.currency) },
    { key: 'costPer1000PodHours', label: 'per 1,000 pod-h', format: (r) => formatMoney(r.costPer1000PodHours, r.currency) },
    { key: 'cpuUtilization', label: 'CPU', format: (r) => formatPercent(r.cpuUtilization) },
    { key: 'memoryUtilization', label: 'Memory', format: (r) => formatPercent(r.memoryUtilization) },
    { key: 'pendingP50', label: 'p50', format: (r) => formatDurationCompact(r.pendingP50) },
    { key: 'pendingP95', label: 'p95', format: (r) => formatDurationCompact(r.pendingP95) },
    { key: 'pendingP99', label: 'p99', format: (r) => formatDurationCompact(r.pendingP99) },
    { key: 'pendingMax', label: 'max', format: (r) => formatDurationCompact(r.pendingMax) },
    { key: 'sloViolations', label: `Pods over SLO (${formatDurationCompact(sloSeconds)})`, format: (r) => formatCount(r.sloViolations) },
  ];
  const box = useRef<HTMLDivElement>(null);
  const sideways = useSidewaysScroll(box);
  return (
    <>
    {sideways.overflowing && (
      <p className="scroll-hint" data-testid="table-scroll-hint" aria-hidden="true">
        {sideways.moreRight ? 'Swipe or scroll sideways for more columns →' : '← More columns to the left'}
      </p>
    )}
    <div
      ref={box}
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-labelledby="comparison-caption"
      data-more-left={sideways.moreLeft || undefined}
      data-more-right={sideways.moreRight || undefined}
    >
      <table className="comparison" data-testid="comparison-table">
        <caption id="comparison-caption">
          Comparison of strategies{bands?.length ? ` (values: the scenario's own seed; ranges: 5th to 95th percentile over ${bands[0].runs} runs)` : ''}. ★ marks the best value in each column among strategies that start every pod (serverless utilization is 100% by design and gets no ★); “vs cheapest” is the extra cost over the cheapest setup.
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Strategy
            </th>
            <th scope="colgroup" colSpan={2} className="group">
              Cost
            </th>
            <th scope="colgroup" colSpan={2} className="group">
              Utilization
            </th>
            <th scope="colgroup" colSpan={4} className="group">
              Pending time (arrival → Running)
            </th>
            <th scope="col" rowSpan={2} className="num">
              {columns[8].label}
            </th>
          </tr>
          <tr>
            <th scope="col" className="num">
              Total (vs cheapest)
            </th>
            {columns.slice(1, 8).map((c) => (
              <th key={c.key} scope="col" className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const delta = pinDelta(strategies[i], pinned);
            const vsPinned = (key: MetricKey): ReactNode => {
              if (!delta) return null;
              const d = key === 'costTotal' ? delta.cost : key === 'pendingP95' ? delta.p95 : key === 'sloViolations' ? delta.sloViolations : null;
              if (d === null) return null;
              const text =
                key === 'costTotal' ? formatMoneyDelta(d, r.currency) : key === 'pendingP95' ? (Math.abs(d) < 0.05 ? '±0 s' : `${d > 0 ? '+' : '-'}${formatDurationCompact(Math.abs(d))}`) : d === 0 ? '±0' : `${d > 0 ? '+' : '-'}${formatCount(Math.abs(d))}`;
              const tone = Math.abs(d) < 0.005 ? '' : d > 0 ? ' delta-up' : ' delta-down';
              return (
                <span className={`delta pin-delta${tone}`} data-metric={`${key}VsPinned`} title="Change against the pinned run">
                  Δ {text}
                  <span className="visually-hidden"> vs pinned run</span>
                </span>
              );
            };
            const b = bands?.[i];
            const range = (key: MetricKey): ReactNode => {
              if (!b) return null;
              const spread = (band: Band, f: (v: number) => string) => (f(band.p5) === f(band.p95) ? f(band.p5) : `${f(band.p5)}–${f(band.p95)}`);
              const text = key === 'costTotal' ? spread(b.cost, (v) => formatMoney(v, r.currency)) : key === 'pendingP95' ? spread(b.pendingP95, formatDurationCompact) : key === 'cpuUtilization' ? spread(b.utilizationCpu, formatPercent) : null;
              if (text === null) return null;
              return (
                <span className="delta run-range" data-metric={`${key}Band`} title={`5th to 95th percentile over ${b.runs} runs`}>
                  p5–p95 {text}
                </span>
              );
            };
            const cell = (c: Column, extra?: ReactNode) => {
              const isBest = best[c.key].includes(i) && rows.length > 1;
              return (
                <td key={c.key} className={`num${isBest ? ' best' : ''}`} data-metric={c.key}>
                  {c.format(r)}
                  {isBest && (
                    <>
                      <span aria-hidden="true"> ★</span>
                      <span className="visually-hidden"> (best)</span>
                    </>
                  )}
                  {extra}
                  {range(c.key)}
                  {vsPinned(c.key)}
                </td>
              );
            };
            return (
              <tr key={r.name}>
                <th scope="row">
                  <span className="swatch" style={{ background: strategyColor(i) }} aria-hidden="true" />
                  {r.name}
                  {r.flagged && <span className="warn" data-testid="not-ranked"> ({formatCount(r.neverStarted)} of {formatCount(r.podsTotal)} pods never started; not ranked)</span>}
                </th>
                {cell(columns[0], (
                  <span className="delta" data-metric="costDelta">
                    {r.costDeltaToCheapest < 0.005 ? 'cheapest' : `${formatMoneyDelta(r.costDeltaToCheapest, r.currency)} (+${formatIncrease(r.costDeltaShare)})`}
                  </span>
                ))}
                {columns.slice(1, 8).map((c) => cell(c))}
                {cell(columns[8], (
                  <span className="delta" data-metric="sloAttainment">
                    {formatShare(r.sloAttainment)} within SLO
                  </span>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    </>
  );
}
