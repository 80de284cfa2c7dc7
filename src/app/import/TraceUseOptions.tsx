/**
 * How an imported trace joins the scenario, chosen before "Use the trace": instead of the current
 * workload (the default) or beside it; which part of a long trace to replay; and whether the
 * scenario's horizon is long enough for it ("Fit horizon to trace"). Every count comes from
 * placeTrace, the function the simulation places the pods with, so what this says is what runs.
 */
import { useMemo } from 'react';
import { MAX_HORIZON_SECONDS } from '../../scenario/scenario.ts';
import type { TraceImportReport, TraceSummary } from '../../trace/index.ts';
import { traceOriginText } from '../../trace/timeOrigin.ts';
import type { PodTable } from '../../workload/podTable.ts';
import { horizonForSpan, placeTrace, placeWholeTrace, type TracePlacement, type TraceWindow } from '../../workload/tracePlacement.ts';
import { getIn, type Draft } from '../draft.ts';
import { formatCount } from '../format.ts';
import { formatSpan } from './importFormat.ts';
import { draftSeconds, importedOffset, traceSourceNames, workloadNames, type TraceUse } from './traceSource.ts';

/** The scenario schema's default horizon, when the draft leaves it out. */
const DEFAULT_HORIZON = 86400;

export interface TraceUseChoice {
  use: TraceUse;
  /** The window's bounds as typed (durations such as "115d", or seconds); blank = the trace's start / end. */
  windowFrom: string;
  windowTo: string;
  /** Set the scenario's horizon to fit the trace when it is used. */
  fitHorizon: boolean;
}

/** What the choice means for the draft, or why it cannot be used yet. */
export interface TraceUsePlan {
  window?: TraceWindow;
  windowProblem: string | null;
  placed: TracePlacement;
  offset: number;
  /** The horizon in the draft (seconds), or null when it is not a valid duration. */
  horizon: number | null;
  /** The horizon that replays every pod of the chosen part (its last end, rounded up to an hour). */
  fittedHorizon: number;
  /** The horizon the trace will be replayed with once used. */
  horizonUsed: number | null;
}

function parseBound(text: string): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  const v = draftSeconds(t);
  return v === undefined || v < 0 ? null : v;
}

/** Pure: the window, counts and horizons for a choice. */
export function planTraceUse(doc: Draft, name: string, table: PodTable, summary: Pick<TraceSummary, 'span'>, choice: TraceUseChoice): TraceUsePlan {
  const from = parseBound(choice.windowFrom);
  const to = parseBound(choice.windowTo);
  let windowProblem: string | null = null;
  if (from === null) windowProblem = `"${choice.windowFrom}" is not a duration (e.g. 115d, 36h or seconds)`;
  else if (to === null) windowProblem = `"${choice.windowTo}" is not a duration (e.g. 149.4d, 36h or seconds)`;
  else if (to !== undefined && !(to > (from ?? 0))) windowProblem = 'the window must end after it starts';
  const window: TraceWindow | undefined = windowProblem || from === null || to === null || (from === undefined && to === undefined) ? undefined : to === undefined ? { from: from ?? 0 } : { from: from ?? 0, to };
  const offset = importedOffset(doc, name);
  const raw = getIn(doc, 'horizon');
  const horizon = raw === undefined || raw === '' ? DEFAULT_HORIZON : (draftSeconds(raw) ?? null);
  // Without a window the summary's last end and a bisection say it all (no scan of the rows).
  const place = (h: number) => (window ? placeTrace(table, { offset, window }, h) : placeWholeTrace(table, offset, h, summary.span.end));
  const all = place(Infinity);
  const fittedHorizon = horizonForSpan(all.span.end);
  const horizonUsed = choice.fitHorizon && fittedHorizon <= MAX_HORIZON_SECONDS ? fittedHorizon : horizon;
  const placed = horizonUsed === null ? all : place(horizonUsed);
  return { window, windowProblem, placed, offset, horizon, fittedHorizon, horizonUsed };
}

/**
 * Where activity starts: the first point of the concurrency series at a tenth of the peak or
 * more, rounded down to a whole day (a whole hour for traces under two days). Null when the trace
 * is busy from its start.
 */
export function quietStartEnd(summary: TraceSummary): number | null {
  const threshold = summary.peakConcurrency / 10;
  const first = summary.concurrency.find((p) => p.pods >= threshold);
  if (!first) return null;
  const unit = summary.span.end - summary.span.start >= 2 * 86400 ? 86400 : 3600;
  const from = Math.floor(first.time / unit) * unit;
  return from > summary.span.start ? from : null;
}

const pods = (n: number) => `${formatCount(n)} ${n === 1 ? 'pod' : 'pods'}`;

export function TraceUseOptions({
  doc,
  name,
  report,
  summary,
  plan,
  choice,
  onChange,
}: {
  doc: Draft;
  name: string;
  report: TraceImportReport;
  summary: TraceSummary;
  plan: TraceUsePlan;
  choice: TraceUseChoice;
  onChange: (patch: Partial<TraceUseChoice>) => void;
}) {
  const names = useMemo(() => workloadNames(doc), [doc]);
  const replacesSameName = traceSourceNames(doc).includes(name.trim());
  const { placed, horizon, fittedHorizon, offset } = plan;
  const kept = placed.rows - placed.outsideWindow;
  const quietEnd = quietStartEnd(summary);
  const tooLong = fittedHorizon > MAX_HORIZON_SECONDS;
  const fitted = choice.fitHorizon && !tooLong;
  return (
    <section className="trace-use" aria-labelledby="trace-use-heading">
      <h4 id="trace-use-heading">How to use it</h4>
      <p className="hint" data-testid="import-time-rule">
        Time 0 is {traceOriginText(report)}: a trace&apos;s time 0 is its first arrival, in files and in inline rows alike.{' '}
        {offset > 0 ? `The source's offset places it at ${formatSpan(offset)} on the scenario's clock.` : "It is placed at the start of the scenario's clock (offset 0)."}
      </p>

      <fieldset className="trace-use-mode" data-testid="import-use">
        <legend>Workload</legend>
        <label>
          <input type="radio" name="trace-use" value="replace" checked={choice.use === 'replace'} onChange={() => onChange({ use: 'replace' })} />
          Replace the current workload with this trace
          {names.length > 0 && <span className="hint"> (removes {names.map((n) => `"${n}"`).join(', ')})</span>}
        </label>
        <label>
          <input type="radio" name="trace-use" value="add" checked={choice.use === 'add'} onChange={() => onChange({ use: 'add' })} />
          {replacesSameName ? `Replace only the trace source "${name.trim()}" and keep the other sources` : 'Add it to the current workload as another source'}
        </label>
      </fieldset>

      <fieldset className="trace-window" data-testid="import-window">
        <legend>Part of the trace to replay</legend>
        <div className="trace-window-fields">
          <div className="field">
            <label htmlFor="imp-window-from">From</label>
            <input id="imp-window-from" type="text" inputMode="decimal" value={choice.windowFrom} placeholder="0 (its start)" aria-invalid={plan.windowProblem && choice.windowFrom.trim() ? true : undefined} onChange={(e) => onChange({ windowFrom: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="imp-window-to">To</label>
            <input id="imp-window-to" type="text" inputMode="decimal" value={choice.windowTo} placeholder={`${formatSpan(summary.span.end)} (its end)`} aria-invalid={plan.windowProblem && choice.windowTo.trim() ? true : undefined} onChange={(e) => onChange({ windowTo: e.target.value })} />
          </div>
          {quietEnd !== null && (
            <button type="button" className="link-button" onClick={() => onChange({ windowFrom: `${quietEnd % 86400 === 0 ? `${quietEnd / 86400}d` : `${quietEnd / 3600}h`}`, windowTo: '' })}>
              Skip the quiet start (from {formatSpan(quietEnd)})
            </button>
          )}
        </div>
        <span className="hint">Durations after time 0, such as 115d or 36h; the chart above shades the part replayed.</span>
        {plan.windowProblem ? (
          <p className="field-error" role="alert">
            {plan.windowProblem}
          </p>
        ) : (
          plan.window && (
            <p data-testid="import-window-counts">
              {pods(kept)} in the window
              {placed.runningAtWindowStart > 0 && ` (${formatCount(placed.runningAtWindowStart)} already running at its start, replayed from it for the time they had left)`}; {pods(placed.outsideWindow)} outside it, not replayed. The window&apos;s start becomes the trace&apos;s time 0.
            </p>
          )
        )}
      </fieldset>

      <div className="horizon-fit" data-testid="import-horizon">
        <p>
          {plan.window ? 'The part replayed' : 'The trace'} spans <strong>{formatSpan(placed.span.end - placed.span.start)}</strong>
          {placed.span.end > 0 && `, its last pod ending at ${formatSpan(placed.span.end)} on the scenario's clock`}; the scenario&apos;s horizon is{' '}
          <strong>{horizon === null ? 'not a valid duration' : formatSpan(horizon)}</strong>.
        </p>
        {fitted ? (
          <p role="status" data-testid="import-horizon-fitted">
            The horizon will be set to <strong>{formatSpan(fittedHorizon)}</strong> when you use the trace: all {pods(kept)} arrive within it.{' '}
            <button type="button" className="link-button" onClick={() => onChange({ fitHorizon: false })}>
              Keep {horizon === null ? 'the horizon as it is' : formatSpan(horizon)}
            </button>
          </p>
        ) : placed.afterHorizon > 0 || horizon === null ? (
          <p className="import-warning" role="status" data-testid="import-horizon-cut">
            {horizon !== null && (
              <>
                <strong>
                  {formatCount(placed.afterHorizon)} of {pods(kept)} arrive after the horizon and would not be replayed.
                </strong>{' '}
              </>
            )}
            {tooLong ? (
              `Fitting the horizon would take ${formatSpan(fittedHorizon)}, more than the longest horizon (${MAX_HORIZON_SECONDS / 86400} days): choose a part of the trace above.`
            ) : (
              <button type="button" onClick={() => onChange({ fitHorizon: true })}>
                Fit horizon to trace ({formatSpan(fittedHorizon)})
              </button>
            )}
          </p>
        ) : (
          <p data-testid="import-horizon-ok">All {pods(kept)} arrive within the horizon.</p>
        )}
      </div>
    </section>
  );
}
