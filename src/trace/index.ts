/**
 * CSV trace import: user files (pod lists, request logs, rate series) to the project's PodTable.
 * Pure: no DOM and no Node APIs here (the CLI's file reader is readFile.node.ts), so the same code
 * runs in the app's Web Worker, in the CLI and in tests.
 */
export { TraceImportError } from './errors.ts';
export {
  TraceMapping,
  PodRowMapping,
  RateSeriesMapping,
  RequestLogMapping,
  DEFAULT_REQUEST_INTERVAL,
  HpaSettings,
  PodSize,
  type TraceMappingInput,
  type ColumnRef,
  type InstantFormat,
  type DurationUnit,
  type CpuUnit,
  type MemoryUnit,
} from './mapping.ts';
export { detectLayout, DEFAULT_POD, DEFAULT_CAPACITY_PER_POD, type LayoutDetection, type TraceLayout } from './detect.ts';
export {
  createTraceImporter,
  importTraceText,
  importTraceBlob,
  readTraceHead,
  type TraceImporter,
  type TraceImportOptions,
  type TraceImportProgress,
} from './importer.ts';
export type { TraceImportReport, TraceImportResult, RateImportReport } from './report.ts';
export type { RequestLogReport } from './requestLog.ts';
export type { ImportSimplifications } from './simplifications.ts';
export { detectClusterExport } from './clusterExport.ts';
export { looksLikeJson } from './jsonTrace.ts';
export type { RowIssue, RowExample } from './rowIssues.ts';
export { summarizeTrace, type TraceSummary, type ConcurrencyPoint } from './summary.ts';
export { HorizontalPodAutoscaler, autoscale, replicasFor, type RateSeries, type ReplicaSchedule } from './hpa.ts';
export { parseCpuMillicores, parseMemoryMiB } from './quantities.ts';
export { parseDateTime } from './time.ts';
