import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from '../../src/scenario/parse.ts';
import { planSweep, runSweep, SweepSpecError } from '../../src/sweep/index.ts';

const headline = parseScenarioText(readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'online-class-evening-burst.json'), 'utf8'));

describe('planSweep', () => {
  it('sets the swept field in each variant and nothing else', () => {
    const plan = planSweep(headline, [{ path: 'workload.1.podsPerSession', from: 1000, to: 24000, steps: 7 }]);
    expect(plan.params).toEqual([{ path: 'workload.1.podsPerSession', integer: true, values: [1000, 4833, 8667, 12500, 16333, 20167, 24000] }]);
    expect(plan.invalid).toEqual([]);
    expect(plan.variants.map((v) => v.values)).toEqual([[1000], [4833], [8667], [12500], [16333], [20167], [24000]]);
    for (const v of plan.variants) {
      const w = v.scenario.workload[1];
      expect(w.type === 'burst' && w.podsPerSession).toBe(v.values[0]);
      expect({ ...v.scenario, workload: [v.scenario.workload[0], headline.workload[1]] }).toEqual(headline);
    }
  });

  it('sweeps a grid of two parameters, first slowest, through defaults and union branches', () => {
    const plan = planSweep(headline, [
      { path: 'strategies.0.nodePool.autoscaler.scaleDownUnneededTime', from: 60, to: 600, steps: 3 },
      { path: 'strategies.2.overflow.whenTryNextUnits.timeout', from: 30, to: 150, steps: 2 },
    ]);
    expect(plan.params.map((p) => [p.path, p.integer, p.values])).toEqual([
      ['strategies.0.nodePool.autoscaler.scaleDownUnneededTime', false, [60, 330, 600]],
      ['strategies.2.overflow.whenTryNextUnits.timeout', false, [30, 150]],
    ]);
    expect(plan.variants.map((v) => v.values)).toEqual([[60, 30], [60, 150], [330, 30], [330, 150], [600, 30], [600, 150]]);
    const v = plan.variants[3].scenario;
    const s0 = v.strategies[0];
    const s2 = v.strategies[2];
    expect(s0.kind === 'nodes' && s0.nodePool.autoscaler?.scaleDownUnneededTime).toBe(330);
    expect(s2.kind === 'mixed' && s2.overflow.policy === 'resourcePolicy' && s2.overflow.whenTryNextUnits.timeout).toBe(150);
  });

  it('lists variants the schema rejects with the field path, and keeps the rest', () => {
    // maxNodes is 3000 in the headline scenario: minNodes above it is invalid.
    const plan = planSweep(headline, [{ path: 'strategies.0.nodePool.minNodes', from: 0, to: 6000, steps: 3 }]);
    expect(plan.variants.map((v) => v.values)).toEqual([[0], [3000]]);
    expect(plan.invalid).toEqual([{ values: [6000], issues: [{ path: 'strategies.0.nodePool.maxNodes', message: 'must be >= minNodes (6000)' }] }]);
  });

  it.each([
    ['workload.1.podsPerSesion', /workload\.1\.podsPerSesion: no such field \(workload\.1 has type, name, class, imageSizeMiB, sessionStarts, podsPerSession/],
    ['workload.7.podsPerSession', /workload\.7: no such entry \(workload has 2/],
    ['strategies.0.name', /strategies\.0\.name: not a number field/],
    ['strategies.1.serverless.launchRate.perSecond', /launchRate: not set in this scenario/],
    ['strategies.1.nodePool.minNodes', /strategies\.1\.nodePool: no such field/],
    ['', /not a field path/],
  ])('rejects the path %s', (path, message) => {
    expect(() => planSweep(headline, [{ path, from: 1, to: 2, steps: 2 }])).toThrow(SweepSpecError);
    expect(() => planSweep(headline, [{ path, from: 1, to: 2, steps: 2 }])).toThrow(message);
  });
});

describe('runSweep', () => {
  it('sweeps the size of a fixed node pool: cost = nodes x price x hours', () => {
    // A fixed pool of on-premises servers at $0.25 an hour for 6 hours, no control-plane fee, one small pod.
    const scenario = parseScenario({
      schemaVersion: 1,
      name: 'fixed pool',
      horizon: '6h',
      workload: [{ type: 'trace', name: 'one pod', rows: [[60, 600, 500, 512]] }],
      strategies: [
        {
          kind: 'nodes',
          name: 'on-prem',
          controlPlanePerHour: 0,
          nodePool: { instanceTypes: [{ name: 'server', vcpu: 8, memoryGiB: 32, pricePerHour: 0.25 }], minNodes: 1, maxNodes: 100, initialNodes: 1, autoscaler: null },
        },
        { kind: 'serverless', name: 'Fargate', controlPlanePerHour: 0, serverless: { preset: 'aws-fargate' } },
      ],
    });
    const plan = planSweep(scenario, [{ path: 'strategies.0.nodePool.initialNodes', from: 1, to: 9, steps: 5 }]);
    expect(plan.params[0].values).toEqual([1, 3, 5, 7, 9]);
    const rows = runSweep(plan);
    expect(rows.map((r) => r.values[0])).toEqual([1, 3, 5, 7, 9]);
    for (const r of rows) {
      expect(r.strategies.map((s) => s.name)).toEqual(['on-prem', 'Fargate']);
      expect(r.strategies[0].cost).toBeCloseTo(r.values[0] * 0.25 * 6, 9);
    }
    // The serverless strategy does not depend on the node pool: the same cost at every step.
    expect(new Set(rows.map((r) => r.strategies[1].cost)).size).toBe(1);
  });
});
