import type { TraceSource } from '../scenario/workload.ts';
import { WorkloadError } from './errors.ts';
import { PodTableBuilder, type PodTable } from './podTable.ts';
import { echoJson } from '../scenario/echo.ts';

/**
 * The one rule for a trace's time, for files and inline rows alike: a trace's clock starts at its
 * first arrival (t = 0). File importers rebase to it when they read the file (src/trace/podRows.ts,
 * or midnight of that day with `keepTimeOfDay`); inline rows are rebased here. Before this rule,
 * inline rows kept their times as written, so the same pods gave different results depending on
 * where they were written. Said in the import preview and on the CLI's stderr.
 */
export const TRACE_TIME_RULE = "the same rule for files and inline rows: a trace's time 0 is its first arrival, and its offset places that on the scenario's clock";

/** A part of a trace's clock, seconds after its time 0: from (inclusive) to (exclusive; absent: to the end). */
export interface TraceWindow {
  from: number;
  to?: number;
}

/** Where a trace's pods landed on the scenario's clock, and every pod that did not, by reason. */
export interface TracePlacement {
  /** Pods in the trace. */
  rows: number;
  /** Pods replayed: inside the window (if any) and arriving before the horizon. */
  replayed: number;
  /** Pods that arrive at or after the horizon: not replayed. */
  afterHorizon: number;
  /** Pods outside the window: ended by its start, or arriving at or after its end. */
  outsideWindow: number;
  /** Pods that arrived before the window and were still running at its start (replayed from it, for the time they had left). */
  runningAtWindowStart: number;
  /**
   * First arrival and last end of the pods the window keeps, on the scenario's clock (offset
   * included), whatever the horizon: the horizon that replays every one of them ends at `end`.
   * Both 0 when no pod is kept.
   */
  span: { start: number; end: number };
}

/**
 * Places a trace (times from its time 0) on the scenario's clock: applies the window (its start
 * becomes t = 0), adds the offset and cuts at the horizon. `emit` receives each replayed pod's row
 * index, arrival and duration. Linear in the trace's rows; no pod is dropped without a count.
 */
export function placeTrace(
  table: PodTable,
  placement: { offset: number; window?: TraceWindow },
  horizon: number,
  emit?: (row: number, arrival: number, duration: number) => void,
): TracePlacement {
  const { offset, window } = placement;
  const from = window ? window.from : -Infinity;
  const to = window?.to ?? Infinity;
  const shift = window ? window.from : 0;
  let replayed = 0;
  let afterHorizon = 0;
  let outsideWindow = 0;
  let runningAtWindowStart = 0;
  let first = Infinity;
  let last = -Infinity;
  const { arrival, duration } = table;
  for (let k = 0; k < table.count; k++) {
    let a = arrival[k];
    let d = duration[k];
    if (a >= to) {
      outsideWindow++;
      continue;
    }
    if (a < from) {
      if (a + d <= from) {
        outsideWindow++;
        continue;
      }
      runningAtWindowStart++;
      d = a + d - from;
      a = from;
    }
    a = a - shift + offset;
    if (a < first) first = a;
    if (a + d > last) last = a + d;
    if (a >= horizon) {
      afterHorizon++;
      continue;
    }
    replayed++;
    emit?.(k, a, d);
  }
  const span = first === Infinity ? { start: 0, end: 0 } : { start: first, end: last };
  return { rows: table.count, replayed, afterHorizon, outsideWindow, runningAtWindowStart, span };
}

/**
 * placeTrace's counts for a whole trace (no window), in O(log n): the table is sorted by arrival,
 * so the pods before the horizon are a prefix; `lastEnd` (the trace's last end on its own clock,
 * which the import summary already has) gives the span. For the import preview, which must not
 * scan a million rows on the page's main thread to say what the horizon cuts.
 */
export function placeWholeTrace(table: PodTable, offset: number, horizon: number, lastEnd: number): TracePlacement {
  const n = table.count;
  const a = table.arrival;
  // First pod arriving at or after the horizon (arrival + offset >= horizon), by bisection.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] + offset >= horizon) hi = mid;
    else lo = mid + 1;
  }
  const span = n === 0 ? { start: 0, end: 0 } : { start: a[0] + offset, end: lastEnd + offset };
  return { rows: n, replayed: lo, afterHorizon: n - lo, outsideWindow: 0, runningAtWindowStart: 0, span };
}

/**
 * Inline rows (`arrival_s, duration_s, cpu_m, mem_mib[, class]`) as a pod table on the trace's own
 * clock: rebased so that the first arrival is t = 0 (TRACE_TIME_RULE), like a file with the same
 * rows. Throws WorkloadError naming the row for a row no pod can come from.
 */
export function inlineRowsTable(rows: NonNullable<TraceSource['rows']>, path: string): PodTable {
  const out = new PodTableBuilder();
  let first = Infinity;
  rows.forEach((row, r) => {
    const [arrival, duration, cpu, mem] = row;
    // Duration 0 is a pod, as in CSV rows and the generators (counted and reported by buildWorkload).
    if (!Number.isFinite(arrival) || !(duration >= 0) || !(cpu > 0) || !(mem >= 0)) {
      throw new WorkloadError(`${path}.${r}: needs a finite arrival, duration >= 0, cpu > 0, memory >= 0; got ${echoJson(row)}`);
    }
    if (arrival < first) first = arrival;
    out.add(arrival, duration, cpu, mem, out.classId(row.length > 4 ? String(row[4]) : 'default'));
  });
  const table = out.finish();
  for (let i = 0; i < table.count; i++) table.arrival[i] -= first;
  return table;
}

/** The horizon that replays every pod of a trace: its last end on the scenario's clock, rounded up to a whole hour (at least one). */
export function horizonForSpan(spanEnd: number): number {
  return Math.max(1, Math.ceil(spanEnd / 3600)) * 3600;
}
