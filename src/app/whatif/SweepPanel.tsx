import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import './whatif.css';
import { downloadText, exportFileStem } from '../../charts/exportChart.ts';
import { strategyColor, strategyDash } from '../../charts/palette.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { allBreakEvens, numericField, paretoFront, sweepToCsv, type SweepPlan, type SweepRow } from '../../sweep/index.ts';
import type { Draft } from '../draft.ts';
import { formatDurationCompact, formatMoney } from '../format.ts';
import { knobApplies, knobBaseline, sliderSpecs } from './knobs.ts';
import { ParetoChart, SweepLineChart } from './SweepCharts.tsx';
import { changesWorkload, sweepParamLabel } from './paramLabel.ts';
import type { SweepMarkerInput, SweepSeries } from './sweepLayout.ts';
import { planAppSweep, type AppSweepParam, type SweepKnob, type SweepTarget } from './sweepPlan.ts';
import { traceStore } from '../import/traceStore.ts';
import { poolSize, SweepCancelledError, SweepPool, type SweepRowFailure } from './sweepPool.ts';
import { DEFAULT_MAX_POD_REPLAYS, estimateWork, workRefusal } from '../../workload/workEstimate.ts';

interface ParamForm {
  /** "knob:burstScale" or "path". */
  target: string;
  path: string;
  from: string;
  to: string;
  steps: string;
}

type Status = { kind: 'idle' } | { kind: 'running'; done: number; total: number; workers: number } | { kind: 'done'; ms: number } | { kind: 'cancelled' } | { kind: 'error'; message: string };

interface Outcome {
  plan: SweepPlan;
  rows: SweepRow[];
  failures: SweepRowFailure[];
  scenarioName: string;
  currency: string;
  /** Readable name of each swept parameter ("Pods per session (web front end)"). */
  labels: string[];
}

const PATH = 'path';

/** A value of the swept parameter as people read it: 16,333 (integers whole) / 0.02772 / ≈ 1,012 (4 digits). */
export function formatSweptValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

function toTarget(f: ParamForm): SweepTarget {
  return f.target === PATH ? { kind: 'path', path: f.path.trim() } : { kind: 'knob', key: f.target.slice('knob:'.length) as SweepKnob };
}

function toParam(f: ParamForm): AppSweepParam {
  return { target: toTarget(f), from: Number(f.from), to: Number(f.to), steps: Number(f.steps) };
}

/**
 * Parameter sweeps: one or two parameters (a what-if knob or any numeric schema path), each
 * variant simulated once in a pool of workers; cost and p95 per strategy against the parameter
 * with break-even points, a cost/latency scatter with the Pareto front, and CSV export.
 */
export const SweepPanel = memo(function SweepPanel({ doc, scenario }: { doc: Draft; scenario: Scenario | null }) {
  const pool = useMemo(() => new SweepPool(), []);
  useEffect(() => () => pool.cancel(), [pool]);
  const base = useMemo(() => (scenario ? knobBaseline(scenario) : null), [scenario]);
  const specs = useMemo(() => (base ? sliderSpecs(base).filter((s) => knobApplies(s.key, base)) : []), [base]);
  const defaultPath = useMemo(() => {
    const burst = scenario?.workload.findIndex((w) => w.type === 'burst') ?? -1;
    return burst >= 0 ? `workload.${burst}.podsPerSession` : 'strategies.0.controlPlanePerHour';
  }, [scenario]);

  const [p1, setP1] = useState<ParamForm>({ target: PATH, path: '', from: '', to: '', steps: '5' });
  const [p2, setP2] = useState<ParamForm | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [formError, setFormError] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [line, setLine] = useState(0);

  /** Fills from/to with a sensible range when a parameter is picked. */
  const rangeFor = useCallback(
    (target: string, path: string): Pick<ParamForm, 'from' | 'to'> => {
      const spec = specs.find((s) => `knob:${s.key}` === target);
      if (spec) return { from: String(spec.min), to: String(spec.key === 'burstScale' || spec.key === 'serverlessPriceScale' ? 2 : spec.max) };
      if (!scenario) return { from: '', to: '' };
      const field = numericField(scenario, path);
      const cur = field.ok ? field.current : undefined;
      if (cur === undefined) return { from: '', to: '' };
      const round = (v: number) => (field.ok && field.integer ? Math.round(v) : Number(v.toPrecision(4)));
      return { from: String(round(cur === 0 ? 0 : cur / 12)), to: String(round(cur === 0 ? 10 : cur * 2)) };
    },
    [specs, scenario],
  );

  // First showing: the burst size path with a range around its value.
  useEffect(() => {
    if (!scenario || p1.path) return;
    setP1((p) => ({ ...p, path: defaultPath, ...rangeFor(PATH, defaultPath) }));
  }, [scenario, defaultPath, p1.path, rangeFor]);

  const run = async () => {
    if (!scenario) return;
    let plan: SweepPlan;
    try {
      plan = planAppSweep(doc, scenario, p2 ? [toParam(p1), toParam(p2)] : [toParam(p1)]);
    } catch (e) {
      setFormError(e instanceof Error ? e.message : String(e));
      return;
    }
    setFormError('');
    if (plan.variants.length === 0) {
      setFormError(`No valid configuration in this range: ${plan.invalid[0]?.issues.map((i) => `${i.path}: ${i.message}`).join('; ') ?? ''}`);
      return;
    }
    // The same work limit as a single run and the CLI, over all the sweep's runs.
    const refusal = workRefusal(estimateWork(plan.variants.map((v) => v.scenario)), DEFAULT_MAX_POD_REPLAYS);
    if (refusal) {
      setFormError(`Not run, the sweep is too big for this page: ${refusal}.`);
      return;
    }
    const started = performance.now();
    const failures: SweepRowFailure[] = [];
    const total = plan.variants.length;
    setStatus({ kind: 'running', done: 0, total, workers: poolSize(total) });
    try {
      const rows = await pool.run(
        plan,
        (_row, done) => setStatus({ kind: 'running', done, total, workers: poolSize(total) }),
        (f) => failures.push(f),
        await traceStore.tablesFor(scenario),
      );
      setOutcome({ plan, rows, failures, scenarioName: scenario.name, currency: 'USD', labels: plan.params.map((p) => sweepParamLabel(p.path, scenario)) });
      setLine(0);
      setStatus({ kind: 'done', ms: performance.now() - started });
    } catch (e) {
      if (e instanceof SweepCancelledError) setStatus({ kind: 'cancelled' });
      else setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const running = status.kind === 'running';
  return (
    <section className="panel-box sweep" aria-labelledby="sweep-heading" data-testid="sweep" data-sweep-status={status.kind}>
      <div className="panel-head">
        <h3 id="sweep-heading">Parameter sweep</h3>
        <span className="muted">Simulates every value of one parameter (or a grid of two) and finds where strategies break even.</span>
      </div>
      {!scenario ? (
        <p className="muted">Fix the problems in the scenario to run a sweep.</p>
      ) : (
        <>
          <ParamFields id="sweep-1" label="Parameter" form={p1} onChange={setP1} specs={specs} rangeFor={rangeFor} disabled={running} />
          {p2 ? (
            <>
              <ParamFields id="sweep-2" label="Second parameter (grid)" form={p2} onChange={setP2} specs={specs} rangeFor={rangeFor} disabled={running} />
              <button type="button" className="link-button" onClick={() => setP2(null)} disabled={running}>
                Remove the second parameter
              </button>
            </>
          ) : (
            <button type="button" className="link-button" disabled={running} onClick={() => setP2({ target: specs[0] ? `knob:${specs[0].key}` : PATH, path: '', steps: '3', ...rangeFor(specs[0] ? `knob:${specs[0].key}` : PATH, '') })}>
              Add a second parameter (grid)
            </button>
          )}
          {formError && (
            <p className="field-error" role="alert" data-testid="sweep-error">
              {formError}
            </p>
          )}
          <div className="sweep-actions">
            <button type="button" className="small-button primary" onClick={run} disabled={running} data-testid="run-sweep">
              Run sweep
            </button>
            <button type="button" className="small-button" onClick={() => pool.cancel()} disabled={!running}>
              Stop sweep
            </button>
            {status.kind === 'running' && (
              <>
                <progress max={status.total} value={status.done} aria-label="Sweep progress" />
                <span role="status">
                  {status.done} of {status.total} variants ({status.workers} worker{status.workers === 1 ? '' : 's'})
                </span>
              </>
            )}
            {status.kind === 'done' && outcome && (
              <span role="status" className="muted">
                {outcome.rows.length} variants in {(status.ms / 1000).toFixed(1)} s.
              </span>
            )}
            {status.kind === 'cancelled' && (
              <span role="status" className="muted">
                Sweep cancelled{outcome ? '; the previous sweep is shown' : ''}.
              </span>
            )}
            {status.kind === 'error' && (
              <span role="alert" className="field-error">
                The sweep failed: {status.message}
              </span>
            )}
            {outcome && outcome.rows.length > 0 && (
              <button
                type="button"
                className="small-button"
                onClick={() => downloadText(sweepToCsv(outcome.plan.params, outcome.rows), `${exportFileStem(outcome.scenarioName, 'sweep')}.csv`, 'text/csv')}
              >
                Export CSV
              </button>
            )}
          </div>
          {outcome && outcome.rows.length > 0 && <SweepResults outcome={outcome} line={line} setLine={setLine} />}
        </>
      )}
    </section>
  );
});

function ParamFields({
  id,
  label,
  form,
  onChange,
  specs,
  rangeFor,
  disabled,
}: {
  id: string;
  label: string;
  form: ParamForm;
  onChange: (f: ParamForm) => void;
  specs: ReturnType<typeof sliderSpecs>;
  rangeFor: (target: string, path: string) => Pick<ParamForm, 'from' | 'to'>;
  disabled: boolean;
}) {
  return (
    <div className="sweep-form" role="group" aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-target`}>{label}</label>
        <select id={`${id}-target`} value={form.target} disabled={disabled} onChange={(e) => onChange({ ...form, target: e.target.value, ...rangeFor(e.target.value, form.path) })}>
          {specs.map((s) => (
            <option key={s.key} value={`knob:${s.key}`}>
              {s.label} (slider)
            </option>
          ))}
          <option value={PATH}>Schema path…</option>
        </select>
      </div>
      {form.target === PATH && (
        <div className="field field-path">
          <label htmlFor={`${id}-path`}>Schema path</label>
          <input
            id={`${id}-path`}
            value={form.path}
            disabled={disabled}
            spellCheck={false}
            placeholder="strategies.1.serverless.pricePerVcpuHour"
            onChange={(e) => onChange({ ...form, path: e.target.value })}
            onBlur={() => !form.from && !form.to && onChange({ ...form, ...rangeFor(PATH, form.path) })}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} inputMode="decimal" value={form.from} disabled={disabled} onChange={(e) => onChange({ ...form, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} inputMode="decimal" value={form.to} disabled={disabled} onChange={(e) => onChange({ ...form, to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-steps`}>Steps</label>
        <input id={`${id}-steps`} inputMode="numeric" value={form.steps} disabled={disabled} onChange={(e) => onChange({ ...form, steps: e.target.value })} />
      </div>
    </div>
  );
}

function SweepResults({ outcome, line, setLine }: { outcome: Outcome; line: number; setLine: (i: number) => void }) {
  const { plan, rows, currency, labels } = outcome;
  const first = plan.params[0];
  const firstLabel = labels[0];
  // Configurations of a sweep that changes the workload do not replay the same pods: Pareto
  // optimality is then judged among the strategies of one workload, and no scatter is drawn.
  const workloadParams = plan.params.map((p) => changesWorkload(p.path));
  const changesPods = workloadParams.some(Boolean);
  const second = plan.params[1];
  const names = rows[0].strategies.map((s) => s.name);
  const secondValue = second ? second.values[Math.min(line, second.values.length - 1)] : undefined;
  const lineRows = useMemo(() => (secondValue === undefined ? rows : rows.filter((r) => r.values[1] === secondValue)), [rows, secondValue]);
  const costBreakEvens = useMemo(() => allBreakEvens(plan, rows, 'cost').filter((p) => p.second === secondValue), [plan, rows, secondValue]);
  const p95BreakEvens = useMemo(() => allBreakEvens(plan, rows, 'p95').filter((p) => p.second === secondValue), [plan, rows, secondValue]);
  const series = (metric: 'cost' | 'p95'): SweepSeries[] =>
    names.map((name, i) => ({ name, color: strategyColor(i), dash: strategyDash(i), points: lineRows.map((r) => [r.values[0], r.strategies[i][metric]] as const) }));
  const markers = (pairs: typeof costBreakEvens): SweepMarkerInput[] => pairs.flatMap((p) => p.points.map((b) => ({ at: b.at, metric: b.metric, label: `≈ ${formatSweptValue(b.at)}` })));
  const costSeries = useMemo(() => series('cost'), [lineRows]); // eslint-disable-line react-hooks/exhaustive-deps
  const p95Series = useMemo(() => series('p95'), [lineRows]); // eslint-disable-line react-hooks/exhaustive-deps
  const costMarkers = useMemo(() => markers(costBreakEvens), [costBreakEvens]); // eslint-disable-line react-hooks/exhaustive-deps
  const p95Markers = useMemo(() => markers(p95BreakEvens), [p95BreakEvens]); // eslint-disable-line react-hooks/exhaustive-deps
  const points = useMemo(() => {
    const all = rows.flatMap((r) => r.strategies.map((s, i) => ({ name: s.name, color: strategyColor(i), cost: s.cost, p95: s.p95, values: r.values, onFront: false })));
    const groups = new Map<string, typeof all>();
    for (const p of all) {
      const key = p.values.filter((_, k) => workloadParams[k]).join('|');
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const front = new Set([...groups.values()].flatMap((g) => paretoFront(g)));
    return all.map((p) => ({ ...p, onFront: front.has(p) }));
  }, [rows]); // eslint-disable-line react-hooks/exhaustive-deps
  const money = useCallback((v: number) => formatMoney(v, currency, 0), [currency]);
  const range = `${formatSweptValue(first.values[0])}..${formatSweptValue(first.values[first.values.length - 1])}`;
  const crossings = costBreakEvens.filter((p) => p.points.length > 0);
  return (
    <div className="sweep-results" data-testid="sweep-results">
      {second && (
        <div className="field">
          <label htmlFor="sweep-line">Lines for {labels[1]} =</label>
          <select id="sweep-line" value={line} onChange={(e) => setLine(Number(e.target.value))}>
            {second.values.map((v, i) => (
              <option key={i} value={i}>
                {formatSweptValue(v)}
              </option>
            ))}
          </select>
        </div>
      )}
      <ul className="break-even-list" data-testid="break-even-list">
        {crossings.length === 0 ? (
          <li>No crossing: the cost order of the strategies does not change for {firstLabel} in {range}.</li>
        ) : (
          crossings.flatMap((p) =>
            p.points.map((b, k) => (
              <li key={`${p.a}|${p.b}|${k}`}>
                Break-even {p.a} vs {p.b}: {firstLabel} ≈ {formatSweptValue(b.at)} (cost {formatMoney(b.metric, currency)};{' '}
                {b.lowerAfter === 'equal' ? 'equal after' : `${b.lowerAfter} cheaper above`})
              </li>
            )),
          )
        )}
      </ul>
      {outcome.failures.length > 0 && (
        <p className="field-error">
          {outcome.failures.length} variant{outcome.failures.length === 1 ? '' : 's'} failed: {outcome.failures[0].message}
        </p>
      )}
      {plan.invalid.length > 0 && (
        <p className="muted">
          Skipped {plan.invalid.length} invalid combination{plan.invalid.length === 1 ? '' : 's'} (e.g. {plan.invalid[0].values.map(formatSweptValue).join(', ')}: {plan.invalid[0].issues[0]?.path}: {plan.invalid[0].issues[0]?.message}).
        </p>
      )}
      <div className="sweep-charts">
        <SweepLineChart
          id="sweep-cost"
          title={`Total cost vs ${firstLabel}`}
          description="One line per strategy; ringed points are cost break-evens (where two strategies cost the same)."
          series={costSeries}
          markers={costMarkers}
          axisLabel={firstLabel}
          unit={currency}
          formatX={formatSweptValue}
          formatY={money}
          scenarioName={outcome.scenarioName}
        />
        <SweepLineChart
          id="sweep-p95"
          title={`p95 pending vs ${firstLabel}`}
          description="95th percentile of arrival to Running; ringed points are where two strategies are equally fast."
          series={p95Series}
          markers={p95Markers}
          axisLabel={firstLabel}
          unit="p95"
          formatX={formatSweptValue}
          formatY={formatDurationCompact}
          scenarioName={outcome.scenarioName}
          yIsDuration
        />
        {changesPods ? (
          <p className="muted sweep-no-pareto" data-testid="sweep-no-pareto">
            No cost-against-p95 chart: this sweep changes the workload through {labels.filter((_, k) => workloadParams[k]).join(" and ")}, so its configurations do not replay the
            same pods, and a cheaper configuration with fewer pods is not a better trade-off. The ◆ in the table compares the strategies on each workload.
          </p>
        ) : (
          <ParetoChart points={points} formatCost={money} formatP95={formatDurationCompact} currency={currency} scenarioName={outcome.scenarioName} strategies={names.map((n, i) => ({ name: n, color: strategyColor(i) }))} />
        )}
      </div>
      <div className="sweep-table-wrap" tabIndex={0} role="region" aria-label="Sweep results table">
        <table className="sweep-table" data-testid="sweep-table">
          <thead>
            <tr>
              {plan.params.map((p, k) => (
                <th key={p.path} scope="col" title={p.path}>
                  {labels[k]}
                </th>
              ))}
              {names.map((n) => (
                <th key={n} scope="col">
                  {n}: cost / p95
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.values.map((v, k) => (
                  <td key={k}>{formatSweptValue(v)}</td>
                ))}
                {r.strategies.map((s, k) => {
                  const onFront = points.some((p) => p.onFront && p.name === s.name && p.values === r.values);
                  return (
                    <td key={k} className={onFront ? 'best' : undefined}>
                      {formatMoney(s.cost, currency)} / {formatDurationCompact(s.p95)}
                      {onFront && <span title="Pareto-optimal"> ◆</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" data-testid="pareto-note">
        ◆ Pareto-optimal: no other {changesPods ? 'strategy on the same workload' : 'configuration'} is both cheaper and has a lower p95 pending time.
      </p>
    </div>
  );
}
