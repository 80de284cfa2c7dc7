/**
 * Runs a sweep's variants over a pool of workers (one simulation per variant), in plan order of
 * start, reporting each finished row. Cancel terminates every worker at once.
 */
import * as Comlink from 'comlink';
import type { PodTable } from '../../workload/podTable.ts';
import type { SweepPlan, SweepRow } from '../../sweep/index.ts';
import type { SweepWorkerApi } from '../../../workers/sweep.worker.ts';

export class SweepCancelledError extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepCancelledError';
  }
}

/** Workers for a sweep: one per logical core (the main thread mostly waits), at most one per variant. */
export function poolSize(variants: number, cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 2): number {
  return Math.max(1, Math.min(variants, Math.max(1, cores || 2)));
}

export interface SweepRowFailure {
  values: number[];
  message: string;
}

export class SweepPool {
  private workers: Worker[] = [];
  private cancelRun: (() => void) | null = null;

  /** Resolves with the rows in plan order (failed variants left out and reported through onFailure). */
  run(
    plan: SweepPlan,
    onRow: (row: SweepRow, done: number, total: number) => void,
    onFailure: (f: SweepRowFailure) => void = () => {},
    traces: Record<string, PodTable> = {},
  ): Promise<SweepRow[]> {
    this.cancel();
    const total = plan.variants.length;
    const rows: (SweepRow | null)[] = new Array(total).fill(null);
    let next = 0;
    let done = 0;
    return new Promise<SweepRow[]>((resolve, reject) => {
      let settled = false;
      this.cancelRun = () => {
        if (settled) return;
        settled = true;
        reject(new SweepCancelledError());
      };
      if (total === 0) {
        settled = true;
        resolve([]);
        return;
      }
      const size = poolSize(total);
      const finish = () => {
        if (settled) return;
        settled = true;
        this.cancelRun = null;
        this.terminate();
        resolve(rows.filter((r): r is SweepRow => r !== null));
      };
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        this.cancelRun = null;
        this.terminate();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      for (let w = 0; w < size; w++) {
        const worker = new Worker(new URL('../../../workers/sweep.worker.ts', import.meta.url), { type: 'module', name: `sweep-${w + 1}` });
        this.workers.push(worker);
        const remote = Comlink.wrap<SweepWorkerApi>(worker);
        const take = async (): Promise<void> => {
          // Each worker gets its own copy of the trace tables (structured clone), once.
          if (Object.keys(traces).length) await remote.setTraces(traces);
          while (!settled && next < total) {
            const i = next++;
            const variant = plan.variants[i];
            const outcome = await remote.runVariant(variant.scenario);
            if (settled) return;
            if (outcome.ok) {
              rows[i] = { values: variant.values, strategies: outcome.strategies };
              done++;
              onRow(rows[i]!, done, total);
            } else {
              done++;
              onFailure({ values: variant.values, message: outcome.message });
            }
            if (done === total) finish();
          }
        };
        take().catch(fail);
      }
    });
  }

  get running(): boolean {
    return this.cancelRun !== null;
  }

  cancel(): void {
    this.terminate();
    const c = this.cancelRun;
    this.cancelRun = null;
    c?.();
  }

  private terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}
