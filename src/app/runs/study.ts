import type { SimulationResult } from '../../metrics/result.ts';
import { runPoint, seriesBand, strategyBands, type RunPoint, type StrategyBands } from '../../runs/bands.ts';
import { decidePairedVerdict, type PairedVerdict } from '../../verdict/pairedVerdict.ts';
import type { RunSample } from './runsPool.ts';

/** A p5..p95 band of a series, per bucket (cumulative cost) or per quantile (pending CDF). */
export interface SeriesBand {
  p5: Float64Array;
  p95: Float64Array;
}

/** What the results show of a Monte Carlo study: the runs done so far and their spread. */
export interface StudyView {
  /** Runs asked for, and the seeds (run 0 is the scenario's own, the shown result). */
  runs: number;
  seeds: number[];
  /** Runs finished, the shown result's included. */
  done: number;
  /** Per strategy, over the finished runs. */
  bands: StrategyBands[];
  cumulativeCost: SeriesBand[];
  pendingCdf: SeriesBand[];
  /** The verdict over the paired runs, once every run is in. */
  verdict: PairedVerdict | null;
}

/**
 * The study so far from run 0 (the shown result, the scenario's own seed) and the further runs
 * finished (`samples[k]` is run k + 1, undefined while it runs). Strategies are in scenario order
 * in every run.
 */
export function studyView(first: SimulationResult, seeds: number[], samples: ReadonlyArray<RunSample | undefined>): StudyView {
  const finished = samples.filter((s): s is RunSample => s !== undefined);
  const runs = [first.strategies.map((s) => ({ point: runPoint(s), cumulativeCost: s.series.cumulativeCost, pendingCdf: s.pendingCdf })), ...finished.map((s) => s.strategies)];
  const S = first.strategies;
  const pointsOf = (i: number): RunPoint[] => runs.map((r) => r[i].point);
  const band = (series: Float64Array[]): SeriesBand => {
    const b = seriesBand(series);
    return { p5: b.p5, p95: b.p95 };
  };
  const complete = runs.length === seeds.length;
  return {
    runs: seeds.length,
    seeds,
    done: runs.length,
    bands: S.map((_, i) => strategyBands(pointsOf(i))),
    cumulativeCost: S.map((_, i) => band(runs.map((r) => r[i].cumulativeCost))),
    pendingCdf: S.map((_, i) => band(runs.map((r) => r[i].pendingCdf))),
    verdict: complete
      ? decidePairedVerdict(
          runs.map((r) =>
            r.map(({ point }, i) => ({
              name: S[i].name,
              costTotal: point.cost,
              currency: S[i].cost.currency,
              pendingP95: point.pendingP95,
              neverStarted: point.neverStarted,
              podsTotal: point.podsTotal,
              sloViolations: point.sloViolations,
              sloSeconds: S[i].slo.thresholdSeconds,
            })),
          ),
        )
      : null,
  };
}
