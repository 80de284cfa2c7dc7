import type { StrategyResult } from '../metrics/result.ts';

/** The numbers one row of the comparison table shows for one strategy. */
export interface ComparisonRow {
  name: string;
  kind: StrategyResult['kind'];
  currency: string;
  costTotal: number;
  /** cost.total / pods.podHours * 1000; NaN when no pod ran. */
  costPer1000PodHours: number;
  cpuUtilization: number;
  memoryUtilization: number;
  pendingP50: number;
  pendingP95: number;
  pendingP99: number;
  pendingMax: number;
  sloViolations: number;
  /** Pods that never started before the horizon (part of the SLO violations, shown for context). */
  neverStarted: number;
  podsTotal: number;
  sloSeconds: number;
  /** Share of pods started within the SLO: (total - violations) / total; 1 when no pod arrived. */
  sloAttainment: number;
  /** Leaves pods unstarted: it gets no ★ and cannot win the verdict. */
  flagged: boolean;
  /** costTotal minus the cheapest strategy's total. */
  costDeltaToCheapest: number;
  /** That difference as a share of the cheapest total (0.58 = 58% more). */
  costDeltaShare: number;
}

export type MetricKey =
  | 'costTotal'
  | 'costPer1000PodHours'
  | 'cpuUtilization'
  | 'memoryUtilization'
  | 'pendingP50'
  | 'pendingP95'
  | 'pendingP99'
  | 'pendingMax'
  | 'sloViolations';

/** Which direction is better for each column. */
export const METRIC_BETTER: Record<MetricKey, 'lower' | 'higher'> = {
  costTotal: 'lower',
  costPer1000PodHours: 'lower',
  cpuUtilization: 'higher',
  memoryUtilization: 'higher',
  pendingP50: 'lower',
  pendingP95: 'lower',
  pendingP99: 'lower',
  pendingMax: 'lower',
  sloViolations: 'lower',
};

export const METRIC_KEYS = Object.keys(METRIC_BETTER) as MetricKey[];

export function costPer1000PodHours(costTotal: number, podHours: number): number {
  return podHours > 0 ? (costTotal / podHours) * 1000 : Number.NaN;
}

export function comparisonRows(strategies: readonly StrategyResult[]): ComparisonRow[] {
  const cheapest = Math.min(...strategies.map((s) => s.cost.total));
  return strategies.map((s) => ({
    name: s.name,
    kind: s.kind,
    currency: s.cost.currency,
    costTotal: s.cost.total,
    costPer1000PodHours: costPer1000PodHours(s.cost.total, s.pods.podHours),
    cpuUtilization: s.utilization.cpu,
    memoryUtilization: s.utilization.memory,
    pendingP50: s.pendingSeconds.p50,
    pendingP95: s.pendingSeconds.p95,
    pendingP99: s.pendingSeconds.p99,
    pendingMax: s.pendingSeconds.max,
    sloViolations: s.slo.violations,
    neverStarted: s.pods.neverStarted,
    podsTotal: s.pods.total,
    sloSeconds: s.slo.thresholdSeconds,
    sloAttainment: s.pods.total > 0 ? (s.pods.total - s.slo.violations) / s.pods.total : 1,
    flagged: s.pods.neverStarted > 0,
    costDeltaToCheapest: s.cost.total - cheapest,
    costDeltaShare: cheapest > 0 ? (s.cost.total - cheapest) / cheapest : 0,
  }));
}

/**
 * Whether a row competes for the ★ in a column. A strategy that leaves pods unstarted competes
 * nowhere: its cost and utilization cover only the pods that ran, so it would look cheapest for
 * doing less work. Serverless utilization is ~100% by construction (it bills what pods request),
 * so it is no achievement and gets no ★.
 */
function competes(r: ComparisonRow, key: MetricKey): boolean {
  if (r.flagged) return false;
  if (r.kind === 'serverless' && (key === 'cpuUtilization' || key === 'memoryUtilization')) return false;
  return Number.isFinite(r[key]);
}

/**
 * For each column, the indices of the rows holding the best value among the rows that compete
 * (ties all count; NaN never wins; a column where fewer than two rows compete has no ★). Values
 * within a relative 1e-9 of the best are ties, so float noise does not pick one.
 */
export function bestRows(rows: readonly ComparisonRow[]): Record<MetricKey, number[]> {
  const out = {} as Record<MetricKey, number[]>;
  for (const key of METRIC_KEYS) {
    const values = rows.filter((r) => competes(r, key)).map((r) => r[key]);
    if (values.length < 2) {
      out[key] = [];
      continue;
    }
    const best = METRIC_BETTER[key] === 'lower' ? Math.min(...values) : Math.max(...values);
    const tolerance = Math.abs(best) * 1e-9;
    out[key] = rows.flatMap((r, i) => (competes(r, key) && Math.abs(r[key] - best) <= tolerance ? [i] : []));
  }
  return out;
}
