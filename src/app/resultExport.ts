import type { SimulationResult } from '../metrics/result.ts';
import { SERIES_KEYS } from '../metrics/result.ts';
import { comparisonRows } from './comparison.ts';
import { toCsv, type CsvCell } from './csv.ts';

/** The result as JSON: typed arrays become plain arrays so any tool can read it. */
export function resultToJson(result: SimulationResult): string {
  return JSON.stringify(result, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value), 2);
}

/** One row per strategy: the comparison table's numbers plus pod and node counts and cost items. */
export function summaryCsv(result: SimulationResult): string {
  const rows = comparisonRows(result.strategies);
  const items = [...new Set(result.strategies.flatMap((s) => Object.keys(s.cost.items)))];
  const header: CsvCell[] = [
    'strategy',
    'kind',
    'currency',
    'cost_total',
    'cost_delta_to_cheapest',
    'cost_per_1000_pod_hours',
    'cpu_utilization',
    'memory_utilization',
    'pending_p50_s',
    'pending_p95_s',
    'pending_p99_s',
    'pending_max_s',
    'pending_mean_s',
    'slo_threshold_s',
    'slo_violations',
    'pods_total',
    'pods_started',
    'pods_never_started',
    'pods_on_nodes',
    'pods_on_serverless',
    'pod_hours',
    'nodes_peak',
    'nodes_launched',
    ...items.map((k) => `cost_${k}`),
  ];
  const body = result.strategies.map((s, i): CsvCell[] => {
    const r = rows[i];
    return [
      s.name,
      s.kind,
      s.cost.currency,
      s.cost.total,
      r.costDeltaToCheapest,
      r.costPer1000PodHours,
      s.utilization.cpu,
      s.utilization.memory,
      s.pendingSeconds.p50,
      s.pendingSeconds.p95,
      s.pendingSeconds.p99,
      s.pendingSeconds.max,
      s.pendingSeconds.mean,
      s.slo.thresholdSeconds,
      s.slo.violations,
      s.pods.total,
      s.pods.started,
      s.pods.neverStarted,
      s.pods.onNodes,
      s.pods.onServerless,
      s.pods.podHours,
      s.nodes.peak,
      s.nodes.launched,
      ...items.map((k) => s.cost.items[k] ?? 0),
    ];
  });
  return toCsv([header, ...body]);
}

/** Time series in long form: one row per strategy and bucket. */
export function seriesCsv(result: SimulationResult): string {
  const keys = SERIES_KEYS.filter((k) => k !== 't');
  const rows: CsvCell[][] = [['strategy', 't_seconds', ...keys]];
  for (const s of result.strategies) {
    for (let i = 0; i < s.series.t.length; i++) rows.push([s.name, s.series.t[i], ...keys.map((k) => s.series[k][i])]);
  }
  return toCsv(rows);
}
