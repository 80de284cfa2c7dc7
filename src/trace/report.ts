import type { PodTable } from '../workload/podTable.ts';
import type { TraceLayout } from './detect.ts';
import type { TraceMapping } from './mapping.ts';
import type { RequestLogReport } from './requestLog.ts';
import type { RowIssue } from './rowIssues.ts';
import type { ImportSimplifications } from './simplifications.ts';
import type { CpuUnitGuess, MemoryUnitGuess } from './unitGuess.ts';

/** Rate mode only: what the autoscaler made of the series. */
export interface RateImportReport {
  /** Distinct sample times after summing rows with the same time. */
  samples: number;
  /** HPA syncs run over the series. */
  syncs: number;
  peakReplicas: number;
  scaleUps: number;
  scaleDowns: number;
}

/**
 * Everything the import did with the file, so nothing is lost silently:
 * dataRows = accepted + rejected + filteredOut.
 */
export interface TraceImportReport {
  fileName: string;
  /** The known layout the mapping came from, or 'custom' when the caller gave the mapping. */
  layout: TraceLayout | 'custom';
  /** The mapping used, defaults filled in: save it to import the file the same way again. */
  mapping: TraceMapping;
  /** How detection read each column (empty for a given mapping). */
  notes: string[];
  /** How detection guessed the CPU and memory units, with reasons and confidence (absent for a given mapping). */
  units?: { cpu?: CpuUnitGuess; memory?: MemoryUnitGuess };
  delimiter: string;
  /** Rows after the header, blank lines not counted. */
  dataRows: number;
  /** Rows that became pods (pods mode), rate samples (rate mode) or counted requests (request-log mode). */
  accepted: number;
  rejected: number;
  /** Rows skipped because they did not match the mapping's filter. */
  filteredOut: number;
  blankLines: number;
  /** Rejected rows by reason, most frequent first, with the first few of each. */
  rejections: RowIssue[];
  /**
   * Pod sizes that suggest a misread CPU or memory unit (pods bigger than any node type, a median
   * pod under 10m or 16 MiB), each naming the column and the unit that would fix it.
   */
  unitWarnings?: string[];
  /** Accepted rows with something odd about them (zero memory, zero duration). */
  warnings: RowIssue[];
  /**
   * Pods with a blank start (running when the trace began), and pods still running at its end:
   * a blank end, or a written end equal to the trace end (see `simplified.endAtTraceEnd`).
   */
  censored: { start: number; end: number };
  /** Pods mode only: what the replay simplifies (cut-off ends, never-scheduled pods, GPU columns). */
  simplified?: ImportSimplifications;
  /** The time, in the file's own time base (seconds), that became t = 0. */
  origin: number;
  /** Pods in the table (equals `accepted` in pods mode). */
  pods: number;
  rate?: RateImportReport;
  /** Request-log mode only: how the requests were counted into the rate (also sets `rate`). */
  requests?: RequestLogReport;
}

export interface TraceImportResult {
  table: PodTable;
  report: TraceImportReport;
}
