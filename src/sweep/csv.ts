import type { PlannedParam } from './plan.ts';
import type { SweepRow } from './run.ts';

/**
 * Sweep results as CSV, one line per variant: the swept values, then cost and p95 per strategy.
 * Cells starting with = + - @ (or tab / CR) get a leading apostrophe so a spreadsheet shows them
 * as text instead of running them as formulas (CSV injection); strategy names are user text.
 */
export function sweepToCsv(params: ReadonlyArray<Pick<PlannedParam, 'path'>>, rows: readonly SweepRow[]): string {
  const names = rows[0]?.strategies.map((s) => s.name) ?? [];
  const header = [...params.map((p) => p.path), ...names.flatMap((n) => [`${n} cost`, `${n} p95 s`])];
  const lines = rows.map((r) => [...r.values.map(String), ...r.strategies.flatMap((s) => [String(s.cost), String(s.p95)])]);
  return [header, ...lines].map((line) => line.map(cell).join(',')).join('\n') + '\n';
}

function cell(text: string): string {
  // Numbers may be negative ("-5"): those stay numbers; only text is defused.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
