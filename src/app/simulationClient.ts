/**
 * The main thread's only door to the simulation worker. The worker starts lazily on the first
 * run; `cancel` terminates it (the engine runs synchronously, so termination is the only way to
 * stop it at once) and the next run starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { RunOutcome, RunProgress, SimulationWorkerApi } from '../../workers/simulation.worker.ts';
import type { PodTable } from '../workload/podTable.ts';

export type { RunOutcome, RunProgress };

export class RunCancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'RunCancelledError';
  }
}

export class SimulationClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<SimulationWorkerApi> | null = null;
  private rejectPending: ((e: Error) => void) | null = null;

  private connect(): Comlink.Remote<SimulationWorkerApi> {
    if (!this.remote) {
      this.worker = new Worker(new URL('../../workers/simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
      this.remote = Comlink.wrap<SimulationWorkerApi>(this.worker);
    }
    return this.remote;
  }

  /**
   * Runs a scenario document; resolves with the outcome (results or field issues), rejects with
   * RunCancelledError when cancelled. Starting a run while one is in flight cancels that one.
   * `traces` (imported trace sources' pods by name) may still be loading; cancel works meanwhile.
   * The worker gets copies of their buffers, transferred, so the app keeps its tables for re-runs.
   */
  run(scenario: unknown, onProgress: (p: RunProgress) => void, traces: Record<string, PodTable> | Promise<Record<string, PodTable>> = {}): Promise<RunOutcome> {
    if (this.rejectPending) this.cancel();
    const remote = this.connect();
    // Progress messages the worker posted before it was terminated still arrive afterwards;
    // once the run is settled or cancelled they must not reach the caller.
    let live = true;
    const guardedProgress = (p: RunProgress) => {
      if (live) onProgress(p);
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
        .then((tables): Promise<RunOutcome> => {
          if (!live) return new Promise<never>(() => {});
          const copies = copyTables(tables);
          return remote.run(scenario, Comlink.proxy(guardedProgress), Comlink.transfer(copies.tables, copies.buffers)) as Promise<RunOutcome>;
        })
        .then(
          (outcome) => settle(() => resolve(outcome)),
          (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
        );
    });
  }

  get running(): boolean {
    return this.rejectPending !== null;
  }

  /** Stops the run in flight (if any) by terminating the worker. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    const reject = this.rejectPending;
    this.rejectPending = null;
    reject?.(new RunCancelledError());
  }

  dispose(): void {
    this.cancel();
  }
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
