/**
 * The simulation engine in a Web Worker. Thin on purpose: validate the scenario, build the
 * workload, run each strategy in chunks (reporting progress between chunks), and return plain
 * data with the series' buffers transferred, not copied. Cancelling is the client's job: it
 * terminates this worker, so the loop below never needs to yield.
 */
import * as Comlink from 'comlink';
import type { SimulationResult, StrategyResult } from '../src/metrics/result.ts';
import { SERIES_KEYS } from '../src/metrics/result.ts';
import { safeParseScenario, type FieldIssue } from '../src/scenario/parse.ts';
import { StrategyRun } from '../src/sim/strategyRun.ts';
import { buildWorkload } from '../src/workload/build.ts';
import type { PodTable } from '../src/workload/podTable.ts';
import { issueFromError } from './issueFromError.ts';

export interface RunProgress {
  phase: 'workload' | 'simulating';
  /** Overall share done, 0..1. */
  fraction: number;
  /** Index and name of the strategy being simulated. */
  strategy: number;
  strategyName: string;
  events: number;
}

export type RunOutcome =
  | { ok: true; result: SimulationResult; pods: number; elapsedMs: number }
  | { ok: false; issues: FieldIssue[] };

/** Events per chunk between progress reports; small enough for a smooth bar, big enough to be free. */
const CHUNK_STEPS = 20_000;
/** Progress messages at most this often, so the main thread is not flooded. */
const PROGRESS_INTERVAL_MS = 40;

function transferables(result: SimulationResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: Float64Array) => {
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  for (const s of result.strategies as StrategyResult[]) {
    for (const key of SERIES_KEYS) add(s.series[key]);
    add(s.pendingCdf);
  }
  return [...buffers];
}

const api = {
  /**
   * Validates and simulates `scenario` (a scenario document as the user wrote it). Invalid input
   * comes back as `{ ok: false, issues }` with field paths; it never throws for bad input.
   * `traces` holds the imported trace sources' pods by source name (buffers transferred).
   */
  run(scenario: unknown, onProgress?: (p: RunProgress) => void, traces: Record<string, PodTable> = {}): RunOutcome {
    const started = performance.now();
    const parsed = safeParseScenario(scenario);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const sc = parsed.scenario;
    try {
      onProgress?.({ phase: 'workload', fraction: 0, strategy: 0, strategyName: sc.strategies[0].name, events: 0 });
      const pods = buildWorkload(sc, new Map(Object.entries(traces)));
      const n = sc.strategies.length;
      let lastReport = performance.now();
      let events = 0;
      const strategies = sc.strategies.map((strategy, i) => {
        const run = new StrategyRun(sc, strategy, pods, i);
        for (;;) {
          const status = run.advance(CHUNK_STEPS);
          events += status.steps;
          const now = performance.now();
          if (onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
            lastReport = now;
            onProgress({ phase: 'simulating', fraction: (i + run.progress) / n, strategy: i, strategyName: strategy.name, events });
          }
          if (status.done) break;
        }
        return run.result();
      });
      const result: SimulationResult = { scenario: sc.name, horizonSeconds: sc.horizon, seed: sc.seed, strategies };
      const outcome: RunOutcome = { ok: true, result, pods: pods.count, elapsedMs: performance.now() - started };
      return Comlink.transfer(outcome, transferables(result));
    } catch (error) {
      return { ok: false, issues: [issueFromError(error)] };
    }
  },
};

export type SimulationWorkerApi = typeof api;

Comlink.expose(api);
