import { useEffect, useMemo, useState } from 'react';
import { recommend, type RecommendResult } from '../../recommend/search.ts';
import { strategyKnobs, type KnobValue } from '../../recommend/knobs.ts';
import { getPath } from '../../recommend/patch.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { setIn, type Draft } from '../draft.ts';
import { formatCount, formatDuration, formatMoney, formatShare } from '../format.ts';
import { traceStore } from '../import/traceStore.ts';
import { RunsPool, StudyCancelledError } from './runsPool.ts';

/** Runs that decide when the runs control says 1: 9 of 10 is the 90% bar. */
const DEFAULT_RUNS = 10;

type Status = { kind: 'idle' } | { kind: 'running'; configs: number; replays: number } | { kind: 'done'; result: RecommendResult; scenario: Scenario } | { kind: 'error'; message: string };

/** "Minimum nodes (baseline)" for a change's path, from the knob that made it. */
function knobLabel(scenario: Scenario, path: string): string {
  const m = /^strategies\.(\d+)\.(.+)$/.exec(path);
  const strategy = m ? scenario.strategies[Number(m[1])] : undefined;
  const knob = strategy ? strategyKnobs(strategy).find((k) => k.path === m![2]) : undefined;
  return knob?.label ?? path;
}

function valueText(path: string, v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'number') return /timeout|Time$|Seconds$|consolidateAfter$/.test(path) ? formatDuration(v) : formatCount(v);
  return String(v);
}

/**
 * "Find the cheapest setup that meets the SLO": searches each strategy's what-if knobs (as
 * `--recommend` does) on a pool of workers, and shows the answer as a diff against the scenario
 * with Apply, which writes the changes into the scenario and re-runs it.
 */
export function RecommendPanel({ scenario, doc, runs, onApply }: { scenario: Scenario | null; doc: Draft; runs: number; onApply: (next: Draft) => void }) {
  const pool = useMemo(() => new RunsPool(), []);
  useEffect(() => () => pool.cancel(), [pool]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const deciding = runs > 1 ? runs : DEFAULT_RUNS;

  const start = () => {
    if (!scenario) return;
    const sc = scenario;
    setStatus({ kind: 'running', configs: 0, replays: 0 });
    const traces = traceStore.tablesFor(sc);
    recommend(sc, {
      runs: deciding,
      evaluate: async (items) => (await pool.runItems(items, () => {}, traces)).map((s) => s.strategies[0].point),
      onProgress: (configs, replays) => setStatus({ kind: 'running', configs, replays }),
    }).then(
      (result) => setStatus({ kind: 'done', result, scenario: sc }),
      (e: unknown) => {
        if (e instanceof StudyCancelledError) setStatus({ kind: 'idle' });
        else setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
  };
  const stop = () => {
    pool.cancel();
    setStatus({ kind: 'idle' });
  };

  const done = status.kind === 'done' ? status : null;
  // Apply writes the changes into the editor's scenario: only while it is the one searched.
  const stale = done !== null && done.scenario !== scenario;
  const rec = done?.result.recommendation ?? null;
  const slo = scenario ? formatDuration(scenario.slo.pendingSeconds) : '';
  return (
    <section className="panel-box recommend" aria-labelledby="recommend-heading" data-testid="recommend" data-status={status.kind}>
      <h3 id="recommend-heading">Recommendation</h3>
      <p className="hint">
        Searches each strategy's knobs (minimum nodes, overflow timeout, instance type) for the cheapest setup whose pending p95 is within the {slo} SLO in at least 90% of {deciding} runs
        {runs > 1 ? ' (the runs control)' : ''}.
      </p>
      <div className="recommend-actions">
        <button type="button" onClick={start} disabled={!scenario || status.kind === 'running'} data-testid="recommend-start">
          Find the cheapest setup that meets the SLO
        </button>
        {status.kind === 'running' && (
          <>
            <span role="status">
              Searching… {formatCount(status.configs)} configurations, {formatCount(status.replays)} replays
            </span>
            <button type="button" onClick={stop}>
              Stop
            </button>
          </>
        )}
      </div>
      {status.kind === 'error' && <p className="field-error" role="alert">The search stopped: {status.message}</p>}
      {done && (
        <div data-testid="recommend-result">
          <ul className="recommend-strategies">
            {done.result.strategies.map((s) => (
              <li key={s.strategy}>
                {s.best ? (
                  <>
                    <strong>{s.strategy}</strong>: {formatMoney(s.best.cost)} at best that meets the SLO
                  </>
                ) : (
                  <>
                    <strong>{s.strategy}</strong>: no setting tried meets the SLO (best {formatShare(s.bestShare)} of runs){s.knobs.length ? '' : '; it has no knobs to search'}
                  </>
                )}
              </li>
            ))}
          </ul>
          {done.result.notSearched.length > 0 && (
            <ul className="recommend-not-searched" data-testid="recommend-not-searched">
              {done.result.notSearched.map((line) => (
                <li key={line}>Not searched: {line}</li>
              ))}
            </ul>
          )}
          {rec ? (
            <>
              <p className="verdict" data-testid="recommend-answer">
                Cheapest that meets the SLO: <strong>{rec.strategy}</strong>, {formatMoney(rec.cost)} (median of {done.result.runs} runs), pending p95 {formatDuration(rec.pendingP95)} (median), within the SLO in{' '}
                {Math.round(rec.meetsSloShare * done.result.runs)} of {done.result.runs} runs.
              </p>
              {Object.keys(rec.changes).length === 0 ? (
                <p>No change: the scenario as written already meets it.</p>
              ) : (
                <table className="recommend-diff" data-testid="recommend-diff">
                  <caption>Changes against the scenario</caption>
                  <thead>
                    <tr>
                      <th scope="col">Setting</th>
                      <th scope="col">Now</th>
                      <th scope="col">Recommended</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(rec.changes).map(([path, value]) => (
                      <tr key={path} data-path={path}>
                        <th scope="row" title={path}>
                          {rec.strategy}: {knobLabel(done.scenario, path)}
                        </th>
                        <td className="diff-old">{valueText(path, getPath(done.scenario, path))}</td>
                        <td className="diff-new">{valueText(path, value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {stale && <p className="notice">The scenario changed since this search; search again to apply it.</p>}
              {Object.keys(rec.changes).length > 0 && !stale && (
                <button
                  type="button"
                  className="primary"
                  data-testid="recommend-apply"
                  onClick={() => onApply(Object.entries(rec.changes).reduce<Draft>((d, [path, value]: [string, KnobValue]) => setIn(d, path, value), doc))}
                >
                  Apply and re-run
                </button>
              )}
            </>
          ) : (
            <p className="verdict" data-testid="recommend-answer">
              No strategy meets the SLO in 90% of runs with the settings searched: try a longer SLO, a higher node limit, or scheduled pre-scaling.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
