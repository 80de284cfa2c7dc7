import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SimulationResult, StrategyResult } from '../metrics/result.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { simulate } from '../replay/simulate.ts';
import { StrategyRun } from '../replay/strategyRun.ts';
import { summarizeForBands } from '../replay/summarize.ts';
import type { PodTable } from '../workload/podTable.ts';
import type { RunPoint } from '../runs/bands.ts';
import { NodeShapeError } from '../models/nodeShape.ts';
import { WorkloadError } from '../workload/errors.ts';

/**
 * Messages to a strategy worker: a piece of work to keep (a scenario and its pods, under a key),
 * a strategy of a kept piece to replay, or a key whose work is done (to free its pods).
 */
export type ToStrategyWorker = { work: number; scenario: Scenario; pods: PodTable } | { work: number; strategy: number; light?: boolean } | { drop: number };
/** A worker's answer: a strategy's result (its point only, for light work), or the error it stopped on (its class by name). */
export type FromStrategyWorker =
  | { work: number; index: number; result: StrategyResult }
  | { work: number; index: number; point: RunPoint }
  | { work: number; index: number; error: { name: 'NodeShapeError' | 'WorkloadError' | 'Error'; message: string; stack?: string } };

/** One scenario to replay on every strategy; its pods are built when its first strategy is handed out. */
export interface PoolWork {
  scenario: Scenario;
  pods: () => PodTable;
}

/** A run of a Monte Carlo study: `light` ones (band-only) keep each strategy's point, not its full result. */
export interface StudyWork extends PoolWork {
  light: boolean;
}

/** The error a worker reported, as the class the CLI maps to a one-line exit 2 where it is bad input. */
function workerError(e: { name: string; message: string; stack?: string }): Error {
  const error = e.name === 'NodeShapeError' ? new NodeShapeError(e.message) : e.name === 'WorkloadError' ? new WorkloadError(e.message) : new Error(`strategy worker: ${e.message}`);
  if (e.stack && error.constructor === Error) error.stack = e.stack;
  return error;
}

/**
 * Below this many pods a scenario replays faster in one thread: starting the workers takes about
 * 0.1-0.2 s (bundling their code once, then loading it in each), and two replays on two cores
 * each run about a third slower than alone (shared caches), so threads pay off once the replays
 * take a second or more (about 2-5 us per pod and strategy).
 */
const WORTH_THREADS = 200_000;

/** Worker threads to use by default: one per strategy, at most one per core, none for small workloads. */
export function defaultJobs(strategies: number, pods: number): number {
  return pods < WORTH_THREADS ? 1 : Math.max(1, Math.min(strategies, availableParallelism()));
}

/**
 * Worker threads that replay strategies. Start it early (`start`): the workers load their code
 * while the caller builds the workload. `run` replays every strategy of a scenario like
 * `simulate`, spread over the workers (strategies are independent runs, each with its own random
 * stream, so the results are the same as one after another); the pod table is copied once into
 * shared memory that every worker reads.
 */
export class StrategyPool {
  /** False once a piece of work failed: its workers may still hold pieces or be mid-task, so they are not lent again. */
  private healthy = true;

  private constructor(private readonly workers: Worker[]) {}

  static async start(threads: number): Promise<StrategyPool> {
    const source = await workerSource();
    return new StrategyPool(Array.from({ length: Math.max(0, threads) }, () => newWorker(source)));
  }

  /**
   * A pool whose workers are taken from those an earlier study in this process gave back (warm:
   * their code already compiled by V8's optimizing tiers), topped up with new ones. Give them
   * back with `release`. A fresh worker runs its first replays of the headline 5-8x slower than
   * a warm one (about 1.5 s of warm-up per thread on 2 busy cores), so a process that runs
   * several studies (--runs then --recommend, the bench) pays that once, not per study.
   */
  static async borrow(threads: number): Promise<StrategyPool> {
    const n = Math.max(1, threads);
    const reused = idleWorkers.splice(0, n);
    for (const w of reused) {
      w.off('exit', forgetIdle);
      w.ref();
    }
    const source = reused.length < n ? await workerSource() : null;
    return new StrategyPool([...reused, ...Array.from({ length: n - reused.length }, () => newWorker(source!))]);
  }

  /**
   * Returns a borrowed pool's workers to the idle set (unreferenced: they never keep the process
   * alive), or terminates them after a failure. At most one idle worker per core is kept.
   */
  async release(): Promise<void> {
    if (!this.healthy) return this.close();
    const surplus: Worker[] = [];
    for (const w of this.workers) {
      if (idleWorkers.length >= availableParallelism()) {
        surplus.push(w);
        continue;
      }
      w.unref();
      w.on('exit', forgetIdle);
      idleWorkers.push(w);
    }
    await Promise.all(surplus.map((w) => w.terminate()));
  }

  /** `here`: this thread replays strategies too, beside the workers. */
  async run(scenario: Scenario, pods: PodTable | (() => PodTable), here = false): Promise<SimulationResult> {
    let table: PodTable | undefined;
    const [strategies] = (await this.dispatch([{ scenario, pods: () => (table ??= typeof pods === 'function' ? pods() : pods), light: false }], here)) as StrategyResult[][];
    pods = table!;
    return { scenario: scenario.name, horizonSeconds: scenario.horizon, seed: scenario.seed, strategies, ...(pods.afterHorizon ? { podsAfterHorizon: pods.afterHorizon } : {}) };
  }

  /**
   * Replays every strategy of every piece of work (e.g. the runs of a Monte Carlo study, one seed
   * each) and returns each piece's strategy results in scenario order. Tasks (piece, strategy) go
   * to whichever worker is free, pieces in order; a piece's pods are built when its first task is
   * handed out, copied once into shared memory, and freed once its last strategy is done, so a
   * study of many runs holds only the pods of the runs in flight.
   */
  async runMany(works: readonly PoolWork[]): Promise<StrategyResult[][]> {
    return (await this.dispatch(works.map((w) => ({ ...w, light: false })))) as StrategyResult[][];
  }

  /**
   * As `runMany`, for the runs of a Monte Carlo study: a light run's strategies come back as their
   * points (`summarizeForBands`), the others as full results.
   */
  runStudy(works: readonly StudyWork[]): Promise<Array<StrategyResult[] | RunPoint[]>> {
    return this.dispatch(works);
  }

  private async dispatch(works: readonly StudyWork[], here = false): Promise<Array<StrategyResult[] | RunPoint[]>> {
    const results: Array<Array<StrategyResult | RunPoint>> = works.map((w) => new Array(w.scenario.strategies.length));
    const left = works.map((w) => w.scenario.strategies.length);
    // Longest first within each piece, so the last task to start is short: strategies with a node
    // pool take about twice as long as serverless-only ones (placement and cluster-autoscaler).
    const weight = { mixed: 3, nodes: 2, serverless: 1 } as const;
    const tasks = works.flatMap((w, k) =>
      w.scenario.strategies.map((_, i) => i).sort((a, b) => weight[w.scenario.strategies[b].kind] - weight[w.scenario.strategies[a].kind] || a - b).map((i) => ({ work: k, strategy: i })),
    );
    const shared = new Map<number, Extract<ToStrategyWorker, { scenario: Scenario }>>();
    const holders = new Map<number, Set<Worker>>();
    let next = 0;
    let failed = false;
    /** A piece's pods in shared memory, built when its first task is handed out. */
    const piece = (work: number) => {
      let p = shared.get(work);
      if (!p) {
        p = { work, scenario: works[work].scenario, pods: sharedPodTable(works[work].pods()) };
        shared.set(work, p);
        holders.set(work, new Set());
      }
      return p;
    };
    const finished = (work: number, index: number, value: StrategyResult | RunPoint) => {
      results[work][index] = value;
      if (--left[work] === 0) {
        for (const w of holders.get(work) ?? []) w.postMessage({ drop: work } satisfies ToStrategyWorker);
        shared.delete(work);
        holders.delete(work);
      }
    };
    const workers = this.workers.slice(0, Math.max(here ? 0 : 1, tasks.length - (here ? 1 : 0)));
    const onWorkers = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const give = () => {
            if (next >= tasks.length || failed) {
              cleanup();
              return resolve();
            }
            const task = tasks[next++];
            const p = piece(task.work);
            const held = holders.get(task.work)!;
            if (!held.has(worker)) {
              worker.postMessage(p satisfies ToStrategyWorker);
              held.add(worker);
            }
            worker.postMessage({ work: task.work, strategy: task.strategy, ...(works[task.work].light ? { light: true } : {}) } satisfies ToStrategyWorker);
          };
          const onMessage = (m: FromStrategyWorker) => {
            if ('error' in m) {
              cleanup();
              return reject(workerError(m.error));
            }
            finished(m.work, m.index, 'point' in m ? m.point : m.result);
            give();
          };
          const onExit = (code: number) => reject(new Error(`strategy worker stopped (exit code ${code}) before its work was done`));
          const cleanup = () => {
            worker.off('message', onMessage);
            worker.off('error', reject);
            worker.off('exit', onExit);
          };
          worker.on('message', onMessage);
          worker.on('error', reject);
          worker.on('exit', onExit);
          give();
        }),
    );
    // This thread takes tasks too (after the workers got their first), replaying in chunks and
    // yielding between them, so the workers' answers are heard and they get their next task.
    const onHere = here
      ? (async () => {
          while (next < tasks.length && !failed) {
            const task = tasks[next++];
            const p = piece(task.work);
            const run = new StrategyRun(p.scenario, p.scenario.strategies[task.strategy], p.pods, task.strategy);
            while (!run.advance(HERE_CHUNK_STEPS).done) {
              await new Promise((r) => setImmediate(r));
              if (failed) return;
            }
            finished(task.work, task.strategy, works[task.work].light ? summarizeForBands(run.finishAtHorizon(), false).point : run.result());
          }
        })()
      : Promise.resolve();
    try {
      await Promise.all([...onWorkers, onHere]);
    } catch (e) {
      failed = true;
      this.healthy = false;
      throw e;
    }
    return results as Array<StrategyResult[] | RunPoint[]>;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * `simulate` on `jobs` threads: this one and `jobs - 1` workers (all in this thread for one job or
 * one strategy). `pods` may be a function that builds them (in shared memory when `shared`): the
 * workers are started first, so they load their code while this thread builds the workload (at
 * 1M pods, about 0.2 s of start-up per worker that otherwise came after the 0.7 s build).
 */
export async function simulateInParallel(scenario: Scenario, pods: PodTable | ((shared: boolean) => PodTable), jobs: number): Promise<SimulationResult> {
  const threads = Math.min(jobs, scenario.strategies.length);
  if (threads <= 1) return simulate(scenario, typeof pods === 'function' ? pods(false) : pods);
  // This thread is one of the threads: it would otherwise wait idle, and each worker spends CPU on
  // starting and compiling the engine for itself.
  const pool = await StrategyPool.start(threads - 1);
  try {
    return await pool.run(scenario, typeof pods === 'function' ? () => pods(true) : pods, true);
  } finally {
    await pool.close();
  }
}

/**
 * Events a strategy replayed on the calling thread runs between two yields to the event loop:
 * about 4-15 ms at 1M pods (0.4-1.3 us an event), so a worker that finished waits at most that
 * long for its next task.
 */
const HERE_CHUNK_STEPS = 10_000;

let bundled: Promise<string> | undefined;

/** Workers given back by `StrategyPool.release`, idle and warm, for the next `borrow`. */
const idleWorkers: Worker[] = [];

function forgetIdle(this: Worker): void {
  const at = idleWorkers.indexOf(this);
  if (at >= 0) idleWorkers.splice(at, 1);
}

function newWorker(source: string | URL): Worker {
  return typeof source === 'string' ? new Worker(source, { eval: true }) : new Worker(source);
}

/** Set to true by `npm run build:cli` (esbuild define): the worker is a file beside the bundle. */
declare const __SPILLWAY_BUNDLE__: boolean | undefined;

/** What a worker runs: the built CLI's strategyWorker.mjs, or code bundled now from the sources. */
function workerSource(): Promise<string | URL> {
  if (typeof __SPILLWAY_BUNDLE__ !== 'undefined' && __SPILLWAY_BUNDLE__) return Promise.resolve(new URL('./strategyWorker.mjs', import.meta.url));
  return workerCode();
}

/**
 * The code a worker runs. The CLI runs TypeScript under tsx, whose loader a worker thread does
 * not inherit, and registering it in each worker takes 0.3-0.8 s; so the worker module is bundled
 * once into plain JavaScript with esbuild (about 80 ms), which a worker loads in about 50 ms.
 * Without esbuild, each worker registers tsx itself.
 */
function workerCode(): Promise<string> {
  const url = new URL('./strategyWorker.ts', import.meta.url);
  bundled ??= import('esbuild')
    .then(async ({ build }) => {
      const out = await build({ entryPoints: [fileURLToPath(url)], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
      return out.outputFiles[0].text;
    })
    .catch(() => `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`);
  return bundled;
}

/** The same pod table in SharedArrayBuffers, so workers read it without a copy each (as it is when it was built there). */
function sharedPodTable(p: PodTable): PodTable {
  if ([p.arrival, p.duration, p.cpu, p.mem, p.cls, ...(p.fixedEnd ? [p.fixedEnd] : [])].every((a) => a.buffer instanceof SharedArrayBuffer && a.length === p.count)) return p;
  const share = <T extends Float64Array | Uint16Array | Uint8Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const s = make(new SharedArrayBuffer(a.byteLength));
    s.set(a);
    return s;
  };
  return {
    count: p.count,
    arrival: share(p.arrival.subarray(0, p.count), (b) => new Float64Array(b)),
    duration: share(p.duration.subarray(0, p.count), (b) => new Float64Array(b)),
    cpu: share(p.cpu.subarray(0, p.count), (b) => new Float64Array(b)),
    mem: share(p.mem.subarray(0, p.count), (b) => new Float64Array(b)),
    cls: share(p.cls.subarray(0, p.count), (b) => new Uint16Array(b)),
    classNames: p.classNames,
    ...(p.fixedEnd ? { fixedEnd: share(p.fixedEnd.subarray(0, p.count), (b) => new Uint8Array(b)) } : {}),
    ...(p.imageSizeMiB ? { imageSizeMiB: p.imageSizeMiB } : {}),
  };
}
