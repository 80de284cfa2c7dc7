import { formatCount } from '../app/format.ts';
import { formatSpan } from '../app/import/importFormat.ts';
import { MAX_HORIZON_SECONDS, type Scenario } from '../scenario/scenario.ts';
import type { PodTable } from '../workload/podTable.ts';
import { horizonForSpan, inlineRowsTable, placeTrace, TRACE_TIME_RULE, type TracePlacement } from '../workload/tracePlacement.ts';

/** What the CLI says on stderr about one trace source before it runs. */
export interface TraceNotes {
  /** Plain statements: the time rule, the span, the window. */
  notes: string[];
  /** Pods left out by the horizon (printed as warnings: pods the user gave are not replayed). */
  warnings: string[];
}

const pods = (n: number) => `${formatCount(n)} pod${n === 1 ? '' : 's'}`;

/** Each trace source's table on its own clock (files from `traces`, inline rows rebased), with its index. */
export function traceTables(scenario: Scenario, traces: ReadonlyMap<string, PodTable>): { index: number; source: Extract<Scenario['workload'][number], { type: 'trace' }>; table: PodTable }[] {
  return scenario.workload.flatMap((source, index) => {
    if (source.type !== 'trace') return [];
    const table = traces.get(source.name) ?? (source.rows ? inlineRowsTable(source.rows, `workload.${index}.rows`) : undefined);
    return table ? [{ index, source, table }] : [];
  });
}

/**
 * The horizon that replays every pod of the scenario's traces (`--horizon trace`): the last end of
 * any trace pod on the scenario's clock, rounded up to a whole hour. Null without traces.
 */
export function traceHorizon(scenario: Scenario, traces: ReadonlyMap<string, PodTable>): { horizon: number; lastEnd: number } | null {
  const tables = traceTables(scenario, traces);
  if (!tables.length) return null;
  const lastEnd = Math.max(...tables.map(({ source, table }) => placeTrace(table, source, Infinity).span.end));
  return { horizon: horizonForSpan(lastEnd), lastEnd };
}

/**
 * The lines about a trace source: where its time 0 is (`origin`: where that is in the file, when
 * it came from a file), its span, its window, and how many of its pods arrive before and after the
 * horizon. Pure, so tests read the same lines the CLI prints.
 */
export function traceNotes(
  name: string,
  placed: TracePlacement,
  horizon: number,
  source: { offset: number; window?: { from: number; to?: number } },
  origin?: string,
): TraceNotes {
  const notes: string[] = [];
  const warnings: string[] = [];
  const window = source.window;
  notes.push(`trace ${name}: ${pods(placed.rows)}; time 0 is ${origin ?? 'its first arrival'}, placed at ${formatSpan(source.offset)} on the scenario's clock (${TRACE_TIME_RULE})`);
  if (window) {
    const kept = placed.rows - placed.outsideWindow;
    notes.push(
      `trace ${name}: window ${formatSpan(window.from)} to ${window.to === undefined ? 'the end' : formatSpan(window.to)} after time 0: ${pods(kept)} in it` +
        (placed.runningAtWindowStart ? ` (${formatCount(placed.runningAtWindowStart)} already running at its start, replayed from it for the time they had left)` : '') +
        (placed.outsideWindow ? `; ${pods(placed.outsideWindow)} outside it, not replayed` : ''),
    );
  }
  const inside = placed.replayed;
  const span = `spans ${formatSpan(placed.span.end - placed.span.start)} on the scenario's clock (first arrival at ${formatSpan(placed.span.start)}, last end at ${formatSpan(placed.span.end)})`;
  const cut = `${formatCount(inside)} arrive${inside === 1 ? 's' : ''} before the ${formatSpan(horizon)} horizon, ${formatCount(placed.afterHorizon)} after it`;
  if (placed.afterHorizon > 0) {
    const all = horizonForSpan(placed.span.end);
    const fix = all <= MAX_HORIZON_SECONDS ? `--horizon trace replays all (${formatSpan(all)})` : `that is longer than the longest horizon (${MAX_HORIZON_SECONDS / 86400} days): replay a part with --trace-window`;
    warnings.push(`trace ${name}: ${span}; ${cut} and ${placed.afterHorizon === 1 ? 'is' : 'are'} not replayed; ${fix}`);
  } else {
    notes.push(`trace ${name}: ${span}; ${cut}`);
  }
  return { notes, warnings };
}
