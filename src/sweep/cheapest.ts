import type { SweepRow } from './run.ts';

/** The cheapest variant of one strategy over a sweep. */
export interface Cheapest {
  strategy: string;
  /** Swept values of that variant, in spec order. */
  values: number[];
  cost: number;
  p95: number;
}

/**
 * Per strategy, the variant with the lowest total cost (the first one on ties), e.g. the
 * commitment level (`strategies.0.commitment.perHour`) that makes the workload cheapest. A sweep
 * only tries the values it lists: the true optimum lies between the neighbours of the one found.
 */
export function cheapestPerStrategy(rows: readonly SweepRow[]): Cheapest[] {
  const out: Cheapest[] = [];
  const names = rows[0]?.strategies.map((s) => s.name) ?? [];
  names.forEach((strategy, i) => {
    let best: Cheapest | undefined;
    for (const r of rows) {
      const p = r.strategies[i];
      if (!best || p.cost < best.cost) best = { strategy, values: r.values, cost: p.cost, p95: p.p95 };
    }
    if (best) out.push(best);
  });
  return out;
}
