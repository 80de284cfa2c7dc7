import { toCsv } from '../app/csv.ts';
import type { PlannedParam } from './plan.ts';
import type { SweepRow } from './run.ts';

/**
 * Sweep results as CSV, one line per variant: the swept values, then cost and p95 per strategy.
 * Written by toCsv (papaparse), which defuses formula-like text: strategy names are user text.
 */
export function sweepToCsv(params: ReadonlyArray<Pick<PlannedParam, 'path'>>, rows: readonly SweepRow[]): string {
  const names = rows[0]?.strategies.map((s) => s.name) ?? [];
  const header = [...params.map((p) => p.path), ...names.flatMap((n) => [`${n} cost`, `${n} p95 s`])];
  const lines = rows.map((r) => [...r.values, ...r.strategies.flatMap((s) => [s.cost, s.p95])]);
  return toCsv([header, ...lines], '\n');
}
