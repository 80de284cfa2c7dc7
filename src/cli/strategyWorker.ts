import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../scenario/scenario.ts';
import { StrategyRun } from '../replay/strategyRun.ts';
import type { PodTable } from '../workload/podTable.ts';
import type { FromStrategyWorker, ToStrategyWorker } from './parallelSimulate.ts';
import { NodeShapeError } from '../models/nodeShape.ts';
import { WorkloadError } from '../workload/errors.ts';

/** A worker thread of `StrategyPool`: keeps the shared work, replays the strategies it is given. */
let work: { scenario: Scenario; pods: PodTable } | undefined;
parentPort?.on('message', (m: ToStrategyWorker) => {
  if (typeof m !== 'number') {
    work = m;
    return;
  }
  if (!work) throw new Error('strategy worker: a strategy came before the scenario');
  try {
    const result = new StrategyRun(work.scenario, work.scenario.strategies[m], work.pods, m).result();
    parentPort?.postMessage({ index: m, result } satisfies FromStrategyWorker);
  } catch (e) {
    // A thread's error reaches the main thread as a plain Error (its class is lost), so the CLI
    // could not tell bad input from a defect and printed a stack trace: send what it was instead.
    const name = e instanceof NodeShapeError ? 'NodeShapeError' : e instanceof WorkloadError ? 'WorkloadError' : 'Error';
    parentPort?.postMessage({ index: m, error: { name, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } } satisfies FromStrategyWorker);
  }
});
