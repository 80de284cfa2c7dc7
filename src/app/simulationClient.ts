/**
 * The main thread's only door to the simulation workers.
 *
 * Strategies are independent, so a run spreads them over a small pool of workers (one per core
 * but one, at most one per strategy) and merges the results in scenario order. Workers start lazily.
 * `cancel` terminates them (instant) and the next run starts fresh ones. A run started while
 * another is in flight supersedes it instead: the old run stops at its next chunk boundary and
 * the same workers, with their code already compiled, take the new one (what-if sliders).
 */
import * as Comlink from 'comlink';
import type { StrategyResult } from '../metrics/result.ts';
import type { RunInput, RunOutcome as WorkerRunOutcome, RunProgress, SimulationWorkerApi, WorkerOutcome } from '../../workers/simulation.worker.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { workloadKey } from '../workload/build.ts';
import { copyTable, tableBuffers, type PodTable } from '../workload/podTable.ts';

export type { RunProgress };

/**
 * A run's results (or the issues the engine found), with `elapsedMs`: the time the user waited,
 * from the request to the merged results, worker start-up, a shared workload build and messaging
 * included.
 */
export type RunOutcome = (Extract<WorkerRunOutcome, { ok: true }> & { elapsedMs: number }) | Extract<WorkerRunOutcome, { ok: false }>;

export class RunCancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'RunCancelledError';
  }
}

interface PooledWorker {
  worker: Worker;
  remote: Comlink.Remote<SimulationWorkerApi>;
  /** The `workloadKey` of the pods this worker holds, as far as the client knows. */
  workloadKey?: string | null;
}

/**
 * Workers to use: one per core, less one for the page (its render and the results' charts), at
 * least one, at most four. On two cores that is one worker running the strategies one after
 * another, which measured faster than three workers sharing both cores with the page: the cold
 * first run 787 -> 704 ms from request to results (median of 10 fresh loads each, alternating),
 * warm re-runs 149 -> 140 ms. Each worker compiles the engine on its own, and a cold run's
 * optimizing compiles take about as much CPU as the run; one worker compiles it once, and its
 * later strategies start warm.
 */
export function simulationWorkers(cores: number | undefined): number {
  return Math.max(1, Math.min(4, (cores || 2) - 1));
}

const POOL_LIMIT = simulationWorkers(typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined);

function startWorker(index: number): PooledWorker {
  const worker = new Worker(new URL('../../workers/simulation.worker.ts', import.meta.url), { type: 'module', name: `simulation-${index}` });
  return { worker, remote: Comlink.wrap<SimulationWorkerApi>(worker) };
}

/** Workers started before the app rendered, waiting for the first client to take them. */
const prestarted: PooledWorker[] = [];

/**
 * Starts the workers a first run of `strategyCount` strategies will use, so that they load while
 * the page renders instead of after the run is asked for. The first SimulationClient takes them.
 */
export function prestartWorkers(strategyCount: number): void {
  const count = Math.max(1, Math.min(POOL_LIMIT, strategyCount));
  while (prestarted.length < count) prestarted.push(startWorker(prestarted.length));
}

export class SimulationClient {
  private pool: PooledWorker[] = [];
  private rejectPending: ((e: Error) => void) | null = null;
  private runId = 0;
  private currentRun = 0;

  private workers(count: number): PooledWorker[] {
    while (this.pool.length < count) this.pool.push(prestarted.shift() ?? startWorker(this.pool.length));
    return this.pool.slice(0, count);
  }

  /**
   * Runs a validated scenario (from `safeParseScenario`: the workers do not parse again); resolves
   * with the outcome (results, or field issues the engine found), rejects with
   * RunCancelledError when cancelled or superseded. Starting a run while one is in flight
   * supersedes that one. `traces` (imported trace sources' pods by name) may still be loading;
   * cancel works meanwhile. Workers get copies of the tables' buffers, transferred, so the app
   * keeps its tables for re-runs. With several workers, the first builds the pods and the others
   * get copies; workers keep generated pods between runs, so a slider re-run builds nothing.
   */
  run(scenario: Scenario, onProgress: (p: RunProgress) => void, traces: Record<string, PodTable> | Promise<Record<string, PodTable>> = {}): Promise<RunOutcome> {
    const started = performance.now();
    if (this.rejectPending) this.supersede();
    const runId = ++this.runId;
    this.currentRun = runId;
    const strategyCount = scenario.strategies.length;
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
      const dispatch = async (tables: Record<string, PodTable>): Promise<WorkerOutcome[]> => {
        if (!live) return new Promise<never>(() => {});
        // Workers that do not hold this scenario's pods yet get them from one build on the
        // first worker instead of each building the same pods (on a cold start with three
        // workers on two cores, that was a third of the first run).
        const key = workloadKey(scenario);
        let pods: PodTable | undefined;
        if (pool.length > 1 && (key === null || pool.some((p) => p.workloadKey !== key))) {
          const copies = copyTables(tables);
          const built = await pool[0].remote.workload(scenario, Comlink.transfer(copies.tables, copies.buffers));
          if (!live) return new Promise<never>(() => {});
          if (!built.ok) return [built];
          pods = built.pods;
        }
        return Promise.all(
          pool.map((pooled, w) => {
            const only = pool.length > 1 ? shares[w] : undefined;
            let input: RunInput;
            let buffers: ArrayBuffer[];
            if (pods) {
              const mine = w === pool.length - 1 ? pods : copyTable(pods);
              input = { runId, only, pods: mine };
              buffers = tableBuffers(mine);
            } else {
              const copies = copyTables(tables);
              input = { runId, only, traces: copies.tables };
              buffers = copies.buffers;
            }
            // From this message on, the worker holds the pods (built or given) for the next run.
            pooled.workloadKey = key;
            return pooled.remote.run(scenario, Comlink.proxy(progressFrom(w)), Comlink.transfer(input, buffers)) as Promise<WorkerOutcome>;
          }),
        );
      };
      // Loaded tables go to the workers at once, not a microtask later: the first run is asked for
      // inside React's commit, and a microtask would wait for the rest of it (30-40 ms cold).
      (traces instanceof Promise ? traces.then(dispatch) : dispatch(traces))
        .then(
          (outcomes) => settle(() => {
            const merged = merge(outcomes, shares, strategyCount);
            if (!merged) reject(new RunCancelledError());
            else resolve(merged.ok ? { ...merged, elapsedMs: performance.now() - started } : merged);
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

/**
 * Puts the workers' partial results back in scenario order. Issues come from the engine (an
 * imported trace that is not loaded) and are the same in every worker: the first one wins.
 * Undefined when superseded.
 */
function merge(outcomes: WorkerOutcome[], shares: number[][], strategyCount: number): WorkerRunOutcome | undefined {
  if (outcomes.some((o) => 'superseded' in o)) return undefined;
  const failed = outcomes.find((o): o is Extract<WorkerRunOutcome, { ok: false }> => !o.ok);
  if (failed) return failed;
  const ok = outcomes as Array<Extract<WorkerRunOutcome, { ok: true }>>;
  if (ok.length === 1) return ok[0];
  const strategies = new Array<StrategyResult>(strategyCount);
  ok.forEach((o, w) => o.result.strategies.forEach((s, k) => (strategies[shares[w][k]] = s)));
  return { ...ok[0], result: { ...ok[0].result, strategies: strategies.filter(Boolean) } };
}

/** Copies of the tables, to transfer (a memcpy; structured cloning would copy them anyway). */
function copyTables(tables: Record<string, PodTable>): { tables: Record<string, PodTable>; buffers: ArrayBuffer[] } {
  const out: Record<string, PodTable> = {};
  for (const [name, t] of Object.entries(tables)) out[name] = copyTable(t);
  return { tables: out, buffers: Object.values(out).flatMap(tableBuffers) };
}
