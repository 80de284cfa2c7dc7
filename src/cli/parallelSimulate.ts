import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SimulationResult, StrategyResult } from '../metrics/result.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { simulate } from '../replay/simulate.ts';
import type { PodTable } from '../workload/podTable.ts';
import { NodeShapeError } from '../models/nodeShape.ts';
import { WorkloadError } from '../workload/errors.ts';

/** Messages to a strategy worker: the work to share, then strategy indices to replay. */
export type ToStrategyWorker = { scenario: Scenario; pods: PodTable } | number;
/** A worker's answer: a strategy's result, or the error it stopped on (its class by name). */
export type FromStrategyWorker =
  | { index: number; result: StrategyResult }
  | { index: number; error: { name: 'NodeShapeError' | 'WorkloadError' | 'Error'; message: string; stack?: string } };

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
  private constructor(private readonly workers: Worker[]) {}

  static async start(threads: number): Promise<StrategyPool> {
    const source = await workerSource();
    return new StrategyPool(Array.from({ length: Math.max(1, threads) }, () => (typeof source === 'string' ? new Worker(source, { eval: true }) : new Worker(source))));
  }

  async run(scenario: Scenario, pods: PodTable): Promise<SimulationResult> {
    const n = scenario.strategies.length;
    const workers = this.workers.slice(0, n);
    const shared: ToStrategyWorker = { scenario, pods: sharedPodTable(pods) };
    const results: StrategyResult[] = new Array(n);
    // Longest first, so the last one to start is short: strategies with a node pool take about
    // twice as long as serverless-only ones (placement and cluster-autoscaler).
    const weight = { mixed: 3, nodes: 2, serverless: 1 } as const;
    const order = scenario.strategies.map((_, i) => i).sort((a, b) => weight[scenario.strategies[b].kind] - weight[scenario.strategies[a].kind] || a - b);
    let next = 0;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= n) {
                cleanup();
                return resolve();
              }
              worker.postMessage(order[next++] satisfies ToStrategyWorker);
            };
            const onMessage = (m: FromStrategyWorker) => {
              if ('error' in m) {
                cleanup();
                return reject(workerError(m.error));
              }
              results[m.index] = m.result;
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
            worker.postMessage(shared);
            give();
          }),
      ),
    );
    return { scenario: scenario.name, horizonSeconds: scenario.horizon, seed: scenario.seed, strategies: results, ...(pods.afterHorizon ? { podsAfterHorizon: pods.afterHorizon } : {}) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** `simulate` on `jobs` worker threads (in this thread for one job or one strategy). */
export async function simulateInParallel(scenario: Scenario, pods: PodTable, jobs: number): Promise<SimulationResult> {
  const threads = Math.min(jobs, scenario.strategies.length);
  if (threads <= 1) return simulate(scenario, pods);
  const pool = await StrategyPool.start(threads);
  try {
    return await pool.run(scenario, pods);
  } finally {
    await pool.close();
  }
}

let bundled: Promise<string> | undefined;

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

/** The same pod table in SharedArrayBuffers, so workers read it without a copy each. */
function sharedPodTable(p: PodTable): PodTable {
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
  };
}
