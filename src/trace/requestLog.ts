import { resolveColumn } from './columns.ts';
import type { RowBatch } from './csvChunks.ts';
import type { RateSeries } from './hpa.ts';
import type { RequestLogMapping } from './mapping.ts';
import { podsFromRateSeries, type RateSeriesOutcome } from './rateSeries.ts';
import type { RowIssueLog } from './rowIssues.ts';
import { screenRow, type ScreenTally } from './rowScreen.ts';
import { nonNegativeCell, timeCell } from './sampleCells.ts';

/** What a request-log import adds to the report besides the HPA figures. */
export interface RequestLogReport {
  /** Width of the counting intervals, seconds. */
  interval: number;
  /** Intervals from the first request's to the last one's, empty ones included. */
  intervals: number;
  /** Requests counted (or their summed weight). */
  total: number;
  /** The busiest interval: its count (or weight) and its start, seconds after the origin. */
  peak: number;
  peakAt: number;
  /** The column each request was weighted by, or null when each counts as 1. */
  weightColumn: string | null;
}

export interface RequestLogOutcome extends RateSeriesOutcome {
  requests: RequestLogReport;
}

/**
 * A request log (one row per request: a timestamp, no end or duration) as a rate series: requests
 * are counted per interval (or their weights summed), each interval's count / interval becomes
 * the rate held over that interval, and the rate goes through the same HPA model as a rate
 * series file (rateSeries.ts). Intervals are aligned to multiples of the interval in the file's
 * own time base (whole UTC minutes for date-times and 60 s), so a count can be checked by hand.
 * Empty intervals between requests are a rate of 0, not a gap.
 */
export class RequestLogReader implements ScreenTally {
  private readonly timeCol: number;
  private readonly weightCol: number;
  private readonly filterCol: number;
  private readonly minColumns: number;
  /** Interval index (floor(time / interval)) -> count or summed weight. */
  private readonly perInterval = new Map<number, number>();

  accepted = 0;
  filteredOut = 0;
  blankLines = 0;

  constructor(
    private readonly mapping: RequestLogMapping,
    private readonly header: readonly string[] | null,
    fileName: string,
    private readonly rejections: RowIssueLog,
  ) {
    this.timeCol = resolveColumn(mapping.time.column, header, 'the request time', fileName);
    this.weightCol = mapping.weight ? resolveColumn(mapping.weight.column, header, 'the weight', fileName) : -1;
    this.filterCol = mapping.filter ? resolveColumn(mapping.filter.column, header, 'the filter', fileName) : -1;
    this.minColumns = Math.max(this.timeCol, this.weightCol, this.filterCol) + 1;
  }

  read(batch: RowBatch, from: number): void {
    const rows = batch.rows;
    const format = this.mapping.time.format;
    const interval = this.mapping.interval;
    const filterValue = this.mapping.filter?.equals.trim() ?? '';
    const weightCol = this.weightCol;
    for (let k = from; k < rows.length; k++) {
      if (!screenRow(batch, k, this.minColumns, this.filterCol, filterValue, this, this.rejections)) continue;
      const time = timeCell(batch, k, this.timeCol, format, this.rejections);
      if (!Number.isFinite(time)) continue;
      const weight = weightCol >= 0 ? nonNegativeCell(batch, k, weightCol, 'weight', this.rejections) : 1;
      if (!Number.isFinite(weight)) continue;
      this.accepted++;
      const index = Math.floor(time / interval);
      this.perInterval.set(index, (this.perInterval.get(index) ?? 0) + weight);
    }
  }

  /** The rate series as a step function: one sample per busy interval, a 0 where a gap starts, and an end mark. */
  series(): RateSeries {
    const interval = this.mapping.interval;
    const indices = Float64Array.from(this.perInterval.keys()).sort();
    const times: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < indices.length; i++) {
      const b = indices[i];
      times.push(b * interval);
      rates.push(this.perInterval.get(b)! / interval);
      if (i + 1 < indices.length && indices[i + 1] !== b + 1) {
        times.push((b + 1) * interval);
        rates.push(0);
      }
    }
    // The last interval is held for its whole width: the series ends where it ends.
    if (indices.length) {
      times.push((indices[indices.length - 1] + 1) * interval);
      rates.push(0);
    }
    return { times: Float64Array.from(times), rates: Float64Array.from(rates) };
  }

  finish(): RequestLogOutcome {
    const m = this.mapping;
    const series = this.series();
    const outcome = podsFromRateSeries(series, m);
    let total = 0;
    let peak = 0;
    let peakIndex = NaN;
    let firstIndex = Infinity;
    let lastIndex = -Infinity;
    for (const [index, count] of this.perInterval) {
      total += count;
      if (count > peak || (count === peak && index < peakIndex)) {
        peak = count;
        peakIndex = index;
      }
      firstIndex = Math.min(firstIndex, index);
      lastIndex = Math.max(lastIndex, index);
    }
    const weightColumn = m.weight ? (typeof m.weight.column === 'number' && this.header ? this.header[m.weight.column].trim() : String(m.weight.column)) : null;
    return {
      ...outcome,
      requests: {
        interval: m.interval,
        intervals: this.perInterval.size ? lastIndex - firstIndex + 1 : 0,
        total,
        peak,
        peakAt: this.perInterval.size ? peakIndex * m.interval - outcome.origin : 0,
        weightColumn,
      },
    };
  }
}
