import { describe, expect, it } from 'vitest';
import { WAIT_CAUSES, type WaitCause } from '../../src/metrics/waits.ts';
import { constant, instant, noOverhead, runStrategy, scenarioWith } from '../helpers.ts';

const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };

/** byCause with every cause 0 except the ones given. */
function only(causes: Partial<Record<WaitCause, number>>): Record<WaitCause, number> {
  return Object.fromEntries(WAIT_CAUSES.map((c) => [c, causes[c] ?? 0])) as Record<WaitCause, number>;
}

function expectCauses(got: Record<WaitCause, number>, want: Partial<Record<WaitCause, number>>): void {
  for (const [c, v] of Object.entries(only(want))) expect(got[c as WaitCause], c).toBeCloseTo(v, 6);
}

describe('wait causes, worked by hand', () => {
  it('a burst held back only by the launch limit is 100% launch throttling, to the second', () => {
    // 1,000 pods at 100 s on ECI with its token bucket (burst 100, 20/s) and an instant start.
    // The first 100 launch at once; pod k >= 100 launches (k - 99) / 20 s later. Throttled
    // seconds: sum over j = 1..900 of j / 20 = 900 x 901 / 2 / 20 = 20,272.5 s.
    const rows: Array<[number, number, number, number]> = Array.from({ length: 1000 }, () => [100, 600, 1000, 2048]);
    const s = scenarioWith(
      [{ kind: 'serverless', name: 'ECI', serverless: { preset: 'alibaba-eci', launchRate: { burst: 100, perSecond: 20 }, podStart: { sandbox: instant, imagePull: instant } } }],
      rows,
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.totalSeconds).toBeCloseTo(20272.5, 6);
    expectCauses(r.waits.byCause, { launchThrottle: 20272.5 });
  });

  it("a single pod's next-scan wait is the time to the next cluster-autoscaler scan", () => {
    // Scans every 10 s from 0: a pod arriving at 23 s waits 7 s for the 30 s scan, which asks for
    // a node; the node is Ready 60 s later (90 s), the pod's sandbox takes 3 s and its image 5 s:
    // Running at 98 s. 7 s next scan, 60 s provisioning, 3 s sandbox, 5 s image pull (75 s in all).
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'CA', nodePool: { instanceTypes: [node], overhead: noOverhead, minNodes: 0, provisioningDelay: constant(60), podStart: { sandbox: constant(3), imagePull: constant(5) }, autoscaler: { scanInterval: 10 } } }],
      [[23, 600, 1000, 1024]],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.totalSeconds).toBeCloseTo(75, 9);
    expectCauses(r.waits.byCause, { nextScan: 7, provisioning: 60, sandbox: 3, imagePull: 5 });
  });

  it('a pod whose scale-up maxNodes stopped waits on the limit until it runs', () => {
    // maxNodes 1; two 3-vCPU pods (one per 4-vCPU node) arrive at 5 s for 100 s. The 10 s scan
    // wants 2 nodes and may launch 1: the younger pod is blocked. The node is Ready at 70 s; the
    // older pod runs there 70-170 s (instant start); the younger one binds and runs at 170 s.
    // Older: 5 s next scan + 60 s provisioning. Younger: 5 s next scan + 160 s limit.
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'capped', nodePool: { instanceTypes: [node], overhead: noOverhead, maxNodes: 1, provisioningDelay: constant(60), podStart: { sandbox: instant, imagePull: instant } } }],
      [
        [5, 100, 3000, 1024],
        [5, 100, 3000, 1024],
      ],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.totalSeconds).toBeCloseTo(65 + 165, 9);
    expectCauses(r.waits.byCause, { nextScan: 10, provisioning: 60, limit: 160 });
  });

  it('a fixed pool (no autoscaler) that is full: the wait is the limit, to the horizon for a pod that never starts', () => {
    // One node holds one 3-vCPU pod; the second pod arrives at 10 s and waits until the first ends
    // at 5000 s, past the 2000 s horizon: 1990 s on the limit.
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'fixed', nodePool: { instanceTypes: [node], overhead: noOverhead, minNodes: 1, autoscaler: null, podStart: { sandbox: instant, imagePull: instant } } }],
      [
        [0, 5000, 3000, 1024],
        [10, 5000, 3000, 1024],
      ],
      { horizon: 2000 },
    );
    const r = runStrategy(s).result();
    expectCauses(r.waits.byCause, { limit: 1990 });
  });

  it('a pod the overflow timeout moves to serverless waited the timeout for it', () => {
    // No nodes, node provisioning 600 s; ResourcePolicy moves a pod after 30 s pending. The pod
    // arrives at 5 s, moves at 35 s and starts on serverless at once (no launch limit, instant
    // start): its 30 s are the timeout's, though the scan at 10 s asked for a node meanwhile.
    const s = scenarioWith(
      [
        {
          kind: 'mixed',
          name: 'overflow',
          nodePool: { instanceTypes: [node], overhead: noOverhead, minNodes: 0, provisioningDelay: constant(600) },
          serverless: { preset: 'alibaba-eci', launchRate: null, podStart: { sandbox: instant, imagePull: instant } },
          overflow: { policy: 'resourcePolicy', units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax', timeout: 30 } },
        },
      ],
      [[5, 100, 1000, 1024]],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.waits.totalSeconds).toBeCloseTo(30, 9);
    expectCauses(r.waits.byCause, { overflowTimeout: 30 });
  });

  it('a pod that fits nowhere is unschedulable from its arrival to the horizon', () => {
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'small nodes', nodePool: { instanceTypes: [node], overhead: noOverhead } }],
      [[100, 60, 64000, 1024]],
      { horizon: 1000 },
    );
    const r = runStrategy(s).result();
    expectCauses(r.waits.byCause, { unschedulable: 900 });
  });
});

describe('wait ledger: starts taken back', () => {
  it('a serverless pod reclaimed while it starts keeps its throttled time, the rest of its start becomes interruption', async () => {
    const { WaitLedger, CAUSE } = await import('../../src/metrics/waits.ts');
    const l = new WaitLedger(1, 1000);
    // Asked at 10, token at 30, sandbox to 35, image to 50; reclaimed at 40, relaunched at once:
    // token at 40, sandbox to 42, image to 45. Pending 10..45 = 35 s: 20 throttled, 10 interrupted
    // (30..40), 2 sandbox, 3 image.
    l.launchServerless(0, 10, 30, 35, 50);
    l.interrupt(0, 40, 50);
    l.launchServerless(0, 40, 40, 42, 45);
    l.settle();
    expect([...l.seconds]).toEqual(WAIT_CAUSES.map((c) => ({ launchThrottle: 20, interruption: 10, sandbox: 2, imagePull: 3 })[c as string] ?? 0));
    expect(l.seconds[CAUSE.interruption]).toBe(10);
  });
});
