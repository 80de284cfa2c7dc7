/**
 * The main thread's only door to the simulation worker. The worker starts lazily on the first
 * run; `cancel` terminates it (the engine runs synchronously, so termination is the only way to
 * stop it at once) and the next run starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { RunOutcome, RunProgress, SimulationWorkerApi } from '../../workers/simulation.worker.ts';

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
   */
  run(scenario: unknown, onProgress: (p: RunProgress) => void): Promise<RunOutcome> {
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
      remote.run(scenario, Comlink.proxy(guardedProgress)).then(
        (outcome) => settle(() => resolve(outcome as RunOutcome)),
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
