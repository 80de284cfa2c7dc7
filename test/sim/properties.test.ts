import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../../src/scenario/parse.ts';
import { StrategyRun } from '../../src/replay/strategyRun.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { Random } from '../../src/sim/random.ts';
import { POD } from '../../src/models/cluster.ts';
import type { ScenarioInput } from '../../src/scenario/scenario.ts';

/** A random small scenario: random pods, three strategies with random knobs. */
function randomScenario(seed: number): ScenarioInput {
  const rng = new Random(seed, 99);
  const rows: Array<[number, number, number, number, string]> = [];
  const n = 50 + rng.int(400);
  for (let i = 0; i < n; i++) {
    // Bursts: several pods at identical times, to exercise same-time ordering.
    const t = rng.int(20) * 600 + (rng.next() < 0.5 ? 0 : rng.int(300));
    rows.push([t, 30 + rng.int(3000), [250, 500, 1000, 2000, 3500][rng.int(5)], [256, 1024, 2048, 7000][rng.int(4)], rng.next() < 0.3 ? 'batch' : 'web']);
  }
  const delay = () => (rng.next() < 0.5 ? { kind: 'constant' as const, seconds: rng.int(60) } : { kind: 'lognormal' as const, median: 20 + rng.int(60), p95: 100 + rng.int(100) });
  const pool = {
    instanceTypes: [['m6i.large', 'm6i.xlarge', 'c6i.2xlarge'][rng.int(3)], 'm6i.2xlarge'],
    minNodes: rng.int(3),
    maxNodes: 50,
    scoring: rng.next() < 0.5 ? ('LeastAllocated' as const) : ('MostAllocated' as const),
    provisioningDelay: delay(),
    autoscaler: { expander: (['random', 'least-waste', 'most-pods', 'price'] as const)[rng.int(4)], scaleDownUnneededTime: 60 + rng.int(900) },
  };
  return {
    schemaVersion: 1,
    name: `random ${seed}`,
    seed,
    horizon: 60000,
    workload: [{ type: 'trace', name: 'rows', rows }],
    strategies: [
      { kind: 'nodes', name: 'nodes', nodePool: pool },
      { kind: 'serverless', name: 'serverless', serverless: { preset: (['aws-fargate', 'alibaba-eci', 'gke-autopilot'] as const)[rng.int(3)] } },
      {
        kind: 'mixed',
        name: 'mixed',
        nodePool: pool,
        serverless: { preset: 'alibaba-eci' },
        overflow: rng.next() < 0.5 ? { policy: 'normalNodePrefer' } : { policy: 'resourcePolicy', units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { timeout: rng.int(120) } },
        classSelectors: rng.next() < 0.5 ? [{ classes: ['batch'], target: 'serverless' }] : [],
      },
    ],
  };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('simulation properties', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: time never decreases, every pod runs and completes exactly once, cost is the sum of its items`, () => {
      const scenario = parseScenario(randomScenario(seed));
      const pods = buildWorkload(scenario);
      scenario.strategies.forEach((strategy, i) => {
        const run = new StrategyRun(scenario, strategy, pods, i);
        let last = -Infinity;
        let steps = 0;
        while (run.kernel.peek() <= scenario.horizon && run.kernel.step()) {
          expect(run.kernel.now).toBeGreaterThanOrEqual(last);
          last = run.kernel.now;
          steps++;
        }
        const r = run.result();
        expect(r.events).toBe(steps);
        // Pods last at most ~3000 s and arrive before 12,300 s: with a 60,000 s horizon all finish.
        expect(r.pods.total).toBe(pods.count);
        expect(r.pods.completed + r.pods.unschedulable).toBe(pods.count);
        expect(r.pods.onNodes + r.pods.onServerless).toBe(r.pods.started);
        for (let p = 0; p < pods.count; p++) {
          if (run.cluster.state[p] !== POD.unschedulable) expect(run.cluster.state[p]).toBe(POD.done);
        }
        const sum = Object.values(r.cost.items).reduce((a, b) => a + b, 0);
        expect(r.cost.total).toBeCloseTo(sum, 9);
        // The cost series ends at the total.
        expect(r.series.cumulativeCost[r.series.cumulativeCost.length - 1]).toBeCloseTo(r.cost.total, 6);
        expect(r.utilization.cpu).toBeLessThanOrEqual(1 + 1e-9);
      });
    });
  }

  it('a chunked run gives the same result as one run, for any chunk sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 4 }), (chunk, strategyIndex, seed) => {
        const scenario = parseScenario(randomScenario(seed));
        const pods = buildWorkload(scenario);
        const whole = new StrategyRun(scenario, scenario.strategies[strategyIndex], pods, strategyIndex).result();
        const chunked = new StrategyRun(scenario, scenario.strategies[strategyIndex], pods, strategyIndex);
        while (!chunked.advance(chunk).done);
        expect(chunked.result()).toEqual(whole);
      }),
      { numRuns: 12, seed: 42 },
    );
  });

  it('the same scenario and seed give the same result twice', () => {
    const scenario = parseScenario(randomScenario(9));
    const a = new StrategyRun(scenario, scenario.strategies[2], buildWorkload(scenario), 2).result();
    const b = new StrategyRun(scenario, scenario.strategies[2], buildWorkload(scenario), 2).result();
    expect(a).toEqual(b);
  });
});
