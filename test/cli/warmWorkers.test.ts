import { describe, expect, it } from 'vitest';
import { NodeShapeError } from '../../src/models/nodeShape.ts';
import { computeRunUnits, runsHead } from '../../src/cli/monteCarlo.ts';
import { StrategyPool } from '../../src/cli/parallelSimulate.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { scenarioWith } from '../helpers.ts';

// Issue 16 performance: a study borrows the warm worker threads an earlier study in the same
// process gave back. Reuse must not change a result: a worker keeps the pieces it is given under
// a key, and a second study numbers its pieces from 0 again.
describe('warm strategy workers reused across studies', () => {
  const pool = (name: string, instanceType: string) => ({
    name,
    kind: 'nodes' as const,
    nodePool: { instanceTypes: [instanceType], minNodes: 0, maxNodes: 20 },
  });
  const rows: Array<[number, number, number, number]> = Array.from({ length: 60 }, (_, i) => [i * 7, 300 + (i % 5) * 60, 1000, 2048]);
  const scenario = { ...scenarioWith([pool('a', 'm6i.xlarge'), pool('b', 'm6i.2xlarge')], rows), seed: 7 };
  const head = runsHead(scenario, 4);
  const all = head.seeds.map((_, k) => k);

  it('a second and third study on borrowed workers give the same units as one thread', async () => {
    const alone = JSON.stringify(await computeRunUnits(scenario, new Map(), head, all, 1));
    expect(JSON.stringify(await computeRunUnits(scenario, new Map(), head, all, 2))).toBe(alone);
    expect(JSON.stringify(await computeRunUnits(scenario, new Map(), head, all, 2))).toBe(alone);
    // A different study on the same workers: its pieces must not be mistaken for the last study's.
    const other = { ...scenario, seed: 8 };
    const otherHead = runsHead(other, 4);
    expect(JSON.stringify(await computeRunUnits(other, new Map(), otherHead, all, 2))).toBe(JSON.stringify(await computeRunUnits(other, new Map(), otherHead, all, 1)));
  }, 60_000);

  it('after a worker reported an error, the next borrowed pool still gives right results', async () => {
    const bad = scenarioWith([pool('bad', 'm6i.xlarg'), pool('a', 'm6i.xlarge')], rows);
    const borrowed = await StrategyPool.borrow(2);
    await expect(borrowed.runMany([{ scenario: bad, pods: () => buildWorkload(bad) }])).rejects.toBeInstanceOf(NodeShapeError);
    await borrowed.release();
    const alone = JSON.stringify(await computeRunUnits(scenario, new Map(), head, all, 1));
    expect(JSON.stringify(await computeRunUnits(scenario, new Map(), head, all, 2))).toBe(alone);
  }, 60_000);
});
