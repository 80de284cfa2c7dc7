/**
 * The simulation engine in a Web Worker. Thin on purpose: validate the scenario, build the
 * workload, run each strategy in chunks (reporting progress between chunks), and return plain
 * data with the series' buffers transferred, not copied.
 *
 * Two ways to stop a run: the Cancel button terminates this worker (instant); a newer run that
 * supersedes an older one (a slider moving) sends `supersede(runId)` instead, which the loop sees
 * at its next chunk boundary, so the worker and its compiled code stay warm for the next run.
 */
import * as Comlink from 'comlink';
import type { SimulationResult, StrategyResult } from '../src/metrics/result.ts';
import { SERIES_KEYS } from '../src/metrics/result.ts';
import { safeParseScenario, type FieldIssue } from '../src/scenario/parse.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
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

/** What `run` returns: an outcome, or word that a newer run superseded it (never shown to users). */
export type WorkerOutcome = RunOutcome | { ok: false; superseded: true };

/**
 * The last generated workload, reused while the workload, horizon and seed stay the same (a
 * slider on a price or a delay does not change the pods). Scenarios with traces are not cached.
 */
let lastWorkload: { key: string; pods: PodTable } | null = null;

function workloadFor(sc: Scenario, traces: Record<string, PodTable>): PodTable {
  if (Object.keys(traces).length > 0) return buildWorkload(sc, new Map(Object.entries(traces)));
  const key = JSON.stringify([sc.workload, sc.horizon, sc.seed]);
  if (lastWorkload?.key !== key) lastWorkload = { key, pods: buildWorkload(sc) };
  return lastWorkload.pods;
}

/** Runs asked to stop; checked between chunks. */
const superseded = new Set<number>();

/**
 * Lets queued messages (a `supersede`) be handled between chunks. A MessageChannel round trip,
 * not setTimeout, which browsers clamp to 4 ms when nested.
 */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

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
   * `only` limits the run to some strategies (the client spreads strategies over several
   * workers); the result then holds just those, in the order given.
   */
  async run(scenario: unknown, onProgress?: (p: RunProgress) => void, traces: Record<string, PodTable> = {}, runId = 0, only?: number[]): Promise<WorkerOutcome> {
    const started = performance.now();
    // A newer run may already be queued behind this one: let its `supersede` arrive first.
    await yieldToMessages();
    if (superseded.delete(runId)) return { ok: false, superseded: true };
    const parsed = safeParseScenario(scenario);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const sc = parsed.scenario;
    try {
      onProgress?.({ phase: 'workload', fraction: 0, strategy: 0, strategyName: sc.strategies[0].name, events: 0 });
      const pods = workloadFor(sc, traces);
      const indices = (only ?? sc.strategies.map((_, i) => i)).filter((i) => i < sc.strategies.length);
      const n = indices.length;
      let lastReport = performance.now();
      let events = 0;
      const strategies: StrategyResult[] = [];
      for (let k = 0; k < n; k++) {
        const i = indices[k];
        const strategy = sc.strategies[i];
        const run = new StrategyRun(sc, strategy, pods, i);
        for (;;) {
          const status = run.advance(CHUNK_STEPS);
          events += status.steps;
          const now = performance.now();
          if (onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
            lastReport = now;
            onProgress({ phase: 'simulating', fraction: (k + run.progress) / n, strategy: i, strategyName: strategy.name, events });
          }
          if (status.done) break;
          await yieldToMessages();
          if (superseded.delete(runId)) return { ok: false, superseded: true };
        }
        strategies.push(run.result());
      }
      const result: SimulationResult = { scenario: sc.name, horizonSeconds: sc.horizon, seed: sc.seed, strategies };
      const outcome: RunOutcome = { ok: true, result, pods: pods.count, elapsedMs: performance.now() - started };
      return Comlink.transfer(outcome, transferables(result));
    } catch (error) {
      return { ok: false, issues: [issueFromError(error)] };
    }
  },

  /** Asks run `runId` to stop at its next chunk boundary (it returns `{ superseded: true }`). */
  supersede(runId: number): void {
    superseded.add(runId);
  },
};

export type SimulationWorkerApi = typeof api;

Comlink.expose(api);
