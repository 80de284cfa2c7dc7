import { simulate } from '../replay/simulate.ts';
import { buildWorkload } from '../workload/build.ts';
import type { PodTable } from '../workload/podTable.ts';
import type { SweepPlan } from './plan.ts';

export interface SweepPoint {
  name: string;
  /** Total cost over the horizon, in the strategy's currency. */
  cost: number;
  /** 95th percentile of pending seconds (arrival to Running). */
  p95: number;
}

export interface SweepRow {
  values: number[];
  strategies: SweepPoint[];
}

export interface RunOptions {
  /** Trace files the scenario reads, keyed by source name (as buildWorkload takes them). */
  traces?: ReadonlyMap<string, PodTable>;
  /** Called after each variant, e.g. for a progress line. */
  onRow?: (row: SweepRow, index: number, total: number) => void;
}

/** Simulates every valid variant, in order, in this thread (a UI would run it in a worker). */
export function runSweep(plan: SweepPlan, options: RunOptions = {}): SweepRow[] {
  return plan.variants.map((variant, i) => {
    const result = simulate(variant.scenario, buildWorkload(variant.scenario, options.traces));
    const row: SweepRow = {
      values: variant.values,
      strategies: result.strategies.map((s) => ({ name: s.name, cost: s.cost.total, p95: s.pendingSeconds.p95 })),
    };
    options.onRow?.(row, i, plan.variants.length);
    return row;
  });
}
