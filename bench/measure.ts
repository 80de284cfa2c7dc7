import { StrategyRun } from '../src/replay/strategyRun.ts';
import { simulateInParallel } from '../src/cli/parallelSimulate.ts';
import { buildWorkload } from '../src/workload/build.ts';
import type { PodTable } from '../src/workload/podTable.ts';
import { benchScenario, type BenchKind } from './scenario.ts';
import { referenceLoop } from './referenceLoop.ts';
import { threadCpu, threadCpuSince, type ThreadCpu } from './threadCpu.ts';

const MiB = 1024 * 1024;

/** Events per chunk of the replay; memory is sampled between chunks. */
export const SAMPLE_STEPS = 100_000;

export interface Workload {
  pods: PodTable;
  buildMs: number;
}

export function makeWorkload(pods: number): Workload {
  const t0 = performance.now();
  const table = buildWorkload(benchScenario(pods, ['serverless']));
  return { pods: table, buildMs: performance.now() - t0 };
}

export interface StrategyMeasure {
  kind: BenchKind;
  pods: number;
  wallMs: number;
  /** CPU time of this process during the replay (user + system), ms: less sensitive to other load than wall time. */
  cpuMs: number;
  /** `cpuMs` by thread (Linux only): the JavaScript thread, and the others (mostly V8 compiling the replay's code). */
  threads?: ThreadCpu;
  events: number;
  eventsPerSecond: number;
  podsPerSecond: number;
  /** Highest process.memoryUsage() rss / heapUsed seen between chunks of the replay, MiB. */
  peakRssMiB: number;
  peakHeapMiB: number;
  /** rss just before the replay (runtime, code and the pod table), MiB. */
  rssBeforeMiB: number;
  /** A few results, to see that the replay did what it should (and stays deterministic). */
  summary: {
    cost: number;
    started: number;
    onNodes: number;
    onServerless: number;
    peakNodes: number;
    nodesLaunched: number;
    evictions: number;
    p95PendingSeconds: number;
  };
}

export interface ReferenceMeasure {
  pods: number;
  wallMs: number;
  cpuMs: number;
  threads?: ThreadCpu;
  events: number;
  eventsPerSecond: number;
  cost: number;
  peakRunning: number;
}

/** Highest resident set and heap seen over calls to `sample()`, in bytes. */
export class PeakMemory {
  rss = 0;
  heap = 0;

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
  }
}

/**
 * Collects garbage left by earlier work (the workload build) so it is not charged to the replay
 * that follows; only when node runs with --expose-gc (the bench's child processes do).
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Replays the bench workload on one strategy kind, sampling memory between chunks. */
export function measureStrategy(size: number, pods: PodTable, kind: BenchKind): StrategyMeasure {
  collectGarbage();
  // Same scenario as the one that generated `pods`, with only this strategy.
  const scenario = benchScenario(size, [kind]);
  const peak = new PeakMemory();
  const sample = () => peak.sample();
  sample();
  const rssBefore = peak.rss;
  const th0 = threadCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const run = new StrategyRun(scenario, scenario.strategies[0], pods, 0);
  for (;;) {
    const status = run.advance(SAMPLE_STEPS);
    sample();
    if (status.done) break;
  }
  const r = run.result();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const threads = threadCpuSince(th0);
  sample();
  const events = r.events;
  return {
    kind,
    pods: pods.count,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    threads,
    events,
    eventsPerSecond: events / (wallMs / 1000),
    podsPerSecond: pods.count / (wallMs / 1000),
    peakRssMiB: peak.rss / MiB,
    peakHeapMiB: peak.heap / MiB,
    rssBeforeMiB: rssBefore / MiB,
    summary: {
      cost: r.cost.total,
      started: r.pods.started,
      onNodes: r.pods.onNodes,
      onServerless: r.pods.onServerless,
      peakNodes: r.nodes.peak,
      nodesLaunched: r.nodes.launched,
      evictions: r.pods.evictions,
      p95PendingSeconds: r.pendingSeconds.p95,
    },
  };
}

export function measureReference(pods: PodTable): ReferenceMeasure {
  collectGarbage();
  const th0 = threadCpu();
  const c0 = process.cpuUsage();
  const r = referenceLoop(pods);
  const cpu = process.cpuUsage(c0);
  const threads = threadCpuSince(th0);
  return { pods: pods.count, wallMs: r.wallMs, cpuMs: (cpu.user + cpu.system) / 1000, threads, events: r.events, eventsPerSecond: r.events / (r.wallMs / 1000), cost: r.cost, peakRunning: r.peakRunning };
}

export interface AllAtOnceMeasure {
  threads: number;
  strategies: number;
  /** From the start of the replays to the last result, as `npm run sim` runs them (worker start-up included). */
  wallMs: number;
  cpuMs: number;
  events: number;
  /** Sum of the three results' costs: the same as the separate replays'. */
  costs: number[];
}

/** All three strategy kinds of the bench scenario at once, on `threads` threads (this one and `threads - 1` workers, as the CLI runs them). */
export async function measureAllAtOnce(size: number, pods: PodTable, threads: number): Promise<AllAtOnceMeasure> {
  const scenario = benchScenario(size, ['nodes', 'serverless', 'mixed']);
  collectGarbage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await simulateInParallel(scenario, pods, threads);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return {
    threads,
    strategies: r.strategies.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    events: r.strategies.reduce((a, s) => a + s.events, 0),
    costs: r.strategies.map((s) => s.cost.total),
  };
}
