import { memo, startTransition, useEffect, useMemo, useState, type ReactNode } from 'react';
import { CapacityChart } from '../charts/CapacityChart.tsx';
import { chartStrategies } from '../charts/chartData.ts';
import { CostBreakdownChart } from '../charts/CostBreakdownChart.tsx';
import { CumulativeCostChart } from '../charts/CumulativeCostChart.tsx';
import { downloadText, exportFileStem } from '../charts/exportChart.ts';
import { FleetChart } from '../charts/FleetChart.tsx';
import { PendingCdfChart } from '../charts/PendingCdfChart.tsx';
import { WaitBreakdownChart } from '../charts/WaitBreakdownChart.tsx';
import type { Scenario } from '../scenario/scenario.ts';
import type { WaitCause } from '../metrics/waits.ts';
import { CAUSE_HINT, CAUSE_KNOB, waitSentence } from './waitCauses.ts';
import type { SimulationResult } from '../metrics/result.ts';
import { ComparisonTable } from './ComparisonTable.tsx';
import { comparisonRows } from './comparison.ts';
import { formatCount } from './format.ts';
import { formatSpan } from './import/importFormat.ts';
import { resultToJson, seriesCsv, summaryCsv } from './resultExport.ts';
import { verdict } from '../verdict/verdict.ts';
import { headroomNotes } from '../metrics/headroomNotes.ts';
import { capacityNotes } from '../metrics/capacityNotes.ts';
import { limitNotes } from '../metrics/limitNotes.ts';
import { provisioningNotes } from '../metrics/provisioningNotes.ts';
import { pinnedChartStrategies } from './whatif/pinned.ts';
import type { StudyView } from './runs/study.ts';

/**
 * Mounts children one per frame: the first render of five charts at once is one long main-thread
 * task; one chart per task keeps each under the 50 ms budget. Once mounted they stay mounted, so
 * later results only update them.
 */
function useStaged(total: number): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (count >= total) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setCount((c) => c + 1)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [count, total]);
  return count;
}

/** What changes a wait cause: its what-if slider (`knob-<key>`, when there is one) and a hint. */
function causeHelp(cause: WaitCause): { knobId: string | null; hint: string } {
  const knob = CAUSE_KNOB[cause];
  return { knobId: knob ? `knob-${knob}` : null, hint: CAUSE_HINT[cause] };
}

export const ResultsPanel = memo(function ResultsPanel({
  result,
  sloSeconds,
  onRendered,
  pinned,
  scenario,
  study,
}: {
  result: SimulationResult;
  sloSeconds: number;
  /** The scenario the results came from: names the settings behind each wait cause. */
  scenario?: Scenario;
  onRendered?: (result: SimulationResult) => void;
  /** A pinned earlier run: drawn faded and dashed in the cost and pending charts, deltas in the table. */
  pinned?: SimulationResult | null;
  /** A Monte Carlo study of this result's scenario (runs > 1), finished or under way. */
  study?: StudyView | null;
}) {
  const banded = study && study.done > 1 ? study : null;
  const strategies = useMemo(
    () => chartStrategies(result.strategies).map((s, i) => (banded ? { ...s, band: { cumulativeCost: banded.cumulativeCost[i], pendingCdf: banded.pendingCdf[i] } } : s)),
    [result, banded],
  );
  const withPinned = useMemo(() => (pinned ? [...strategies, ...pinnedChartStrategies(pinned.strategies, result.strategies)] : strategies), [strategies, pinned, result]);
  const rows = useMemo(() => comparisonRows(result.strategies), [result]);
  const single = useMemo(() => verdict(rows), [rows]);
  const sentence = study?.verdict ? study.verdict.sentence : single;
  const whyWait = useMemo(() => waitSentence(result.strategies.map((s, i) => ({ name: s.name, waits: s.waits, strategy: scenario?.strategies[i] }))), [result, scenario]);
  const currency = result.strategies[0]?.cost.currency ?? 'USD';
  const horizon = result.horizonSeconds;
  const stem = (what: string) => exportFileStem(result.scenario, what);
  const charts: ReactNode[] = [
    <CapacityChart key="capacity" strategies={strategies} horizon={horizon} scenarioName={result.scenario} />,
    <CumulativeCostChart key="cost" strategies={withPinned} horizon={horizon} scenarioName={result.scenario} currency={currency} />,
    <PendingCdfChart key="cdf" strategies={withPinned} sloSeconds={sloSeconds} scenarioName={result.scenario} />,
    <CostBreakdownChart key="breakdown" strategies={strategies} scenarioName={result.scenario} currency={currency} />,
    <FleetChart key="fleet" strategies={strategies} horizon={horizon} scenarioName={result.scenario} />,
    <WaitBreakdownChart key="waits" strategies={strategies} scenarioName={result.scenario} causeHelp={causeHelp} />,
  ];
  const staged = useStaged(charts.length);
  const allShown = staged >= charts.length;
  useEffect(() => {
    if (allShown) onRendered?.(result);
  }, [allShown, result, onRendered]);
  const cut = result.podsAfterHorizon ?? 0;
  return (
    <div className="results">
      {cut > 0 && (
        <p className="notice" role="status" data-testid="horizon-cut">
          <strong>
            {formatCount(cut)} trace {cut === 1 ? 'pod arrives' : 'pods arrive'} after the {formatSpan(horizon)} horizon and {cut === 1 ? 'was' : 'were'} not replayed.
          </strong>{' '}
          The results below leave {cut === 1 ? 'it' : 'them'} out; a longer horizon (the scenario's Horizon field, or "Fit horizon to trace" when importing) includes {cut === 1 ? 'it' : 'them'}.
        </p>
      )}
      {study && (
        <p className="study-status" role="status" data-testid="study-status">
          {study.done < study.runs
            ? `Monte Carlo: ${study.done} of ${study.runs} runs done (seeds: the scenario's ${study.seeds[0]}, then derived ones)…`
            : `Monte Carlo: ${study.runs} runs (seeds: the scenario's ${study.seeds[0]}, then derived ones). Table values and chart lines are the scenario's own seed; ranges and shaded bands are the 5th to 95th percentile over the runs.`}
        </p>
      )}
      <p className="verdict" data-testid="verdict" data-runs={study?.verdict ? study.runs : 1}>
        {sentence}
        {whyWait && (
          <>
            {' '}
            <span data-testid="verdict-waits">{whyWait}</span>
          </>
        )}
      </p>
      {result.strategies.some((s) => Object.keys(s.limits ?? {}).length > 0) && (
        <ul className="limit-notes" data-testid="limit-notes">
          {result.strategies.flatMap((s) => (s.limits ? limitNotes(s) : [])).map((n) => (
            <li key={n} className="warn">
              {n}
            </li>
          ))}
        </ul>
      )}
      {result.strategies.some((s) => s.nodes.failedToRegister > 0) && (
        <ul className="limit-notes" data-testid="provisioning-notes">
          {result.strategies.flatMap(provisioningNotes).map((n) => (
            <li key={n} className="warn">
              {n}
            </li>
          ))}
        </ul>
      )}
      {result.strategies.some((s) => s.headroom || s.scheduledLaunches !== undefined) && (
        <ul className="limit-notes" data-testid="headroom-notes">
          {result.strategies.flatMap(headroomNotes).map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {result.strategies.some((s) => s.spot || s.commitment) && (
        <ul className="capacity-notes" data-testid="capacity-notes">
          {result.strategies.flatMap(capacityNotes).map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <ComparisonTable strategies={result.strategies} sloSeconds={sloSeconds} pinned={pinned?.strategies} bands={banded?.bands} />
      <div className="export-bar" role="group" aria-label="Export results">
        <span>Export results:</span>
        <button type="button" onClick={() => downloadText(summaryCsv(result, banded), `${stem('summary')}.csv`, 'text/csv')}>
          Summary CSV
        </button>
        <button type="button" onClick={() => downloadText(seriesCsv(result), `${stem('series')}.csv`, 'text/csv')}>
          Time series CSV
        </button>
        <button type="button" onClick={() => downloadText(resultToJson(result, banded), `${stem('result')}.json`, 'application/json')}>
          JSON
        </button>
      </div>
      <div className="charts">
        {charts.map((chart, i) => (i < staged ? chart : <div key={i} className="chart chart-pending" aria-hidden="true" />))}
      </div>
    </div>
  );
});
