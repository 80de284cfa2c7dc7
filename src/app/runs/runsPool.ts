/**
 * Runs the seeds of a Monte Carlo study over a pool of workers (one run per call), reporting each
 * finished run. The workers stay up between studies, so a second study (the runs control moved, a
 * slider re-ran the scenario) finds the engine compiled: on two cores a cold worker spends about
 * as long compiling as running. A new study supersedes the one in flight: its queue is dropped at
 * once and the workers take the new seeds as they finish the run in hand. Cancel terminates them.
 */
import * as Comlink from 'comlink';
import type { Scenario } from '../../scenario/scenario.ts';
import type { PodTable } from '../../workload/podTable.ts';
import type { RunSampleOutcome, RunsWorkerApi } from '../../../workers/runs.worker.ts';

export type RunSample = Extract<RunSampleOutcome, { ok: true }>;

export class StudyCancelledError extends Error {
  constructor() {
    super('study cancelled');
    this.name = 'StudyCancelledError';
  }
}

/** Workers for a study: one per core (the main thread mostly waits), at least one, at most four. */
export function studyWorkers(cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 2): number {
  return Math.max(1, Math.min(4, cores || 2));
}

interface PooledWorker {
  worker: Worker;
  remote: Comlink.Remote<RunsWorkerApi>;
  /** The call in hand; a new study's loop on this worker starts after it. */
  busy: Promise<unknown>;
}

export class RunsPool {
  private pool: PooledWorker[] = [];
  private study = 0;
  private rejectCurrent: ((e: Error) => void) | null = null;

  private workers(count: number): PooledWorker[] {
    while (this.pool.length < count) {
      const worker = new Worker(new URL('../../../workers/runs.worker.ts', import.meta.url), { type: 'module', name: `runs-${this.pool.length + 1}` });
      this.pool.push({ worker, remote: Comlink.wrap<RunsWorkerApi>(worker), busy: Promise.resolve() });
    }
    return this.pool.slice(0, count);
  }

  /**
   * Replays `scenario` (validated) with each of `seeds`; `onSample` gets each run as it finishes
   * (in any order). Resolves with the runs in seed order once all are done; rejects with
   * StudyCancelledError when superseded or cancelled, or with the first run's engine error.
   */
  run(scenario: Scenario, seeds: readonly number[], onSample: (sample: RunSample, index: number) => void, traces: Record<string, PodTable> | Promise<Record<string, PodTable>> = {}): Promise<RunSample[]> {
    return this.runItems(seeds.map((seed) => ({ scenario, seed })), onSample, traces);
  }

  /** As `run`, for any scenarios and seeds (the recommender's configurations). */
  runItems(items: ReadonlyArray<{ scenario: Scenario; seed: number }>, onSample: (sample: RunSample, index: number) => void = () => {}, traces: Record<string, PodTable> | Promise<Record<string, PodTable>> = {}): Promise<RunSample[]> {
    this.rejectCurrent?.(new StudyCancelledError());
    const id = ++this.study;
    const seeds = items.map((it) => it.seed);
    const samples: RunSample[] = new Array(items.length);
    if (items.length === 0) return Promise.resolve(samples);
    return new Promise<RunSample[]>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (this.study === id) this.rejectCurrent = null;
        fn();
      };
      this.rejectCurrent = (e) => settle(() => reject(e));
      let next = 0;
      let done = 0;
      const live = () => !settled && this.study === id;
      void Promise.resolve(traces).then((tables) => {
        if (!live()) return;
        for (const pooled of this.workers(Math.min(studyWorkers(), seeds.length))) {
          const loop = async () => {
            if (Object.keys(tables).length) await pooled.remote.setTraces(tables);
            while (live() && next < seeds.length) {
              const i = next++;
              const outcome = await pooled.remote.runSeed(items[i].scenario, seeds[i]);
              if (!live()) return;
              if (!outcome.ok) return settle(() => reject(new Error(`run with seed ${seeds[i]}: ${outcome.message}`)));
              samples[i] = outcome;
              done++;
              onSample(outcome, i);
              if (done === seeds.length) settle(() => resolve(samples));
            }
          };
          pooled.busy = pooled.busy.then(loop, loop).catch((e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(String(e)))));
        }
      }, (e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(String(e)))));
    });
  }

  /** Drops the study in flight (its workers finish the run in hand and stay warm). */
  stop(): void {
    this.study++;
    const reject = this.rejectCurrent;
    this.rejectCurrent = null;
    reject?.(new StudyCancelledError());
  }

  /** Stops the study in flight by terminating the workers (the next study starts fresh ones). */
  cancel(): void {
    for (const { worker } of this.pool) worker.terminate();
    this.pool = [];
    this.study++;
    const reject = this.rejectCurrent;
    this.rejectCurrent = null;
    reject?.(new StudyCancelledError());
  }
}
