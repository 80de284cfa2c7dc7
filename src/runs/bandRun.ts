import { StrategyRun } from '../replay/strategyRun.ts';
import { summarizeForBands, type BandSample } from '../replay/summarize.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { PodTable } from '../workload/podTable.ts';

/**
 * A band-only run of a Monte Carlo study (every run but the shown one): each strategy replayed
 * like `simulate` does, then given the light summary, which keeps only what the bands and the
 * paired verdict use (with `series`, the two series the app's charts band). Same numbers as the
 * full result's; less work per run, and less to send between threads.
 */
export function bandSample(scenario: Scenario, strategy: number, pods: PodTable, series: boolean): BandSample {
  return summarizeForBands(new StrategyRun(scenario, scenario.strategies[strategy], pods, strategy).finishAtHorizon(), series);
}

/** Every strategy of the scenario, in scenario order, as `bandSample`. */
export function bandSamples(scenario: Scenario, pods: PodTable, series: boolean): BandSample[] {
  return scenario.strategies.map((_, i) => bandSample(scenario, i, pods, series));
}
