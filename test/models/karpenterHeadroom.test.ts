import { describe, expect, it } from 'vitest';
import { constant, noOverhead, runStrategy, scenarioWith } from '../helpers.ts';
import { NODE } from '../../src/models/nodePool.ts';
import type { StrategyRun } from '../../src/replay/strategyRun.ts';
import { hashString, Random } from '../../src/sim/random.ts';
import { headroomNotes } from '../../src/metrics/headroomNotes.ts';

/** One node type with no reservations, so a 2 vCPU placeholder fills a node exactly. */
const small = { name: 'small', vcpu: 2, memoryGiB: 8, pricePerHour: 0.1, maxPods: 10 };
/** One placeholder per node: 2 vCPU, 4 GiB; 3 s from preemption to the real pod's bind. */
const placeholder = { pod: { cpuMillicores: 2000, memoryMiB: 4096 }, preemptionDelay: constant(3) };

function karpenterPool(headroom: object | undefined, extra: object = {}) {
  return {
    kind: 'nodes' as const,
    name: 'karpenter',
    nodePool: {
      instanceTypes: [small],
      overhead: noOverhead,
      podStart: { sandbox: constant(2), imagePull: constant(8) },
      provisioningDelay: constant(100),
      karpenter: { drainDuration: constant(0) },
      ...(headroom ? { headroom: headroom as never } : {}),
      ...extra,
    },
  };
}

const readyNodes = (run: StrategyRun) => {
  const pool = run.models.pool!;
  let n = 0;
  for (let slot = 0; slot < pool.status.length; slot++) if (pool.status[slot] === NODE.ready) n++;
  return n;
};
const placeholdersOnNodes = (run: StrategyRun) => run.models.pool!.headroom!.count.reduce((a, b) => a + b, 0);

describe('warm headroom under Karpenter', () => {
  const burstPod: [number, number, number, number] = [505, 600, 1000, 1024];

  it('launches a node for the pending placeholder and never consolidates it away as empty', () => {
    // The placeholder is pending at 0: the batch closes at 1 s (idle) and launches one small node,
    // Ready at 101 s, which it fills. A node holding a placeholder is not empty to Karpenter (the
    // pause pod is a reschedulable Deployment pod), and it has nowhere else to go: the node stays.
    const run = runStrategy(scenarioWith([karpenterPool({ placeholderPods: 1, ...placeholder })], [[80_000, 60, 100, 100]]));
    run.kernel.run({ until: 50_000 });
    const pool = run.models.pool!;
    expect(pool.launched).toBe(1);
    expect(pool.launchedAt[0]).toBe(1);
    expect(pool.removed).toBe(0);
    expect(readyNodes(run)).toBe(1);
    expect(pool.headroom!.pending).toBe(0);
    expect(placeholdersOnNodes(run)).toBe(1);
  });

  it('a burst pod preempts the placeholder and starts without waiting for a node; Karpenter replaces the placeholder', () => {
    const run = runStrategy(scenarioWith([karpenterPool({ placeholderPods: 1, ...placeholder })], [burstPod]));
    run.kernel.run({ until: 700 });
    const pool = run.models.pool!;
    // The victim went pending at 505 s: a batch at 506 s launches a second node, Ready at 606 s.
    expect(pool.launched).toBe(2);
    expect(pool.launchedAt[1]).toBe(506);
    expect(pool.headroom!.pending).toBe(0);
    expect(placeholdersOnNodes(run)).toBe(1);
    const r = run.result();
    // 3 s preemption delay, 2 s sandbox, 8 s image pull: no node wait.
    expect(r.pendingSeconds.max).toBeCloseTo(3 + 2 + 8, 9);
    expect(r.waits.byCause.preemption).toBeCloseTo(3, 9);
    expect(r.waits.totalSeconds).toBeCloseTo(3 + 2 + 8, 9);
    expect(r.headroom).toMatchObject({ placeholderPods: 1, provisioner: 'karpenter', podsPlacedByPreemption: 1, placeholdersPreempted: 1, placeholdersPendingAtEnd: 0 });
    // Once the pod is done (505 + 13 + 600 = 1,118 s) its node is empty and goes; the headroom stays.
    expect(r.nodes.removed).toBe(1);
    expect(pool.aliveTotal).toBe(1);
    // Without headroom the pod waits for the batch (1 s idle), the node (100 s) and its start (10 s).
    const without = runStrategy(scenarioWith([karpenterPool(undefined)], [burstPod])).result();
    expect(without.pendingSeconds.max).toBeCloseTo(1 + 100 + 2 + 8, 9);
  });

  it('pre-scales by scaling the placeholder Deployment at 18:50: 5 nodes Ready before 19:00, the 19:00 pods start without a node wait', () => {
    // 18:50 = 67,800 s: 5 placeholders pending, one batch at 67,801 s launches 5 small nodes (one
    // 2 vCPU placeholder each), Ready at 67,901 s. At 19:00 (68,400 s) 5 pods of 2 vCPU each preempt
    // one: 3 + 2 + 8 s. At 21:00 the Deployment goes to 0: every node is empty and consolidated away.
    const schedule = [
      { at: '18:50', placeholderPods: 5 },
      { at: '21:00', placeholderPods: 0 },
    ];
    const rows: Array<[number, number, number, number]> = Array.from({ length: 5 }, () => [68_400, 600, 2000, 2048]);
    const run = runStrategy(scenarioWith([karpenterPool({ placeholderPods: 0, ...placeholder, schedule })], rows));
    run.kernel.run({ until: 67_900.5 });
    expect(readyNodes(run)).toBe(0);
    expect(run.models.pool!.launched).toBe(5);
    run.kernel.run({ until: 68_399 });
    expect(readyNodes(run)).toBe(5);
    expect(placeholdersOnNodes(run)).toBe(5);
    const r = run.result();
    expect(r.pendingSeconds.max).toBeCloseTo(3 + 2 + 8, 9);
    expect(r.pendingSeconds.p50).toBeCloseTo(3 + 2 + 8, 9);
    // The 5 victims are wanted until 21:00: Karpenter launches 5 more nodes for them.
    expect(r.nodes.launched).toBe(10);
    expect(r.nodes.removed).toBe(10);
    expect(r.headroom!.schedule).toEqual([
      { at: 67_800, placeholderPods: 5 },
      { at: 75_600, placeholderPods: 0 },
    ]);
    expect(headroomNotes(r)).toEqual([
      'karpenter: warm headroom of 0 placeholder pods (scaled to 5 at 18:50, 0 at 21:00): 5 pods took their room without waiting for a node (5 placeholders preempted, then replaced by Karpenter)',
    ]);
  });

  it('the same placeholder schedule pre-scales under cluster-autoscaler (its scan at 18:50 sees 5 pending placeholders)', () => {
    const schedule = [{ at: '18:50', placeholderPods: 5 }];
    const pool = {
      kind: 'nodes' as const,
      name: 'ca',
      nodePool: { instanceTypes: [small], overhead: noOverhead, podStart: { sandbox: constant(2), imagePull: constant(8) }, provisioningDelay: constant(100), headroom: { placeholderPods: 0, ...placeholder, schedule } },
    };
    const run = runStrategy(scenarioWith([pool], [[68_400, 600, 2000, 2048]]));
    // The scan runs every 10 s from 0: the one at 67,800 s asks for 5 nodes, Ready at 67,900 s.
    run.kernel.run({ until: 67_900.5 });
    expect(readyNodes(run)).toBe(5);
    expect(run.result().pendingSeconds.max).toBeCloseTo(3 + 2 + 8, 9);
  });

  it('refuses a scheduled minimum size under Karpenter, naming the field and the way to pre-scale', () => {
    expect(() => scenarioWith([karpenterPool(undefined, { schedule: [{ at: '18:50', minNodes: 5 }] })], [burstPod])).toThrow(
      /strategies\.0\.nodePool\.schedule: karpenter has no minimum size to schedule: pre-scale by scaling the placeholder Deployment instead \(headroom\.schedule\)/,
    );
  });
});

describe('placeholders on a reclaimed spot node', () => {
  it('go pending when the provider reclaims the node (they do not vanish)', () => {
    // A fixed pool of one spot node holding the placeholder; interruptions at 720 per 730 h month.
    const MONTH = 730 * 3600;
    const notice = new Random(42, hashString('spot nodes')).exponential(720 / MONTH);
    const pool = {
      kind: 'nodes' as const,
      name: 'spot',
      nodePool: {
        instanceTypes: [small],
        minNodes: 1,
        autoscaler: null,
        overhead: noOverhead,
        podStart: { sandbox: constant(2), imagePull: constant(8) },
        spot: { discount: 0.5, interruptionsPerMonth: 720 },
        headroom: { placeholderPods: 1, ...placeholder },
      },
    };
    const run = runStrategy(scenarioWith([pool], [[80_000, 60, 100, 100]], { seed: 42, horizon: 86_400 }));
    run.kernel.run({ until: notice - 1 });
    expect(placeholdersOnNodes(run)).toBe(1);
    run.kernel.run({ until: notice + 600 });
    expect(run.models.pool!.aliveTotal).toBe(0);
    expect(placeholdersOnNodes(run)).toBe(0);
    expect(run.models.pool!.headroom!.pending).toBe(1);
  });
});
