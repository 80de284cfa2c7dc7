import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../scenario/scenario.ts';
import { StrategyRun } from '../replay/strategyRun.ts';
import { bandSample } from '../runs/bandRun.ts';
import type { PodTable } from '../workload/podTable.ts';
import type { FromStrategyWorker, ToStrategyWorker } from './parallelSimulate.ts';
import { NodeShapeError } from '../models/nodeShape.ts';
import { WorkloadError } from '../workload/errors.ts';

/** A worker thread of `StrategyPool`: keeps the pieces of work it is given, replays the strategies it is asked for. */
const works = new Map<number, { scenario: Scenario; pods: PodTable }>();
parentPort?.on('message', (m: ToStrategyWorker) => {
  if ('drop' in m) {
    works.delete(m.drop);
    return;
  }
  if ('scenario' in m) {
    works.set(m.work, m);
    return;
  }
  const work = works.get(m.work);
  if (!work) throw new Error('strategy worker: a strategy came before its scenario');
  try {
    if (m.light) {
      const { point } = bandSample(work.scenario, m.strategy, work.pods, false);
      parentPort?.postMessage({ work: m.work, index: m.strategy, point } satisfies FromStrategyWorker);
      return;
    }
    const result = new StrategyRun(work.scenario, work.scenario.strategies[m.strategy], work.pods, m.strategy).result();
    parentPort?.postMessage({ work: m.work, index: m.strategy, result } satisfies FromStrategyWorker);
  } catch (e) {
    // A thread's error reaches the main thread as a plain Error (its class is lost), so the CLI
    // could not tell bad input from a defect and printed a stack trace: send what it was instead.
    const name = e instanceof NodeShapeError ? 'NodeShapeError' : e instanceof WorkloadError ? 'WorkloadError' : 'Error';
    parentPort?.postMessage({ work: m.work, index: m.strategy, error: { name, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } } satisfies FromStrategyWorker);
  }
});
