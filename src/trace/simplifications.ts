import { headerKey, isBlank } from './columns.ts';
import type { PodRowMapping } from './mapping.ts';
import type { PodTable } from '../workload/podTable.ts';

/**
 * What a pod-list import simplified, counted so the preview and the CLI can say so:
 * - pods whose written end is the trace's last instant: a trace cut while pods still ran writes
 *   the cut as their end (openb writes deletion_time = 12,902,960 for 34 pods); they are replayed
 *   as running to that end and counted as censored at the end, like a blank end;
 * - pods the source says were never scheduled (phase Pending, or no scheduled time although the
 *   pod was created within the trace): Spillway replays every pod as arriving and asking for
 *   room, so they become ordinary pods;
 * - GPU columns: the model has no GPUs, so they are dropped and the pods keep CPU and memory only.
 */
export interface ImportSimplifications {
  /**
   * Pods with a written end (not blank) equal to the trace end, when at least two share it (one
   * pod ending last is just the last pod). Included in `censored.end`.
   */
  endAtTraceEnd: number;
  /** Accepted pods the source marks as never scheduled, and the column that said so (phase, else scheduled time). */
  neverScheduled: { count: number; columns: string[] } | null;
  /** GPU columns left out, and how many accepted pods asked for a GPU in them. */
  gpu: { columns: string[]; podsRequesting: number } | null;
  /**
   * Cluster exports: pods without a CPU request (BestEffort, or memory only), counted out rather
   * than rejected: they ask the scheduler for no CPU, and every real cluster has some.
   */
  withoutCpuRequest?: number;
  /** kubectl snapshots: pods whose phase is not Running or Pending (Succeeded, Failed, Unknown), counted out: they hold no requests. */
  finished?: number;
}

/** Columns that carry a pod's phase (openb `pod_phase`, a flattened `status.phase`). */
const PHASE_KEYS = new Set(['pod_phase', 'phase', 'status.phase', 'status_phase', 'podphase']);

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);

/**
 * Counts, row by row, the accepted pods the source marks as never scheduled or as asking for a
 * GPU. Built from the header; null when the file has none of those columns (nothing to count).
 */
export class SimplificationTally {
  private neverScheduled = 0;
  private gpuPods = 0;

  private constructor(
    private readonly phaseCol: number,
    private readonly scheduledCol: number,
    private readonly gpuCols: number[],
    /** The start column, when the file names it: a blank scheduled time under a blank start is the start's censoring. */
    private readonly startCol: number,
    private readonly names: { phase: string | null; scheduled: string | null; gpu: string[] },
  ) {}

  static forHeader(header: readonly string[] | null, mapping: PodRowMapping): SimplificationTally | null {
    if (!header) return null;
    const mapped = new Set(
      [mapping.start.column, mapping.end?.column, mapping.duration?.column, mapping.cpu?.column, mapping.memory?.column, mapping.class?.column, mapping.filter?.column]
        .filter((c) => c !== undefined)
        .map((c) => (typeof c === 'number' ? headerKey(header[c] ?? '') : headerKey(c))),
    );
    let phaseCol = -1;
    let scheduledCol = -1;
    const gpuCols: number[] = [];
    header.forEach((name, i) => {
      const key = headerKey(name);
      if (mapped.has(key)) return;
      const ws = words(name.trim());
      if (phaseCol < 0 && PHASE_KEYS.has(key)) phaseCol = i;
      else if (scheduledCol < 0 && ws.includes('scheduled')) scheduledCol = i;
      else if (ws.includes('gpu') || ws.includes('gpus')) gpuCols.push(i);
    });
    if (phaseCol < 0 && scheduledCol < 0 && gpuCols.length === 0) return null;
    const nameOf = (i: number) => (i < 0 ? null : header[i].trim());
    const start = mapping.start.column;
    const startCol = typeof start === 'number' ? start : header.findIndex((h) => headerKey(h) === headerKey(start));
    return new SimplificationTally(phaseCol, scheduledCol, gpuCols, startCol, { phase: nameOf(phaseCol), scheduled: nameOf(scheduledCol), gpu: gpuCols.map((i) => header[i].trim()) });
  }

  /** One accepted pod's row. */
  observe(row: readonly string[]): void {
    // The phase says it when there is one (a Running pod with a blank scheduled time was running
    // before the trace began); otherwise a blank scheduled time does, unless the start is blank
    // too: then the pod was there before the trace began, created and scheduled before it (the
    // Alibaba DLRM 2025 trace writes both as NaN for its 7,280 pods that predate it).
    if (this.phaseCol >= 0) {
      if ((row[this.phaseCol] ?? '').trim().toLowerCase() === 'pending') this.neverScheduled++;
    } else if (this.scheduledCol >= 0 && isBlank(row[this.scheduledCol]) && !(this.startCol >= 0 && isBlank(row[this.startCol]))) {
      this.neverScheduled++;
    }
    for (const c of this.gpuCols) {
      // Numbers only: a GPU model name ("V100") next to a count of 0 asks for nothing.
      if (+row[c] > 0) {
        this.gpuPods++;
        break;
      }
    }
  }

  result(endAtTraceEnd: number): ImportSimplifications {
    const n = this.names;
    const columns = n.phase !== null ? [n.phase] : n.scheduled !== null ? [n.scheduled] : [];
    return {
      endAtTraceEnd,
      neverScheduled: columns.length ? { count: this.neverScheduled, columns } : null,
      gpu: n.gpu.length ? { columns: n.gpu, podsRequesting: this.gpuPods } : null,
    };
  }
}

/**
 * Pods (with a written end) that end at the trace's last end, within a millisecond (rebasing to
 * the origin rounds differently for different starts). `blankEnds` pods had a blank end and were
 * given that end by the importer; they are not counted again. Below two, nothing was cut.
 */
export function podsEndingAtTraceEnd(table: PodTable, blankEnds: number): number {
  let last = -Infinity;
  for (let i = 0; i < table.count; i++) last = Math.max(last, table.arrival[i] + table.duration[i]);
  let atEnd = 0;
  for (let i = 0; i < table.count; i++) if (last - (table.arrival[i] + table.duration[i]) <= 1e-3) atEnd++;
  const written = atEnd - blankEnds;
  return written >= 2 ? written : 0;
}
