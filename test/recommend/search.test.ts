import { describe, expect, it } from 'vitest';
import type { RunPoint } from '../../src/runs/bands.ts';
import { recommend, type Evaluator } from '../../src/recommend/search.ts';
import { strategyKnobs } from '../../src/recommend/knobs.ts';
import { scenarioWith } from '../helpers.ts';

/** One autoscaled pool (minNodes 0..100, custom type: no instance-type knob), SLO 60 s. */
const pool = { kind: 'nodes' as const, name: 'pool', nodePool: { instanceTypes: [{ name: 'box', vcpu: 8, memoryGiB: 32, pricePerHour: 1 }], minNodes: 0, maxNodes: 100 } };
const scenario = scenarioWith([pool], [[0, 60, 500, 512]], { slo: { pendingSeconds: 60 } });

const point = (cost: number, pendingP95: number): RunPoint => ({ cost, pendingP95, utilizationCpu: 0.5, sloViolations: 0, neverStarted: 0, podsTotal: 1 });

/** An analytic model: each baseline node costs $10, and pending p95 = 100 - minNodes seconds (so 40 nodes is the least that meets 60 s). */
const model: Evaluator = async (items) =>
  items.map(({ scenario: sc }) => {
    const s = sc.strategies[0] as typeof scenario.strategies[number] & { nodePool: { minNodes: number } };
    return point(10 * s.nodePool.minNodes, Math.max(0, 100 - s.nodePool.minNodes));
  });

describe('recommend', () => {
  it('finds the least baseline that meets the SLO by bisection: 40 nodes, $400 (analytic model)', async () => {
    expect(strategyKnobs(scenario.strategies[0]).map((k) => k.id)).toEqual(['minNodes']);
    const r = await recommend(scenario, { runs: 10, evaluate: model });
    // Coarse grid 0, 13, 25, 50, 75, 100: 50 is the cheapest that meets; bisection between 25 and 50
    // stops within 1% of the value (1 node): 40 meets (p95 60 s <= 60 s), 39 does not (61 s).
    expect(r.recommendation).toEqual({ strategy: 'pool', changes: { 'strategies.0.nodePool.minNodes': 40 }, cost: 400, pendingP95: 60, meetsSloShare: 1 });
  });

  it('a setup that meets the SLO in 17 of 20 runs (85%) is not recommended', async () => {
    // Every configuration misses the SLO in the first 3 of every 20 replays: 17 of 20 runs meet it.
    let k = 0;
    const flaky: Evaluator = async (items) => items.map(() => point(5, k++ % 20 < 3 ? 120 : 10));
    const r = await recommend(scenario, { runs: 20, screenRuns: 20, evaluate: flaky });
    expect(r.recommendation).toBeNull();
    expect(r.strategies[0].best).toBeNull();
  });

  it('a strategy that already meets the SLO is recommended with no changes', async () => {
    const fine: Evaluator = async (items) => items.map(({ scenario: sc }) => point(1 + (sc.strategies[0] as { nodePool: { minNodes: number } }).nodePool.minNodes, 5));
    const r = await recommend(scenario, { runs: 10, evaluate: fine });
    expect(r.recommendation).toMatchObject({ strategy: 'pool', changes: {}, cost: 1, meetsSloShare: 1 });
  });

  it('a pod that never starts fails the SLO whatever its p95 says', async () => {
    const stuck: Evaluator = async (items) => items.map(() => ({ ...point(1, 5), neverStarted: 1 }));
    expect((await recommend(scenario, { runs: 10, evaluate: stuck })).recommendation).toBeNull();
  });
});

describe('recommend knobs', () => {
  it('offers the knobs on main where the strategy has them: minimum nodes, overflow timeout, instance type, commitment', () => {
    const mixed = scenarioWith(
      [
        {
          kind: 'mixed',
          name: 'mixed',
          commitment: { perHour: 10, discount: 0.3 },
          nodePool: { instanceTypes: ['m6i.xlarge'], minNodes: 2, maxNodes: 10 },
          serverless: { preset: 'aws-fargate' },
          overflow: { policy: 'resourcePolicy', units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax', timeout: 60 } },
        },
      ],
      [[0, 60, 500, 512]],
    );
    const knobs = strategyKnobs(mixed.strategies[0]);
    expect(knobs.map((k) => [k.id, k.path, k.coarse])).toEqual([
      // 2 + (10 - 2) x {0, 1/8, 1/4, 1/2, 3/4, 1} = 2, 3, 4, 6, 8, 10
      ['minNodes', 'nodePool.minNodes', [2, 3, 4, 6, 8, 10]],
      ['overflowTimeout', 'overflow.whenTryNextUnits.timeout', [0, 30, 60, 180]],
      // The m6i family by size: large, xlarge (today), 2xlarge.
      ['instanceType', 'nodePool.instanceTypes', [['m6i.large'], ['m6i.xlarge'], ['m6i.2xlarge']]],
      ['commitment', 'commitment.perHour', [0, 5, 10, 15, 20]],
    ]);
    // Serverless alone has none of them (unless it has a commitment).
    expect(strategyKnobs({ kind: 'serverless', name: 's', controlPlanePerHour: 0, fixedCosts: [], serverless: mixed.strategies[0].kind === 'mixed' ? mixed.strategies[0].serverless : (undefined as never) })).toEqual([]);
  });
});
