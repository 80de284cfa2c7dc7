import { describe, expect, it } from 'vitest';
import { NodeShapeError } from '../../src/models/nodeShape.ts';
import { simulateInParallel } from '../../src/cli/parallelSimulate.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { scenarioWith, instant } from '../helpers.ts';

// Issue 18 item 3: an error thrown inside a strategy worker thread reached the main thread as a
// plain Error, so the CLI could not tell bad input (exit 2, one line) from a defect (stack trace).
// The CLI now checks node shapes before it starts threads; this checks the threads themselves.
describe('strategy worker threads report bad input as the same error class as one thread', () => {
  const nodes = (instanceType: string) => ({
    name: `pool ${instanceType}`,
    kind: 'nodes' as const,
    nodePool: { instanceTypes: [instanceType], minNodes: 1, maxNodes: 2, provisioningDelay: instant },
  });
  const scenario = scenarioWith([nodes('m6i.xlarg'), nodes('m6i.large')], [[0, 60, 500, 512]]);
  const pods = buildWorkload(scenario);

  it('one thread: NodeShapeError', async () => {
    await expect(simulateInParallel(scenario, pods, 1)).rejects.toBeInstanceOf(NodeShapeError);
  });

  it('two threads: NodeShapeError with the same message', async () => {
    const one = await simulateInParallel(scenario, pods, 1).catch((e: Error) => e.message);
    const error = await simulateInParallel(scenario, pods, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeShapeError);
    expect((error as Error).message).toBe(one);
  }, 60_000);

  it('two threads, the bad strategy on the calling thread: NodeShapeError with the same message', async () => {
    // Tasks are handed out in scenario order among equal kinds: the worker takes the first, this
    // thread the second, so here the bad pool is replayed on the calling thread.
    const swapped = scenarioWith([nodes('m6i.large'), nodes('m6i.xlarg')], [[0, 60, 500, 512]]);
    const one = await simulateInParallel(swapped, buildWorkload(swapped), 1).catch((e: Error) => e.message);
    const error = await simulateInParallel(swapped, buildWorkload(swapped), 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeShapeError);
    expect((error as Error).message).toBe(one);
  }, 60_000);
});
