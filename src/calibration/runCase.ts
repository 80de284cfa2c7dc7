import { StrategyRun } from '../replay/strategyRun.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { buildWorkload } from '../workload/build.ts';
import { TOLERANCE, type CalibrationCase } from './cases.ts';

/** One calibration case replayed: Spillway's figure next to the published one. */
export interface CalibrationRow {
  case: CalibrationCase;
  spillway: number;
  /** (Spillway - published) / published. */
  error: number;
  withinTolerance: boolean;
}

/** The case's scenario: its pods as inline trace rows (running an hour), its one strategy, seed 1. */
export function caseScenario(c: CalibrationCase): Scenario {
  const every = c.pods.arrivalEvery ?? 0;
  const rows: Array<[number, number, number, number]> = [];
  for (let i = 0; i < c.pods.count; i++) rows.push([i * every, 3600, c.pods.cpuMillicores, c.pods.memoryMiB]);
  return parseScenario({
    schemaVersion: 1,
    name: `calibration: ${c.id}`,
    seed: 1,
    horizon: 7200,
    workload: [{ type: 'trace', name: c.id, rows }],
    strategies: [c.strategy],
  });
}

export function runCase(c: CalibrationCase): CalibrationRow {
  const scenario = caseScenario(c);
  const run = new StrategyRun(scenario, scenario.strategies[0], buildWorkload(scenario), 0);
  // Metrics may read each serverless pod's pull start (`meanImagePull`), which a replay keeps only when asked.
  run.models.serverless?.keepPullStarts();
  run.result();
  const spillway = c.metric(run);
  const error = (spillway - c.published.value) / c.published.value;
  return { case: c, spillway, error, withinTolerance: Math.abs(error) <= TOLERANCE };
}
