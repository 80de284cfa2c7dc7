import { describe, expect, it } from 'vitest';
import { PROVISIONING_STAGES, type ProvisioningStage } from '../../src/metrics/waits.ts';
import { constant, instant, noOverhead, runStrategy, scenarioWith } from '../helpers.ts';

const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };
/** Three pods of a whole node each (4 vCPU), arriving at 1 s: the 10 s scan asks for three nodes. */
const threeWholeNodePods: Array<[number, number, number, number]> = [
  [1, 600, 4000, 1024],
  [1, 600, 4000, 1024],
  [1, 600, 4000, 1024],
];

function expectStages(got: Record<ProvisioningStage, number>, want: Partial<Record<ProvisioningStage, number>>): void {
  for (const k of PROVISIONING_STAGES) expect(got[k], k).toBeCloseTo(want[k] ?? 0, 9);
}

describe('provisioning wait by stage, worked by hand', () => {
  it('a pod waiting only on the RunInstances bucket has all its provisioning seconds in the bucket stage', () => {
    // No node group delay or rate, nodes Ready as soon as created; the cloud's bucket grants one
    // instance per 100 s (burst 1). The 10 s scan asks for two nodes: A's create call passes at
    // 10 s, B's at 110 s. The first pod binds to A at 10 s (no provisioning wait); the second to B
    // at 110 s: 100 s of provisioning, all of it the bucket's.
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'bucket', nodePool: { instanceTypes: [node], overhead: noOverhead, provisioningDelay: instant, provisioning: { launchRate: { burst: 1, perSecond: 0.01 } }, podStart: { sandbox: instant, imagePull: instant } } }],
      threeWholeNodePods.slice(0, 2),
      { horizon: 3600 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.byCause.provisioning).toBeCloseTo(100, 9);
    expectStages(r.waits.provisioningByStage, { cloudApiBucket: 100 });
  });

  it('splits each pod at its node\'s stage times: reaction, launch rate, bucket, startup', () => {
    // Scan at 10 s; the node group starts 20 s later (30 s) and launches one node per 10 s
    // (burst 1): A 30 s, B 40 s, C 50 s; the cloud's bucket grants one per 20 s (burst 1):
    // A 30 s, B 50 s, C 70 s; create + boot + register + Ready take 1 + 2 + 3 + 4 = 10 s:
    // Ready at 40, 60, 80 s. The pods bind in arrival order to A, B, C.
    //   pod 1 [10, 40): reaction 20, startup 10
    //   pod 2 [10, 60): reaction 20, launch rate 10 (30-40), bucket 10 (40-50), startup 10
    //   pod 3 [10, 80): reaction 20, launch rate 20 (30-50), bucket 20 (50-70), startup 10
    const s = scenarioWith(
      [
        {
          kind: 'nodes',
          name: 'stages',
          nodePool: {
            instanceTypes: [node],
            overhead: noOverhead,
            podStart: { sandbox: instant, imagePull: instant },
            provisioning: {
              preset: 'eks-ec2',
              autoscalerLoop: false,
              nodeGroupDelay: constant(20),
              nodeGroupRate: { burst: 1, perSecond: 0.1 },
              launchRate: { burst: 1, perSecond: 0.05 },
              stages: { request: constant(1), boot: constant(2), register: constant(3), ready: constant(4) },
            },
          },
        },
      ],
      threeWholeNodePods,
      { horizon: 3600 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.byCause.provisioning).toBeCloseTo(30 + 50 + 70, 9);
    expectStages(r.waits.provisioningByStage, { nodeGroupReaction: 60, nodeGroupLaunchRate: 30, cloudApiBucket: 30, nodeStartup: 30 });
  });

  it('a pod that waits for room on a node that was already Ready, and one never bound', () => {
    // One node Ready from the start (minNodes 1), a second one asked for takes 1,000 s. Two
    // whole-node pods at 1 s: the first runs 1-101 s; the second waits from the 10 s scan until the
    // first ends and binds at 101 s: 91 s for room on a node Ready since 0. Two more at 495 s (for
    // 1,000 s): the third binds at once; the fourth waits from the 500 s scan to the 600 s horizon,
    // never bound (the second node comes at 1,010 s): 100 s.
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'room', nodePool: { instanceTypes: [node], overhead: noOverhead, minNodes: 1, maxNodes: 2, provisioningDelay: constant(1000), podStart: { sandbox: instant, imagePull: instant } } }],
      [
        [1, 100, 4000, 1024],
        [1, 100, 4000, 1024],
        [495, 1000, 4000, 1024],
        [495, 1000, 4000, 1024],
      ],
      { horizon: 600 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.byCause.nextScan).toBeCloseTo(9 + 5, 9);
    expectStages(r.waits.provisioningByStage, { roomOnReadyNode: 91, notBound: 100 });
  });
});
