import { describe, expect, it } from 'vitest';
import { runStrategy, scenarioWith } from '../helpers.ts';
import { planSweep, runSweep, cheapestPerStrategy } from '../../src/sweep/index.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { capacityNotes } from '../../src/metrics/capacityNotes.ts';

const instant = { kind: 'constant', seconds: 0 } as const;

/**
 * Serverless pods billed at $1 per vCPU-hour (memory free), exact sizes, no minimum, instant
 * start: a 1 vCPU pod running one hour is $1 of on-demand usage in the hours it spans.
 */
function serverless(commitment?: { perHour: number; discount: number }) {
  return {
    kind: 'serverless' as const,
    name: 'pods',
    controlPlanePerHour: 0,
    ...(commitment ? { commitment } : {}),
    serverless: {
      preset: 'aws-fargate' as const,
      pricePerVcpuHour: 1,
      pricePerGiBHour: 0,
      sizing: { kind: 'exact' as const },
      podOverheadMiB: 0,
      billing: { granularitySeconds: 1, minimumSeconds: 0 },
      launchRate: null,
      podStart: { sandbox: instant, imagePull: instant },
    },
  };
}

/**
 * A step workload over three hours: two pods through hour 0, one from 0:30 to 1:30, one through
 * hour 2. Usage per hour at on-demand prices: hour 0 $2.5, hour 1 $0.5, hour 2 $1.
 */
const steps: Array<[number, number, number, number]> = [
  [0, 3600, 1000, 1024],
  [0, 3600, 1000, 1024],
  [1800, 3600, 1000, 1024],
  [7200, 3600, 1000, 1024],
];

describe('commitment (Savings Plan per hour)', () => {
  it('bills covered x discounted rate + uncovered x on-demand + unused commitment, hour by hour', () => {
    const s = scenarioWith([serverless({ perHour: 0.6, discount: 0.5 })], steps, { horizon: 3 * 3600 });
    const r = runStrategy(s).result();
    // Hour by hour, commitment c = 0.6, usage u at half price u/2:
    //   hour 0: u/2 = 1.25 > 0.6: uses 0.6, covers 1.2 of the 2.5, 1.3 on demand, nothing unused
    //   hour 1: u/2 = 0.25: covers all 0.5, 0.35 unused
    //   hour 2: u/2 = 0.5: covers all 1.0, 0.1 unused
    const covered = 1.2 + 0.5 + 1.0;
    const uncovered = 1.3;
    const unused = 0.35 + 0.1;
    expect(r.commitment).toBeDefined();
    const c = r.commitment!;
    expect(c.committed).toBeCloseTo(1.8, 9);
    expect(c.used).toBeCloseTo(0.6 + 0.25 + 0.5, 9);
    expect(c.unused).toBeCloseTo(unused, 9);
    expect(c.coveredAtOnDemand).toBeCloseTo(covered, 9);
    expect(c.onDemand).toBeCloseTo(uncovered, 9);
    expect(c.savings).toBeCloseTo(covered - 1.8, 9);
    const bill = covered * 0.5 + uncovered * 1 + unused;
    expect(bill).toBeCloseTo(3.1, 9);
    expect(r.cost.total).toBeCloseTo(bill, 9);
    expect(r.cost.items.commitment).toBeCloseTo(1.8, 9);
    expect(r.cost.items.serverlessCpu).toBeCloseTo(uncovered, 9);
    // Said in a sentence under the table and the verdict.
    expect(capacityNotes(r)).toEqual([
      'pods: the commitment ($0.60/h at 50% off) cost $1.80, $0.45 of it unused; it covered $2.70 of usage at on-demand prices and $1.30 of eligible usage was paid on demand (saving $0.90)',
    ]);
  });

  it('changes nothing but the bill: same pods, same waits, and without it usage is all on demand ($4)', () => {
    const s = scenarioWith([serverless(), { ...serverless({ perHour: 0.6, discount: 0.5 }), name: 'pods + plan' }], steps, { horizon: 3 * 3600 });
    const a = runStrategy(s, 0).result();
    const b = runStrategy(s, 1).result();
    expect(a.cost.total).toBeCloseTo(2.5 + 0.5 + 1, 9);
    expect(a.commitment).toBeUndefined();
    expect(b.pendingSeconds).toEqual(a.pendingSeconds);
    expect(b.cost.total).toBeCloseTo(3.1, 9);
  });

  it('does not cover spot nodes: a pool of spot nodes pays its whole commitment unused', () => {
    const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };
    const s = scenarioWith(
      [
        {
          kind: 'nodes',
          name: 'spot',
          controlPlanePerHour: 0,
          commitment: { perHour: 0.05, discount: 0.3 },
          nodePool: { instanceTypes: [node], minNodes: 2, autoscaler: null, spot: { discount: 0.5, interruptionsPerMonth: 0 } },
        },
      ],
      [],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    // 2 spot nodes at 0.1/h for 2 h = 0.4, plus 2 h of a 0.05/h commitment nothing can use.
    expect(r.cost.items.nodeCompute).toBeCloseTo(0.4, 9);
    expect(r.commitment!.unused).toBeCloseTo(0.1, 9);
    expect(r.cost.total).toBeCloseTo(0.5, 9);
  });

  it('a sweep over the commitment level finds the hand-computed cheapest level (0.5/h)', () => {
    // cost(c) = sum over hours of c + max(0, u - c / (1 - d)), d = 0.5, u = 2.5, 0.5, 1:
    // piecewise linear with kinks at u(1-d) = 1.25, 0.25, 0.5: cost(0) = 4, cost(0.25) = 3.25,
    // cost(0.5) = 1.5 + 1.5 = 3, cost(0.75) = 2.25 + 1 = 3.25, cost(1) = 3 + 0.5 = 3.5, cost(1.25) = 3.75.
    const s = scenarioWith([serverless({ perHour: 0, discount: 0.5 })], steps, { horizon: 3 * 3600 });
    const plan = planSweep(s, [{ path: 'strategies.0.commitment.perHour', from: 0, to: 1.25, steps: 6 }]);
    const rows = runSweep(plan);
    const expected = [4, 3.25, 3, 3.25, 3.5, 3.75];
    rows.forEach((row, i) => expect(row.strategies[0].cost).toBeCloseTo(expected[i], 9));
    const [best] = cheapestPerStrategy(rows);
    expect(best.values).toEqual([0.5]);
    expect(best.cost).toBeCloseTo(3, 9);
    // The pods are the same in every variant.
    expect(buildWorkload(s).count).toBe(4);
  });
});
