/**
 * One run of a Monte Carlo study per call: the scenario (validated by the main thread, as for
 * simulation.worker) replayed with one seed, every strategy alike, each given the light summary
 * (src/replay/summarize.ts `summarizeForBands`). Returns what the bands need:
 * each strategy's point (cost, pending p95, CPU utilization, what the verdict ranks by) and the two
 * series the charts band (cumulative cost per bucket, the pending-time quantile table), with their
 * buffers transferred. src/app/runs/runsPool.ts keeps a few of these warm between studies.
 */
import * as Comlink from 'comlink';
import type { Scenario } from '../src/scenario/scenario.ts';
import { bandSamples } from '../src/runs/bandRun.ts';
import type { RunPoint } from '../src/runs/bands.ts';
import { buildWorkload } from '../src/workload/build.ts';
import type { PodTable } from '../src/workload/podTable.ts';

/** One strategy's share of a run. */
export interface RunSampleStrategy {
  point: RunPoint;
  cumulativeCost: Float64Array;
  pendingCdf: Float64Array;
}

export type RunSampleOutcome = { ok: true; seed: number; strategies: RunSampleStrategy[] } | { ok: false; message: string };

/** Imported trace sources' pods by name, set once per study (every run shares them). */
let traces = new Map<string, PodTable>();

const api = {
  setTraces(tables: Record<string, PodTable>): void {
    traces = new Map(Object.entries(tables));
  },

  runSeed(scenario: Scenario, seed: number): RunSampleOutcome {
    try {
      const seeded = { ...scenario, seed };
      // The light summary: the point and the two banded series, not the whole result (same numbers).
      const strategies = bandSamples(seeded, buildWorkload(seeded, traces), true).map((s) => ({ point: s.point, cumulativeCost: s.cumulativeCost!, pendingCdf: s.pendingCdf! }));
      const buffers = strategies.flatMap((s) => [s.cumulativeCost.buffer, s.pendingCdf.buffer]).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      return Comlink.transfer({ ok: true, seed, strategies }, [...new Set(buffers)]);
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  },
};

export type RunsWorkerApi = typeof api;

Comlink.expose(api);
