import type { SimulationResult, StrategyResult } from '../metrics/result.ts';
import { simulate } from '../replay/simulate.ts';
import { bandSamples } from '../runs/bandRun.ts';
import { runPoint, strategyBands, type RunPoint } from '../runs/bands.ts';
import { runSeeds } from '../runs/seeds.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { z } from '../scenario/zod.ts';
import { decidePairedVerdict } from '../verdict/pairedVerdict.ts';
import type { VerdictInput } from '../verdict/verdict.ts';
import { buildWorkload } from '../workload/build.ts';
import type { PodTable } from '../workload/podTable.ts';
import { StrategyPool } from './parallelSimulate.ts';
import { makePartial, type PartialResult } from './partial.ts';
import { strategySummary } from './report.ts';
import { shardUnits, type Shard } from './shard.ts';

/**
 * `--runs N`: the scenario replayed with N seeds (its own, then derived ones), every strategy
 * with the same seed within a run. The work units are the runs; each keeps its per-strategy
 * points, and run 0 (the scenario's own seed) also keeps the full summaries, so the document's
 * existing fields mean what they mean without --runs.
 */

/** What every shard of a study plans alike. */
export interface RunsHead {
  scenario: string;
  runs: number;
  seeds: number[];
}

/** One run's result: its seed, a point per strategy, and for run 0 the whole single-run document. */
export interface RunUnit {
  seed: number;
  points: RunPoint[];
  first?: FirstRun;
}

type FirstRun = { horizonSeconds: number; podsAfterHorizon?: number; strategies: Array<ReturnType<typeof strategySummary>> };

export function runsHead(scenario: Scenario, runs: number): RunsHead {
  return { scenario: scenario.name, runs, seeds: runSeeds(scenario.seed, runs) };
}

/**
 * A run's unit. Run 0 replays in full (its summaries are the document's single-run fields); every
 * other run is band-only and comes as its points (the light summary: same numbers, less work).
 */
function unitOf(index: number, seed: number, result: Pick<SimulationResult, 'horizonSeconds' | 'podsAfterHorizon'>, strategies: StrategyResult[] | RunPoint[]): RunUnit {
  if (index !== 0) return { seed, points: strategies as RunPoint[] };
  const full = strategies as StrategyResult[];
  return {
    seed,
    points: full.map(runPoint),
    first: { horizonSeconds: result.horizonSeconds, ...(result.podsAfterHorizon ? { podsAfterHorizon: result.podsAfterHorizon } : {}), strategies: full.map(strategySummary) },
  };
}

/**
 * Replays runs `indices` of the study (on `jobs` worker threads, or in this thread for one).
 * `notice` gets the workload's warnings of the first run computed (every run reads the same
 * sources, so they would repeat).
 */
export async function computeRunUnits(
  scenario: Scenario,
  traces: ReadonlyMap<string, PodTable>,
  head: RunsHead,
  indices: readonly number[],
  jobs: number,
  notice: (message: string) => void = () => {},
): Promise<RunUnit[]> {
  let noticed = false;
  const seeded = indices.map((k) => ({ ...scenario, seed: head.seeds[k] }));
  const podsOf = (sc: Scenario): PodTable => {
    const notes: string[] = [];
    const pods = buildWorkload(sc, traces, notes);
    if (!noticed) notes.forEach(notice);
    noticed = true;
    return pods;
  };
  const horizonOf = (pods: PodTable) => ({ horizonSeconds: scenario.horizon, ...(pods.afterHorizon ? { podsAfterHorizon: pods.afterHorizon } : {}) });
  const threads = Math.min(jobs, indices.length * scenario.strategies.length);
  if (threads <= 1) {
    return seeded.map((sc, j) => {
      const pods = podsOf(sc);
      return unitOf(indices[j], sc.seed, horizonOf(pods), indices[j] === 0 ? simulate(sc, pods).strategies : bandSamples(sc, pods, false).map((b) => b.point));
    });
  }
  const after: Array<ReturnType<typeof horizonOf>> = [];
  const pool = await StrategyPool.borrow(threads);
  try {
    const results = await pool.runStudy(
      seeded.map((sc, j) => ({
        scenario: sc,
        light: indices[j] !== 0,
        pods: () => {
          const pods = podsOf(sc);
          after[j] = horizonOf(pods);
          return pods;
        },
      })),
    );
    return results.map((strategies, j) => unitOf(indices[j], seeded[j].seed, after[j], strategies));
  } finally {
    await pool.release();
  }
}

/** `--runs N --shard i/n`: this shard's runs only, as a partial result. */
export async function runsShard(scenario: Scenario, traces: ReadonlyMap<string, PodTable>, head: RunsHead, shard: Shard, jobs: number, notice?: (m: string) => void): Promise<PartialResult<RunsHead, RunUnit>> {
  const indices = shardUnits(head.runs, shard);
  const units = await computeRunUnits(scenario, traces, head, indices, jobs, notice);
  return makePartial('runs', { scenario, traces }, shard, head.runs, indices, head, units);
}

/** The verdict inputs of one run, named and priced as the first run's summaries. */
function verdictInputs(first: FirstRun, points: readonly RunPoint[]): VerdictInput[] {
  return first.strategies.map((s, i) => ({
    name: s.name,
    costTotal: points[i].cost,
    currency: s.cost.currency,
    pendingP95: points[i].pendingP95,
    neverStarted: points[i].neverStarted,
    podsTotal: points[i].podsTotal,
    sloViolations: points[i].sloViolations,
    sloSeconds: s.slo.thresholdSeconds,
  }));
}

/**
 * The `--json` document from every run's unit, in run order: the first run's document (the
 * single-run fields keep their meaning), each strategy with its `bands`, the study's `runs`, and
 * the verdict over the paired runs. The unsharded command and `spillway merge` both build it here.
 */
export function finishRuns(head: RunsHead, seed: number, units: readonly RunUnit[]): object {
  const first = units[0].first;
  if (!first) throw new Error('monte carlo: run 0 has no summary');
  return {
    scenario: head.scenario,
    horizonSeconds: first.horizonSeconds,
    seed,
    ...(first.podsAfterHorizon ? { podsAfterHorizon: first.podsAfterHorizon } : {}),
    runs: { count: head.runs, seeds: head.seeds },
    strategies: first.strategies.map((s, i) => ({ ...s, bands: strategyBands(units.map((u) => u.points[i])) })),
    verdict: decidePairedVerdict(units.map((u) => verdictInputs(first, u.points))),
  };
}

const finite = z.number().nullable(); // JSON has no Infinity or NaN: they print as null, like the unsharded output

export const RunsHeadSchema = z.object({ scenario: z.string(), runs: z.number().int().min(1), seeds: z.array(z.number().int().nonnegative()) });

const RunPointSchema = z.object({ cost: finite, pendingP95: finite, utilizationCpu: finite, sloViolations: z.number(), neverStarted: z.number(), podsTotal: z.number() });

export const RunUnitSchema = z.object({
  seed: z.number().int().nonnegative(),
  points: z.array(RunPointSchema),
  // The full summaries are the single-run contract; merge passes them through as they are.
  first: z.object({ horizonSeconds: z.number(), podsAfterHorizon: z.number().optional(), strategies: z.array(z.looseObject({ name: z.string(), cost: z.looseObject({ currency: z.string() }), slo: z.looseObject({ thresholdSeconds: z.number() }) })) }).optional(),
});
