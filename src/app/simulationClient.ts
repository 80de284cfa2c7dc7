/**
 * The main thread's only door to the simulation workers.
 *
 * Strategies are independent, so a run spreads them over a small pool of workers (one per core,
 * at most one per strategy) and merges the results in scenario order. Workers start lazily.
 * `cancel` terminates them (instant) and the next run starts fresh ones. A run started while
 * another is in flight supersedes it instead: the old run stops at its next chunk boundary and
 * the same workers, with their code already compiled, take the new one (what-if sliders).
 */
import * as Comlink from 'comlink';
import type { StrategyResult } from '../metrics/result.ts';
import type { RunOutcome, RunProgress, SimulationWorkerApi, WorkerOutcome } from '../../workers/simulation.worker.ts';
import type { PodTable } from '../workload/podTable.ts';

export type { RunOutcome, RunProgress };

export class RunCancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'RunCancelledError';
  }
}

interface PooledWorker {
  worker: Worker;
  remote: Comlink.Remote<SimulationWorkerApi>;
}

/**
 * Workers to use: one per core, but at least three so the usual three strategies each get their
 * own (one worker with two strategies would set the pace), and at most four.
 */
const POOL_LIMIT = Math.min(4, Math.max(3, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));

export class SimulationClient {
  private pool: PooledWorker[] = [];
  private rejectPending: ((e: Error) => void) | null = null;
  private runId = 0;
  private currentRun = 0;

  private workers(count: number): PooledWorker[] {
    while (this.pool.length < count) {
      const worker = new Worker(new URL('../../workers/simulation.worker.ts', import.meta.url), { type: 'module', name: `simulation-${this.pool.length}` });
      this.pool.push({ worker, remote: Comlink.wrap<SimulationWorkerApi>(worker) });
    }
    return this.pool.slice(0, count);
  }

  /**
   * Runs a scenario document; resolves with the outcome (results or field issues), rejects with
   * RunCancelledError when cancelled or superseded. Starting a run while one is in flight
   * supersedes that one. `traces` (imported trace sources' pods by name) may still be loading;
   * cancel works meanwhile. Each worker gets copies of their buffers, transferred, so the app
   * keeps its tables for re-runs.
   */
  run(scenario: unknown, onProgress: (p: RunProgress) => void, traces: Record<string, PodTable> | Promise<Record<string, PodTable>> = {}): Promise<RunOutcome> {
    if (this.rejectPending) this.supersede();
    const runId = ++this.runId;
    this.currentRun = runId;
    const strategyCount = countStrategies(scenario);
    const pool = this.workers(Math.max(1, Math.min(POOL_LIMIT, strategyCount)));
    // Round-robin: worker w runs strategies w, w + k, w + 2k, ...
    const shares = pool.map((_, w) => Array.from({ length: strategyCount }, (_, i) => i).filter((i) => i % pool.length === w));
    // Progress messages a worker posted before it was stopped still arrive afterwards; once the
    // run is settled or cancelled they must not reach the caller.
    let live = true;
    const fractions = pool.map(() => 0);
    const events = pool.map(() => 0);
    const progressFrom = (w: number) => (p: RunProgress) => {
      if (!live) return;
      fractions[w] = p.fraction;
      events[w] = p.events;
      const weighted = fractions.reduce((sum, f, i) => sum + f * shares[i].length, 0) / Math.max(1, strategyCount);
      onProgress({ ...p, fraction: weighted, events: events.reduce((a, b) => a + b, 0) });
    };
    return new Promise<RunOutcome>((resolve, reject) => {
      const settle = (fn: () => void) => {
        live = false;
        if (this.rejectPending === rejectRun) this.rejectPending = null;
        fn();
      };
      const rejectRun = (e: Error) => settle(() => reject(e));
      this.rejectPending = rejectRun;
      Promise.resolve(traces)
        .then((tables) => {
          if (!live) return new Promise<never>(() => {});
          return Promise.all(
            pool.map(({ remote }, w) => {
              const copies = copyTables(tables);
              const only = pool.length > 1 ? shares[w] : undefined;
              return remote.run(scenario, Comlink.proxy(progressFrom(w)), Comlink.transfer(copies.tables, copies.buffers), runId, only) as Promise<WorkerOutcome>;
            }),
          );
        })
        .then(
          (outcomes) => settle(() => {
            const merged = merge(outcomes, shares, strategyCount);
            if (merged) resolve(merged);
            else reject(new RunCancelledError());
          }),
          (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
        );
    });
  }

  get running(): boolean {
    return this.rejectPending !== null;
  }

  /** Asks the run in flight to stop at its next chunk and settles it as cancelled; keeps the workers. */
  private supersede(): void {
    for (const { remote } of this.pool) void remote.supersede(this.currentRun);
    const reject = this.rejectPending;
    this.rejectPending = null;
    reject?.(new RunCancelledError());
  }

  /** Stops the run in flight (if any) by terminating the workers. */
  cancel(): void {
    for (const { worker } of this.pool) worker.terminate();
    this.pool = [];
    const reject = this.rejectPending;
    this.rejectPending = null;
    reject?.(new RunCancelledError());
  }

  dispose(): void {
    this.cancel();
  }
}

function countStrategies(doc: unknown): number {
  const s = (doc as { strategies?: unknown } | null)?.strategies;
  return Array.isArray(s) ? Math.max(1, s.length) : 1;
}

/**
 * Puts the workers' partial results back in scenario order. Field issues are the same in every
 * worker (each validates the whole scenario): the first one wins. Undefined when superseded.
 */
function merge(outcomes: WorkerOutcome[], shares: number[][], strategyCount: number): RunOutcome | undefined {
  if (outcomes.some((o) => 'superseded' in o)) return undefined;
  const failed = outcomes.find((o): o is Extract<RunOutcome, { ok: false }> => !o.ok);
  if (failed) return failed;
  const ok = outcomes as Array<Extract<RunOutcome, { ok: true }>>;
  if (ok.length === 1) return ok[0];
  const strategies = new Array<StrategyResult>(strategyCount);
  ok.forEach((o, w) => o.result.strategies.forEach((s, k) => (strategies[shares[w][k]] = s)));
  return { ...ok[0], result: { ...ok[0].result, strategies: strategies.filter(Boolean) }, elapsedMs: Math.max(...ok.map((o) => o.elapsedMs)) };
}

/** Copies of the tables' arrays, to transfer (a memcpy; structured cloning would copy them anyway). */
function copyTables(tables: Record<string, PodTable>): { tables: Record<string, PodTable>; buffers: ArrayBuffer[] } {
  const out: Record<string, PodTable> = {};
  const buffers: ArrayBuffer[] = [];
  for (const [name, t] of Object.entries(tables)) {
    const f64 = (a: Float64Array) => new Float64Array(a);
    const copy = { count: t.count, arrival: f64(t.arrival), duration: f64(t.duration), cpu: f64(t.cpu), mem: f64(t.mem), cls: new Uint16Array(t.cls), classNames: [...t.classNames] };
    out[name] = copy;
    buffers.push(copy.arrival.buffer, copy.duration.buffer, copy.cpu.buffer, copy.mem.buffer, copy.cls.buffer);
  }
  return { tables: out, buffers };
}
