import type { SimulationResult } from '../metrics/result.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { PodTable } from '../workload/podTable.ts';
import { StrategyRun } from './strategyRun.ts';

export interface Progress {
  /** Strategy being simulated (index into scenario.strategies). */
  strategy: number;
  /** Overall share done, 0..1. */
  fraction: number;
  events: number;
}

/**
 * Replays the workload on every strategy of the scenario, one after another, in chunks of
 * `chunkSteps` events; `onProgress` is called between chunks (return false to stop early,
 * which throws CancelledError).
 */
export function simulate(
  scenario: Scenario,
  pods: PodTable,
  options: { chunkSteps?: number; onProgress?: (p: Progress) => boolean | void } = {},
): SimulationResult {
  const chunk = options.chunkSteps ?? 200_000;
  const n = scenario.strategies.length;
  const strategies = scenario.strategies.map((strategy, i) => {
    const run = new StrategyRun(scenario, strategy, pods, i);
    for (;;) {
      const status = run.advance(chunk);
      if (options.onProgress && options.onProgress({ strategy: i, fraction: (i + run.progress) / n, events: status.steps }) === false) {
        throw new CancelledError();
      }
      if (status.done) break;
    }
    return run.result();
  });
  return { scenario: scenario.name, horizonSeconds: scenario.horizon, seed: scenario.seed, strategies, ...(pods.afterHorizon ? { podsAfterHorizon: pods.afterHorizon } : {}) };
}

export class CancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'CancelledError';
  }
}
