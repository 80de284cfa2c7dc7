import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../scenario/scenario.ts';
import { StrategyRun } from '../sim/strategyRun.ts';
import type { PodTable } from '../workload/podTable.ts';
import type { ToStrategyWorker } from './parallelSimulate.ts';

/** A worker thread of `StrategyPool`: keeps the shared work, replays the strategies it is given. */
let work: { scenario: Scenario; pods: PodTable } | undefined;
parentPort?.on('message', (m: ToStrategyWorker) => {
  if (typeof m !== 'number') {
    work = m;
    return;
  }
  if (!work) throw new Error('strategy worker: a strategy came before the scenario');
  const result = new StrategyRun(work.scenario, work.scenario.strategies[m], work.pods, m).result();
  parentPort?.postMessage({ index: m, result });
});
