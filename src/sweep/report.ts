import { cheapestPerStrategy } from './cheapest.ts';
import { formatIssues } from '../scenario/parse.ts';
import { breakEvenPoints, type BreakEven, type Metric } from './breakEven.ts';
import type { SweepPlan } from './plan.ts';
import type { SweepRow } from './run.ts';

export interface PairBreakEven {
  a: string;
  b: string;
  metric: Metric;
  /** For a grid: the value of the second parameter this line of the grid holds. */
  second?: number;
  points: BreakEven[];
}

/** Break-even points of every pair of strategies along the first parameter (per grid line for two). */
export function allBreakEvens(plan: SweepPlan, rows: readonly SweepRow[], metric: Metric = 'cost'): PairBreakEven[] {
  const names = rows[0]?.strategies.map((s) => s.name) ?? [];
  const lines: Array<{ second?: number; rows: SweepRow[] }> =
    plan.params.length === 1 ? [{ rows: [...rows] }] : plan.params[1].values.map((v) => ({ second: v, rows: rows.filter((r) => r.values[1] === v) }));
  const out: PairBreakEven[] = [];
  for (const line of lines) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const pair: PairBreakEven = { a: names[i], b: names[j], metric, points: breakEvenPoints(line.rows, names[i], names[j], metric) };
        if (line.second !== undefined) pair.second = line.second;
        out.push(pair);
      }
    }
  }
  return out;
}

/** The `--sweep --json` document. */
export function sweepJson(scenarioName: string, seed: number, plan: SweepPlan, rows: readonly SweepRow[]) {
  return {
    scenario: scenarioName,
    seed,
    params: plan.params,
    rows,
    invalid: plan.invalid.map((v) => ({ values: v.values, message: formatIssues(v.issues).replace(/\n/g, '; ') })),
    breakEven: allBreakEvens(plan, rows),
    cheapest: cheapestPerStrategy(rows),
  };
}

const num = (v: number, digits = 0) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits === 0 ? 3 : digits });
/** Swept values as given (0.02772 stays 0.02772), with thousands separators. */
const value = (v: number) => v.toLocaleString('en-US', { maximumSignificantDigits: 8 });
const seconds = (s: number) => (s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`);

/** A plain-text table (one column per strategy: cost / pending p95) and the break-even lines. */
export function sweepTable(scenarioName: string, seed: number, plan: SweepPlan, rows: readonly SweepRow[]): string {
  const names = rows[0]?.strategies.map((s) => s.name) ?? [];
  const table: string[][] = [
    [...plan.params.map((p) => p.path), ...names],
    [...plan.params.map(() => ''), ...names.map(() => 'cost / pending p95')],
    ...rows.map((r) => [...r.values.map(value), ...r.strategies.map((s) => `${num(s.cost, 2)} / ${seconds(s.p95)}`)]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < plan.params.length ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const out = [`${scenarioName}  (sweep, seed ${seed})`, '', ...table.map(line), ''];
  for (const v of plan.invalid) out.push(`skipped ${v.values.map(value).join(', ')}: ${formatIssues(v.issues).replace(/\n/g, '; ')}`);
  for (const c of cheapestPerStrategy(rows)) {
    out.push(`cheapest ${c.strategy}: ${plan.params.map((p, i) => `${p.path} = ${value(c.values[i])}`).join(', ')} (cost ${num(c.cost, 2)}, pending p95 ${seconds(c.p95)})`);
  }
  const first = plan.params[0];
  const range = `${value(first.values[0])}..${value(first.values[first.values.length - 1])}`;
  for (const pair of allBreakEvens(plan, rows)) {
    const where = pair.second !== undefined ? ` (${plan.params[1].path} = ${num(pair.second)})` : '';
    const head = `break-even ${pair.a} vs ${pair.b}${where}:`;
    if (!pair.points.length) {
      out.push(`${head} none in ${range}`);
      continue;
    }
    const points = pair.points.map((p) => `${first.path} ≈ ${first.integer ? num(Math.round(p.at)) : p.at.toLocaleString('en-US', { maximumSignificantDigits: 4 })} (cost ${num(p.metric, 2)}${p.lowerAfter === 'equal' ? ', equal after' : `, ${p.lowerAfter} cheaper above`})`);
    out.push(`${head} ${points.join('; ')}`);
  }
  return out.join('\n');
}
