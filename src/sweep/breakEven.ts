import type { SweepRow } from './run.ts';

export type Metric = 'cost' | 'p95';

export interface BreakEven {
  /** Value of the swept parameter where the two curves meet (linear between steps). */
  at: number;
  /** Metric value of both strategies there. */
  metric: number;
  /** Which strategy is lower just after `at` (larger parameter values), or 'equal' when they touch. */
  lowerAfter: string | 'equal';
}

/**
 * Where strategy A's and B's metric curves cross along a one-parameter sweep, interpolating
 * linearly between neighbouring steps. Equal steps in a row are reported once, at the first; a
 * touch without a change of order is not a break-even. Rows must be sorted by the swept value
 * (planSweep's order). For a grid, pass the rows of one line of it (same second value).
 */
export function breakEvenPoints(rows: SweepRow[], strategyA: string, strategyB: string, metric: Metric = 'cost'): BreakEven[] {
  const diff = rows.map((row) => {
    const a = pick(row, strategyA, metric);
    const b = pick(row, strategyB, metric);
    return { x: row.values[0], d: a - b, a, b };
  });
  const out: BreakEven[] = [];
  const lower = (d: number) => (d < 0 ? strategyA : d > 0 ? strategyB : 'equal');
  for (let i = 0; i < diff.length; i++) {
    const p = diff[i];
    if (p.d === 0) {
      // A run of equal steps counts once, at its start, unless the same strategy is lower on both
      // sides (the curves touch without crossing).
      let j = i;
      while (j + 1 < diff.length && diff[j + 1].d === 0) j++;
      const before = i > 0 ? Math.sign(diff[i - 1].d) : 0;
      const after = j + 1 < diff.length ? Math.sign(diff[j + 1].d) : 0;
      if (before !== after || before === 0) out.push({ at: p.x, metric: p.a, lowerAfter: lower(after) });
      i = j;
      continue;
    }
    const q = diff[i + 1];
    if (q && q.d !== 0 && Math.sign(p.d) !== Math.sign(q.d)) {
      const t = p.d / (p.d - q.d);
      out.push({ at: p.x + t * (q.x - p.x), metric: p.a + t * (q.a - p.a), lowerAfter: lower(q.d) });
    }
  }
  return out;
}

function pick(row: SweepRow, name: string, metric: Metric): number {
  const s = row.strategies.find((x) => x.name === name);
  if (!s) throw new RangeError(`no strategy named "${name}" in the sweep (have ${row.strategies.map((x) => x.name).join(', ')})`);
  return s[metric];
}
