import { describe, expect, it } from 'vitest';
import { simulateInParallel } from '../../src/cli/parallelSimulate.ts';
import { simulate } from '../../src/replay/simulate.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { scenarioWith } from '../helpers.ts';

// Issue 17 (whole process): the CLI replays strategies on this thread and on workers at once;
// each strategy is an independent run with its own random stream, so the result is the one
// `simulate` gives in one thread, strategy by strategy, in scenario order.
describe('simulateInParallel: this thread and workers give what one thread gives', () => {
  const rows: Array<[number, number, number, number]> = Array.from({ length: 400 }, (_, i) => [i * 11, 200 + (i % 7) * 90, 500 + (i % 3) * 500, 1024 * (1 + (i % 4))]);
  const scenario = scenarioWith(
    [
      { name: 'pool', kind: 'nodes', nodePool: { instanceTypes: ['m6i.xlarge'], minNodes: 0, maxNodes: 30 } },
      { name: 'serverless', kind: 'serverless', serverless: { preset: 'aws-fargate' } },
      { name: 'mixed', kind: 'mixed', nodePool: { instanceTypes: ['m6i.2xlarge'], minNodes: 1, maxNodes: 5 }, serverless: { preset: 'aws-fargate' } },
    ],
    rows,
  );
  const alone = JSON.stringify(simulate(scenario, buildWorkload(scenario)));

  /** Replays on `jobs` threads; says whether the build was asked for shared memory. */
  async function replayOn(jobs: number): Promise<{ sharedAsked: boolean | undefined; json: string }> {
    let sharedAsked: boolean | undefined;
    const result = await simulateInParallel(
      scenario,
      (shared) => {
        sharedAsked = shared;
        return buildWorkload(scenario, new Map(), undefined, shared);
      },
      jobs,
    );
    return { sharedAsked, json: JSON.stringify(result) };
  }

  for (const jobs of [2, 3]) {
    it(`${jobs} threads, pods built on demand in shared memory`, async () => {
      const { sharedAsked, json } = await replayOn(jobs);
      expect(sharedAsked).toBe(true);
      expect(json).toBe(alone);
    }, 60_000);
  }

  it('one thread builds ordinary (not shared) memory', async () => {
    const { sharedAsked, json } = await replayOn(1);
    expect(sharedAsked).toBe(false);
    expect(json).toBe(alone);
  });
});
