import type { TraceImportResult } from './report.ts';
import { requestRange, type RequestRange } from './requestRange.ts';

export interface ConcurrencyPoint {
  /** Seconds after the trace origin: the start of the interval this point stands for. */
  time: number;
  /** Most pods running at once during the interval (so a short peak still shows on the chart). */
  pods: number;
}

/** What the import dialog shows before the user accepts a trace. */
export interface TraceSummary {
  accepted: number;
  rejected: number;
  filteredOut: number;
  censored: { start: number; end: number };
  pods: number;
  /** First arrival and last end, seconds after the origin. */
  span: { start: number; end: number };
  podHours: number;
  peakConcurrency: number;
  /** When the peak is first reached, seconds after the origin. */
  peakAt: number;
  /** At most `maxPoints` points, evenly spaced over the span. */
  concurrency: ConcurrencyPoint[];
  /** Every pod's CPU and memory request (null without pods): the unit guess saw only the first rows. */
  requests: RequestRange | null;
}

/**
 * Summarises an import with one sweep over arrivals and ends. Pure; linear after one sort of the
 * end times.
 */
export function summarizeTrace(result: TraceImportResult, maxPoints = 200): TraceSummary {
  const { table, report } = result;
  const n = table.count;
  const base = {
    accepted: report.accepted,
    rejected: report.rejected,
    filteredOut: report.filteredOut,
    censored: { ...report.censored },
    pods: n,
    requests: requestRange(table),
  };
  if (n === 0) return { ...base, span: { start: 0, end: 0 }, podHours: 0, peakConcurrency: 0, peakAt: 0, concurrency: [] };

  const arrival = table.arrival;
  const ends = new Float64Array(n);
  let podSeconds = 0;
  for (let i = 0; i < n; i++) {
    ends[i] = arrival[i] + table.duration[i];
    podSeconds += table.duration[i];
  }
  ends.sort();
  const start = arrival[0];
  const end = Math.max(ends[n - 1], start);

  const buckets = Math.max(1, Math.min(maxPoints, Math.floor(maxPoints)));
  const width = (end - start) / buckets;
  const bucketOf = (t: number) => (width > 0 ? Math.min(buckets - 1, Math.floor((t - start) / width)) : 0);
  const bucketMax = new Float64Array(buckets);
  let current = 0; // bucket the sweep is in
  let level = 0;
  let peak = 0;
  let peakAt = start;
  let i = 0;
  let j = 0;
  while (i < n || j < n) {
    const t = Math.min(j < n ? ends[j] : Infinity, i < n ? arrival[i] : Infinity);
    const b = bucketOf(t);
    // Buckets the sweep enters hold the level it carries in, unless their first instant is t
    // itself: then the level after t's events is the one that holds.
    while (current < b) {
      current++;
      bucketMax[current] = current < b || t > start + current * width ? level : 0;
    }
    // All events at t at once, so a pod leaving and one arriving at t never count as overlapping.
    while (j < n && ends[j] === t) {
      level--;
      j++;
    }
    while (i < n && arrival[i] === t) {
      level++;
      i++;
    }
    if (level > peak) {
      peak = level;
      peakAt = t;
    }
    if (level > bucketMax[b]) bucketMax[b] = level;
  }
  const concurrency: ConcurrencyPoint[] = [];
  for (let b = 0; b < buckets; b++) concurrency.push({ time: start + b * width, pods: bucketMax[b] });
  return { ...base, span: { start, end }, podHours: podSeconds / 3600, peakConcurrency: peak, peakAt, concurrency };
}
