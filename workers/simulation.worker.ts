/**
 * The simulation engine in a Web Worker. Thin on purpose: build the workload, run each strategy
 * in chunks (reporting progress between chunks), and return plain data with the series' buffers
 * transferred, not copied.
 *
 * It takes a scenario the main thread has already validated with the zod schema (the app cannot
 * start a run without that), so it neither parses again nor loads zod: for the headline's first
 * run that spared each of three cold workers some 115 KB of code to compile and evaluate and
 * 40-70 ms of parsing, on two cores shared with the page.
 *
 * Two ways to stop a run: the Cancel button terminates this worker (instant); a newer run that
 * supersedes an older one (a slider moving) sends `supersede(runId)` instead, which the loop sees
 * at its next chunk boundary, so the worker and its compiled code stay warm for the next run.
 */
import * as Comlink from 'comlink';
import type { SimulationResult, StrategyResult } from '../src/metrics/result.ts';
import { SERIES_KEYS } from '../src/metrics/result.ts';
import type { FieldIssue } from '../src/scenario/parse.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import { StrategyRun } from '../src/replay/strategyRun.ts';
import { buildWorkload, workloadKey } from '../src/workload/build.ts';
import { copyTable, tableBuffers, type PodTable } from '../src/workload/podTable.ts';
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

export type RunOutcome = { ok: true; result: SimulationResult; pods: number } | { ok: false; issues: FieldIssue[] };

/** What `run` returns: an outcome, or word that a newer run superseded it (never shown to users). */
export type WorkerOutcome = RunOutcome | { ok: false; superseded: true };

export type WorkloadOutcome = { ok: true; pods: PodTable } | { ok: false; issues: FieldIssue[] };

/**
 * The last generated workload, reused while the workload, horizon and seed stay the same (a
 * slider on a price or a delay does not change the pods). Scenarios with trace tables are not
 * cached (`workloadKey` is null for them).
 */
let lastWorkload: { key: string; pods: PodTable } | null = null;

function workloadFor(sc: Scenario, traces: Record<string, PodTable>): PodTable {
  const key = workloadKey(sc);
  if (key === null) return buildWorkload(sc, new Map(Object.entries(traces)));
  if (lastWorkload?.key !== key) lastWorkload = { key, pods: buildWorkload(sc) };
  return lastWorkload.pods;
}

/** What a run is given besides the scenario. */
export interface RunInput {
  runId: number;
  /** The strategies to run (the client spreads them over several workers); all when absent. */
  only?: number[];
  /** Imported trace sources' pods by source name (buffers transferred). */
  traces?: Record<string, PodTable>;
  /**
   * The scenario's pods, built by another worker (`workload`), so that three workers do not
   * build the same pods three times on a cold start. Cached like a workload built here.
   */
  pods?: PodTable;
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
   * Simulates `sc`, a validated scenario (the output of `safeParseScenario`). What the engine
   * still rejects (an imported trace that is not loaded) comes back as `{ ok: false, issues }`
   * with field paths; it never throws for bad input. The result holds the strategies of
   * `input.only`, in the order given, or all of them.
   */
  async run(sc: Scenario, onProgress: ((p: RunProgress) => void) | undefined, input: RunInput): Promise<WorkerOutcome> {
    const { runId, only, traces = {}, pods: given } = input;
    // Kept before anything can stop this run: the client counts on this worker having them now.
    const key = given ? workloadKey(sc) : null;
    if (given && key !== null) lastWorkload = { key, pods: given };
    // A newer run may already be queued behind this one: let its `supersede` arrive first.
    await yieldToMessages();
    if (superseded.delete(runId)) return { ok: false, superseded: true };
    try {
      onProgress?.({ phase: 'workload', fraction: 0, strategy: 0, strategyName: sc.strategies[0].name, events: 0 });
      const pods = given ?? workloadFor(sc, traces);
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
      const result: SimulationResult = { scenario: sc.name, horizonSeconds: sc.horizon, seed: sc.seed, strategies, ...(pods.afterHorizon ? { podsAfterHorizon: pods.afterHorizon } : {}) };
      const outcome: RunOutcome = { ok: true, result, pods: pods.count };
      return Comlink.transfer(outcome, transferables(result));
    } catch (error) {
      return { ok: false, issues: [issueFromError(error)] };
    }
  },

  /**
   * Builds the scenario's pods (or takes the cached ones) for the client to hand to the other
   * workers. Engine errors come back as issues, as from `run`.
   */
  workload(sc: Scenario, traces: Record<string, PodTable> = {}): WorkloadOutcome {
    try {
      const pods = workloadFor(sc, traces);
      // A cached table stays here and a copy goes; pods built from trace tables are not cached
      // (no workload key), so their own buffers go, without a copy of up to tens of MB.
      const out = lastWorkload?.pods === pods ? copyTable(pods) : pods;
      return Comlink.transfer({ ok: true, pods: out }, tableBuffers(out));
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
