import { describe, expect, it } from 'vitest';
import { runStrategy, scenarioWith } from '../helpers.ts';

/** 3,500 pods of 1 vCPU / 2 GiB arriving at once, as in the published measurement. */
function burst(pool: object, seed = 42) {
  const rows: Array<[number, number, number, number]> = [];
  for (let i = 0; i < 3500; i++) rows.push([0, 3600, 1000, 2048]);
  return scenarioWith([{ kind: 'nodes', name: 'EKS + cluster-autoscaler', nodePool: { instanceTypes: ['m6i.xlarge'], maxNodes: 3000, ...pool } }], rows, { horizon: 7200, seed });
}

/** When the first and the last pod got Running, seconds. */
function firstAndLast(pool: object, seed = 42): { first: number; last: number; nodes: number } {
  const run = runStrategy(burst(pool, seed));
  const r = run.result();
  const at = run.cluster.firstRunningAt;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < at.length; i++) {
    if (at[i] < first) first = at[i];
    if (at[i] > last) last = at[i];
  }
  return { first, last, nodes: r.nodes.peak };
}

describe('EKS + cluster-autoscaler against Vlad Ionescu, "Scaling containers on AWS in 2022"', () => {
  it('runs all 3,500 pods (1 vCPU / 2 GiB) after 6.5 min +- 20%, the first after about 2.5 min', () => {
    for (const seed of [42, 7, 1234]) {
      const { first, last } = firstAndLast({}, seed);
      expect(last).toBeGreaterThanOrEqual(6.5 * 60 * 0.8);
      expect(last).toBeLessThanOrEqual(6.5 * 60 * 1.2);
      expect(first).toBeGreaterThanOrEqual(2.5 * 60 * 0.8);
      expect(first).toBeLessThanOrEqual(2.5 * 60 * 1.2);
    }
  });
});
