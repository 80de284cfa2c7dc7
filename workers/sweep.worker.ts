/**
 * One variant of a parameter sweep per call: simulate a validated scenario and return cost and
 * pending p95 per strategy (all a sweep keeps). The pool in src/app/whatif/sweepPool.ts runs
 * several of these workers side by side; cancelling terminates them.
 */
import * as Comlink from 'comlink';
import { safeParseScenario } from '../src/scenario/parse.ts';
import { simulate } from '../src/replay/simulate.ts';
import type { SweepPoint } from '../src/sweep/index.ts';
import { buildWorkload } from '../src/workload/build.ts';
import type { PodTable } from '../src/workload/podTable.ts';

/** Imported trace sources' pods by name, set once per sweep (every variant shares them). */
let traces = new Map<string, PodTable>();

export type VariantOutcome = { ok: true; strategies: SweepPoint[] } | { ok: false; message: string };

const api = {
  setTraces(tables: Record<string, PodTable>): void {
    traces = new Map(Object.entries(tables));
  },

  runVariant(scenario: unknown): VariantOutcome {
    // Re-validated here: structured cloning keeps the data but the worker trusts nothing it is sent.
    const parsed = safeParseScenario(scenario);
    if (!parsed.ok) return { ok: false, message: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
    try {
      const result = simulate(parsed.scenario, buildWorkload(parsed.scenario, traces));
      return { ok: true, strategies: result.strategies.map((s) => ({ name: s.name, cost: s.cost.total, p95: s.pendingSeconds.p95 })) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  },
};

export type SweepWorkerApi = typeof api;

Comlink.expose(api);
