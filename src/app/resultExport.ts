import type { SimulationResult } from '../metrics/result.ts';
import { SERIES_KEYS } from '../metrics/result.ts';
import { comparisonRows } from './comparison.ts';
import { toCsv, type CsvCell } from './csv.ts';
import type { StudyView } from './runs/study.ts';
import type { StrategyBands } from '../runs/bands.ts';

/** A Monte Carlo study's columns: runs, then p5/p50/p95 of cost, pending p95 and CPU utilization. */
const BAND_COLUMNS = ['runs', 'cost_total_p5', 'cost_total_p50', 'cost_total_p95', 'pending_p95_s_p5', 'pending_p95_s_p50', 'pending_p95_s_p95', 'cpu_utilization_p5', 'cpu_utilization_p50', 'cpu_utilization_p95'];

const bandCells = (b: StrategyBands): CsvCell[] => [b.runs, b.cost.p5, b.cost.p50, b.cost.p95, b.pendingP95.p5, b.pendingP95.p50, b.pendingP95.p95, b.utilizationCpu.p5, b.utilizationCpu.p50, b.utilizationCpu.p95];

/**
 * The result as JSON: typed arrays become plain arrays so any tool can read it. With a finished
 * Monte Carlo study, as the CLI's --runs: `runs`, each strategy's `bands`, and the `verdict` over
 * the paired runs (the other fields stay the scenario's own seed's).
 */
export function resultToJson(result: SimulationResult, study?: StudyView | null): string {
  const doc = study
    ? {
        ...result,
        runs: { count: study.done, seeds: study.seeds.slice(0, study.done) },
        strategies: result.strategies.map((s, i) => ({ ...s, bands: study.bands[i] })),
        ...(study.verdict ? { verdict: study.verdict } : {}),
      }
    : result;
  return JSON.stringify(doc, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value), 2);
}

/** One row per strategy: the comparison table's numbers plus pod and node counts and cost items. */
export function summaryCsv(result: SimulationResult, study?: StudyView | null): string {
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
    ...(study ? BAND_COLUMNS : []),
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
      ...(study ? bandCells(study.bands[i]) : []),
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
