import { z } from '../scenario/zod.ts';

/**
 * How the columns of a trace file become pods. A mapping is plain JSON so a saved scenario can
 * remember how its file was imported and import it the same way again.
 *
 * Three kinds:
 * - `pods`: one row per pod (start, end or duration, CPU, memory, class);
 * - `rate`: a (time, value) series such as requests per second, turned into pods by a
 *   Horizontal Pod Autoscaler model (see hpa.ts);
 * - `requests`: one row per request (a timestamp, no end or duration), counted per interval
 *   into a rate series that then goes through the same HPA model (see requestLog.ts).
 */

/** A column by header name (trimmed, case-insensitive) or by 0-based position. */
export const ColumnRef = z.union([z.string().trim().min(1), z.number().int().nonnegative()]);
export type ColumnRef = z.infer<typeof ColumnRef>;

/**
 * How a point in time is written. Relative and epoch times are both plain numbers: the import
 * subtracts the trace start either way, so only the unit matters. `datetime` is ISO 8601 or
 * `YYYY-MM-DD HH:MM:SS`; without a zone it is read as UTC so time of day is kept as written.
 */
export const InstantFormat = z.enum(['seconds', 'milliseconds', 'datetime']);
export type InstantFormat = z.infer<typeof InstantFormat>;

export const DurationUnit = z.enum(['seconds', 'milliseconds', 'minutes', 'hours']);
export type DurationUnit = z.infer<typeof DurationUnit>;

/** Unit of plain CPU numbers; a value with an `m` suffix (`500m`) is always millicores. */
export const CpuUnit = z.enum(['cores', 'millicores']);
export type CpuUnit = z.infer<typeof CpuUnit>;

/**
 * Unit of plain memory numbers; values with a Kubernetes suffix (`512Mi`, `2Gi`, `1G`) are read
 * by their suffix whatever this says.
 */
export const MemoryUnit = z.enum(['bytes', 'KiB', 'MiB', 'GiB', 'KB', 'MB', 'GB']);
export type MemoryUnit = z.infer<typeof MemoryUnit>;

/** The size given to pods when the file has no CPU or memory column (request logs, rate series). */
export const PodSize = z.object({
  cpuMillicores: z.number().positive().max(512_000),
  memoryMiB: z.number().positive().max(4_194_304),
});
export type PodSize = z.infer<typeof PodSize>;

const InstantColumn = z.object({ column: ColumnRef, format: InstantFormat });
const DurationColumn = z.object({ column: ColumnRef, unit: DurationUnit });

/** Keep only rows whose `column` equals `equals` (after trimming); the others are counted, not lost. */
export const RowFilter = z.object({ column: ColumnRef, equals: z.string() });
export type RowFilter = z.infer<typeof RowFilter>;

const common = {
  /** false when the first line is already data; columns must then be given by position. */
  header: z.boolean().default(true),
  filter: RowFilter.optional(),
  /**
   * Rebase times to midnight UTC of the first day instead of to the first row, so a session
   * recorded at 19:00 still starts at 19:00 in the scenario.
   */
  keepTimeOfDay: z.boolean().default(false),
};

export const PodRowMapping = z
  .object({
    kind: z.literal('pods'),
    ...common,
    /** Blank = the pod was already running when the trace started (left-censored). */
    start: InstantColumn,
    /** Blank = still running when the trace ended (right-censored). Give `end` or `duration`. */
    end: InstantColumn.optional(),
    duration: DurationColumn.optional(),
    cpu: z.object({ column: ColumnRef, unit: CpuUnit }).optional(),
    memory: z.object({ column: ColumnRef, unit: MemoryUnit }).optional(),
    /** Used for whichever of CPU and memory has no column. */
    defaultPod: PodSize.optional(),
    class: z.object({ column: ColumnRef }).optional(),
  })
  .superRefine((m, ctx) => {
    if (!m.end === !m.duration) ctx.addIssue({ code: 'custom', path: ['end'], message: 'give exactly one of end and duration' });
    if ((!m.cpu || !m.memory) && !m.defaultPod) {
      ctx.addIssue({ code: 'custom', path: ['defaultPod'], message: 'needed when CPU or memory has no column' });
    }
  });
export type PodRowMapping = z.infer<typeof PodRowMapping>;

/**
 * The Horizontal Pod Autoscaler's behaviour; defaults are Kubernetes' own (autoscaling/v2 default
 * behavior and the controller's --horizontal-pod-autoscaler-sync-period and -tolerance).
 */
export const HpaSettings = z
  .object({
    minReplicas: z.number().int().min(1).default(1),
    maxReplicas: z.number().int().min(1).optional(),
    /** At least 1 s, like every period that repeats a loop: 1e-9 s over a day would be 8.6e13 syncs. */
    syncPeriod: z.number().min(1, 'must be at least 1 s (the HPA syncs again after this long)').default(15),
    tolerance: z.number().nonnegative().default(0.1),
    /** Scale down only to the highest recommendation of this many past seconds. */
    scaleDownStabilization: z.number().nonnegative().default(300),
    /** Scale-up limit per policy period: the larger of +pods and +percent. */
    scaleUpPods: z.number().int().nonnegative().default(4),
    scaleUpPercent: z.number().nonnegative().default(100),
    scaleDownPercent: z.number().nonnegative().max(100).default(100),
    policyPeriod: z.number().min(1, 'must be at least 1 s (a scaling policy period)').default(15),
  })
  .superRefine((h, ctx) => {
    if (h.maxReplicas !== undefined && h.maxReplicas < h.minReplicas) {
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: `must be >= minReplicas (${h.minReplicas})` });
    }
  });
export type HpaSettings = z.infer<typeof HpaSettings>;

export const RateSeriesMapping = z.object({
  kind: z.literal('rate'),
  ...common,
  time: InstantColumn,
  /** Rows with the same time are summed (e.g. one row per container). */
  value: z.object({ column: ColumnRef }),
  /** How many units of `value` one pod serves at its target (the HPA's target average value). */
  capacityPerPod: z.number().positive(),
  pod: PodSize,
  /** Class given to the generated pods. */
  className: z.string().trim().min(1).max(40).default('default'),
  hpa: HpaSettings.prefault({}),
});
export type RateSeriesMapping = z.infer<typeof RateSeriesMapping>;

/** Default width of the intervals a request log is counted in (per-minute counts, as dashboards show them). */
export const DEFAULT_REQUEST_INTERVAL = 60;

export const RequestLogMapping = z.object({
  kind: z.literal('requests'),
  ...common,
  /** When each request arrived. */
  time: InstantColumn,
  /** Requests are counted per interval of this many seconds; the rate is count / interval. */
  interval: z.number().min(1, 'must be at least 1 s (requests are counted per interval: a tiny one makes a series too long to hold)').max(86_400).default(DEFAULT_REQUEST_INTERVAL),
  /** Count each request as this column's value (e.g. tokens) instead of as 1. */
  weight: z.object({ column: ColumnRef }).optional(),
  /** Requests per second (or weight units per second) one pod serves at its target. */
  capacityPerPod: z.number().positive(),
  pod: PodSize,
  className: z.string().trim().min(1).max(40).default('default'),
  hpa: HpaSettings.prefault({}),
});
export type RequestLogMapping = z.infer<typeof RequestLogMapping>;

/**
 * JSON exports from a cluster have a fixed shape, so nothing to map: `prometheus-query-range` is
 * Prometheus' query_range response on kube-state-metrics series (promQueryRange.ts),
 * `kubectl-pods` the output of `kubectl get pods -A -o json` (kubectlPods.ts).
 */
export const PrometheusQueryRangeMapping = z.object({ kind: z.literal('prometheus-query-range'), ...common });
export const KubectlPodsMapping = z.object({ kind: z.literal('kubectl-pods'), ...common });
/** The common fields mean the same for them; a filter can only name `namespace` (the pods' class). */
export type ClusterExportMapping = z.infer<typeof PrometheusQueryRangeMapping> | z.infer<typeof KubectlPodsMapping>;

/** Mappings of CSV files: which columns hold what. */
export type CsvMapping = PodRowMapping | RateSeriesMapping | RequestLogMapping;

export const TraceMapping = z.discriminatedUnion('kind', [PodRowMapping, RateSeriesMapping, RequestLogMapping, PrometheusQueryRangeMapping, KubectlPodsMapping]);
/** A validated mapping with defaults filled in. */
export type TraceMapping = z.infer<typeof TraceMapping>;
/** A mapping as written by a user or a saved scenario (defaults may be left out). */
export type TraceMappingInput = z.input<typeof TraceMapping>;
