import { PodTableBuilder, type PodTable } from '../workload/podTable.ts';
import { resolveColumn } from './columns.ts';
import type { RowBatch } from './csvChunks.ts';
import { autoscale, type RateSeries, type ReplicaSchedule } from './hpa.ts';
import type { PodSize, RateSeriesMapping } from './mapping.ts';
import type { RowIssueLog } from './rowIssues.ts';
import { screenRow, type ScreenTally } from './rowScreen.ts';
import { nonNegativeCell, timeCell } from './sampleCells.ts';
import { DAY_SECONDS } from './time.ts';

/** What a rate-mode import adds to the report. */
export interface RateSeriesOutcome {
  table: PodTable;
  origin: number;
  /** Distinct sample times after summing rows with the same time. */
  samples: number;
  syncs: number;
  peakReplicas: number;
  scaleUps: number;
  scaleDowns: number;
}

/**
 * Pods from a replica schedule: each increase starts pods at that time, each decrease ends the
 * newest pods first (as a ReplicaSet scaled down by an HPA mostly does), and pods still running at
 * `end` run until then.
 */
export function podsFromReplicas(schedule: ReplicaSchedule, end: number, pod: PodSize, classId: number, builder: PodTableBuilder): void {
  const arrivals: number[] = [];
  const durations: number[] = [];
  const running: number[] = []; // pod indices, newest last
  for (let i = 0; i < schedule.times.length; i++) {
    const t = schedule.times[i];
    const target = schedule.replicas[i];
    while (running.length < target) {
      running.push(arrivals.length);
      arrivals.push(t);
      durations.push(0);
    }
    while (running.length > target) {
      const p = running.pop()!;
      durations[p] = t - arrivals[p];
    }
  }
  for (const p of running) durations[p] = end - arrivals[p];
  for (let p = 0; p < arrivals.length; p++) builder.add(arrivals[p], durations[p], pod.cpuMillicores, pod.memoryMiB, classId);
}

/** What turns a rate into pods: the HPA's target per pod, its behaviour, and the pods' size and class. */
export type RateToPods = Pick<RateSeriesMapping, 'capacityPerPod' | 'hpa' | 'pod' | 'className' | 'keepTimeOfDay'>;

/**
 * Autoscales a rate series (a step function; its last sample only marks the end) into pods and
 * rebases them to the series start (or to midnight UTC of its first day).
 */
export function podsFromRateSeries(series: RateSeries, m: RateToPods): RateSeriesOutcome {
  const { times } = series;
  const first = times.length ? times[0] : 0;
  const last = times.length ? times[times.length - 1] : 0;
  const origin = m.keepTimeOfDay ? Math.floor(first / DAY_SECONDS) * DAY_SECONDS : first;

  const schedule = autoscale(series, m.capacityPerPod, m.hpa);
  const builder = new PodTableBuilder();
  const classId = builder.classId(m.className);
  podsFromReplicas(schedule, last, m.pod, classId, builder);
  const table = builder.finish();
  for (let i = 0; i < table.count; i++) table.arrival[i] -= origin;

  let scaleUps = 0;
  let scaleDowns = 0;
  for (let i = 1; i < schedule.replicas.length; i++) {
    if (schedule.replicas[i] > schedule.replicas[i - 1]) scaleUps++;
    else scaleDowns++;
  }
  return {
    table,
    origin,
    samples: times.length,
    syncs: schedule.syncs,
    peakReplicas: schedule.replicas.reduce((a, b) => Math.max(a, b), 0),
    scaleUps,
    scaleDowns,
  };
}

/**
 * Reads a (time, value) series, summing values that share a time (e.g. one row per container),
 * then autoscales it into pods at the end.
 */
export class RateRowReader implements ScreenTally {
  private readonly timeCol: number;
  private readonly valueCol: number;
  private readonly filterCol: number;
  private readonly minColumns: number;
  private readonly sums = new Map<number, number>();

  accepted = 0;
  filteredOut = 0;
  blankLines = 0;

  constructor(
    private readonly mapping: RateSeriesMapping,
    header: readonly string[] | null,
    fileName: string,
    private readonly rejections: RowIssueLog,
  ) {
    this.timeCol = resolveColumn(mapping.time.column, header, 'the time', fileName);
    this.valueCol = resolveColumn(mapping.value.column, header, 'the value', fileName);
    this.filterCol = mapping.filter ? resolveColumn(mapping.filter.column, header, 'the filter', fileName) : -1;
    this.minColumns = Math.max(this.timeCol, this.valueCol, this.filterCol) + 1;
  }

  read(batch: RowBatch, from: number): void {
    const rows = batch.rows;
    const format = this.mapping.time.format;
    const filterValue = this.mapping.filter?.equals.trim() ?? '';
    for (let k = from; k < rows.length; k++) {
      if (!screenRow(batch, k, this.minColumns, this.filterCol, filterValue, this, this.rejections)) continue;
      const time = timeCell(batch, k, this.timeCol, format, this.rejections);
      if (!Number.isFinite(time)) continue;
      const value = nonNegativeCell(batch, k, this.valueCol, 'value', this.rejections);
      if (!Number.isFinite(value)) continue;
      this.accepted++;
      this.sums.set(time, (this.sums.get(time) ?? 0) + value);
    }
  }

  finish(): RateSeriesOutcome {
    const times = Float64Array.from(this.sums.keys()).sort();
    const rates = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) rates[i] = this.sums.get(times[i])!;
    return podsFromRateSeries({ times, rates }, this.mapping);
  }
}
