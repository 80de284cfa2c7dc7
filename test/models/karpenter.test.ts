import { describe, expect, it } from 'vitest';
import { constant, noOverhead, runStrategy, scenarioWith } from '../helpers.ts';
import type { StrategyRun } from '../../src/replay/strategyRun.ts';

/** Node types with no reservations, so pod room is exactly the capacity. */
const small = { name: 'small', vcpu: 2, memoryGiB: 8, pricePerHour: 0.1, maxPods: 10 };
const medium = { name: 'medium', vcpu: 4, memoryGiB: 16, pricePerHour: 0.19, maxPods: 10 };
const large = { name: 'large', vcpu: 8, memoryGiB: 32, pricePerHour: 0.4, maxPods: 10 };

function karpenterPool(karpenter: object = {}, extra: object = {}) {
  return {
    kind: 'nodes' as const,
    name: 'karpenter',
    nodePool: {
      instanceTypes: [large, small, medium],
      overhead: noOverhead,
      podStart: { sandbox: constant(2), imagePull: constant(8) },
      provisioningDelay: constant(100),
      karpenter: { drainDuration: constant(0), ...karpenter },
      ...extra,
    },
  };
}

/** Names of the types launched so far, in launch order (slots are handed out in order while none is freed). */
function launchedTypes(run: StrategyRun): string[] {
  const pool = run.models.pool!;
  return Array.from({ length: pool.launched }, (_, slot) => pool.shapes[pool.type[slot]].name);
}

describe('Karpenter provisioning', () => {
  it('launches the cheapest type that fits the batch: 3 pods of 1 vCPU need 3 vCPU, medium ($0.19) is the cheapest with 4', () => {
    const rows: Array<[number, number, number, number]> = [
      [0, 3600, 1000, 1024],
      [0, 3600, 1000, 1024],
      [0, 3600, 1000, 1024],
    ];
    const run = runStrategy(scenarioWith([karpenterPool()], rows));
    const r = run.result();
    expect(launchedTypes(run)).toEqual(['medium']);
    // Batch closes 1 s after the last pod (idle), node Ready 100 s later, 2 s sandbox + 8 s pull.
    expect(r.pendingSeconds.max).toBeCloseTo(1 + 100 + 10, 9);
  });

  it('fills a NodeClaim until no type holds more, then opens another: 10 pods of 1 vCPU = large (8) + small (2)', () => {
    const rows: Array<[number, number, number, number]> = Array.from({ length: 10 }, () => [0, 3600, 1000, 1024]);
    const run = runStrategy(scenarioWith([karpenterPool()], rows));
    run.kernel.run({ until: 50 });
    expect(launchedTypes(run)).toEqual(['large', 'small']);
    expect(run.models.pool!.launchedAt[0]).toBe(1);
  });

  it('extends the batch window while pods keep coming within 1 s, and closes it after 1 s idle', () => {
    // Pods at 0, 0.5 and 1.2 s: the window closes at 1.2 + 1 = 2.2 s.
    const rows: Array<[number, number, number, number]> = [
      [0, 3600, 1000, 1024],
      [0.5, 3600, 1000, 1024],
      [1.2, 3600, 1000, 1024],
    ];
    const run = runStrategy(scenarioWith([karpenterPool()], rows));
    run.kernel.run({ until: 50 });
    expect(run.models.pool!.launched).toBe(1);
    expect(run.models.pool!.launchedAt[0]).toBeCloseTo(2.2, 9);
  });

  it('closes a window at 10 s however fast pods keep coming; the pods after it go in the next batch', () => {
    // A pod every 0.5 s from 0 to 15 s. One type holding 21 pods: the first window (0..10 s, the
    // pod at 10 s included: arrivals come before the batch at the same instant) has 21 pods and
    // launches one node at 10 s; the next window opens at 10.5 s and closes 1 s after the last pod,
    // at 16 s, launching a node for the other 10.
    const one = { name: 'one', vcpu: 64, memoryGiB: 256, pricePerHour: 1, maxPods: 21 };
    const rows: Array<[number, number, number, number]> = [];
    for (let t = 0; t <= 15; t += 0.5) rows.push([t, 3600, 1000, 1024]);
    const run = runStrategy(scenarioWith([karpenterPool({}, { instanceTypes: [one] })], rows));
    run.kernel.run({ until: 60 });
    const pool = run.models.pool!;
    expect(pool.launched).toBe(2);
    expect([pool.launchedAt[0], pool.launchedAt[1]]).toEqual([10, 16]);
    // The first pod waits for the first node: Ready at 110 s, then 2 s sandbox and 8 s pull.
    expect(run.result().pendingSeconds.max).toBeCloseTo(120, 9);
  });

  it('stops launching at the NodePool cpu limit: 12 pods of 1 vCPU, 4 vCPU nodes, limit 8 vCPU = 2 nodes, 4 pods wait for room', () => {
    const rows: Array<[number, number, number, number]> = Array.from({ length: 12 }, () => [0, 1000, 1000, 1024]);
    const run = runStrategy(scenarioWith([karpenterPool({ limits: { cpu: 8 } }, { instanceTypes: [medium] })], rows));
    const r = run.result();
    expect(run.models.pool!.launched).toBe(2);
    // 8 pods: batch at 1 s, Ready at 101 s, Running at 111 s, done at 1111 s; the other 4 take
    // their places then and wait only for their sandbox (the image is on the node): Running at 1113 s.
    expect(r.pendingSeconds.max).toBeCloseTo(1113, 9);
    // The 4 wait on the limit from the batch that could not launch for them (1 s) until they bind
    // at 1111 s: 4 x 1110 pod-seconds, the same seconds the wait breakdown charges to the limit.
    expect(r.limits.nodePoolCpu).toEqual({ value: 8, podsWaited: 4, podSeconds: 4 * 1110 });
    expect(r.waits.byCause.limit).toBeCloseTo(4 * 1110, 9);
  });
});

describe('Karpenter disruption', () => {
  it('removes an empty node consolidateAfter after its last pod left (WhenEmpty), at the next disruption loop plus 15 s validation', () => {
    // Pod Running 1 + 100 + 10 = 111 s, done at 3711 s. consolidateAfter 60 s: consolidatable from
    // 3771 s; the loop runs every 10 s from 0, so at 3780 s; validated and deleted 15 s later.
    const r = runStrategy(scenarioWith([karpenterPool({ consolidationPolicy: 'WhenEmpty', consolidateAfter: 60 }, { instanceTypes: [medium] })], [[0, 3600, 1000, 1024]])).result();
    expect(r.nodes.removed).toBe(1);
    expect(r.cost.items.nodeCompute).toBeCloseTo(((3795 - 1) * 0.19) / 3600, 9);
  });

  it('keeps an empty node while consolidateAfter is "Never"', () => {
    const r = runStrategy(scenarioWith([karpenterPool({ consolidateAfter: 'Never' }, { instanceTypes: [medium] })], [[0, 3600, 1000, 1024]], { horizon: 7200 })).result();
    expect(r.nodes.removed).toBe(0);
    expect(r.cost.items.nodeCompute).toBeCloseTo(((7200 - 1) * 0.19) / 3600, 9);
  });

  it('consolidates underutilized nodes by moving their pods, never more at once than the 10% budget (rounded up)', () => {
    // 20 nodes of 4 slots, one long pod on each (LeastAllocated spreads them). 20 pods need 5
    // nodes. Every command is validated 15 s after the loop that found it; the next loop runs at
    // once, so one command per 15 s, each taking ceil(10% x nodes) nodes: 2 while 11..20 nodes
    // remain, then 1, down to 5.
    const rows: Array<[number, number, number, number]> = Array.from({ length: 20 }, () => [0, 86_000, 1000, 1024]);
    const run = runStrategy(scenarioWith([karpenterPool({}, { instanceTypes: [medium], initialNodes: 20 })], rows));
    const removedAt: number[] = [];
    for (let k = 1; k <= 12; k++) {
      run.kernel.run({ until: 15 * k + 1 });
      removedAt.push(run.models.pool!.removed);
    }
    expect(removedAt).toEqual([2, 4, 6, 8, 10, 11, 12, 13, 14, 15, 15, 15]);
    const r = run.result();
    expect(r.pods.completed).toBe(20);
    expect(r.pods.evictions).toBeGreaterThanOrEqual(15);
  });

  it('replaces a large node holding 3 pods of 1 vCPU with the cheapest type that holds them (medium), Ready before it is drained', () => {
    // One large node ($0.40) with 3 pods, nowhere else to go: small (2 vCPU) cannot hold them,
    // medium ($0.19 < $0.40) can. The loop at 0 s finds it, validation at 15 s launches the
    // medium, Ready at 115 s; only then is the large node drained and deleted.
    const rows: Array<[number, number, number, number]> = Array.from({ length: 3 }, () => [0, 7200, 1000, 1024]);
    const run = runStrategy(scenarioWith([karpenterPool({}, { initialNodes: 1 })], rows));
    run.kernel.run({ until: 114 });
    expect(run.models.pool!.removed).toBe(0);
    expect(launchedTypes(run)).toEqual(['large', 'medium']);
    run.kernel.run({ until: 116 });
    const pool = run.models.pool!;
    expect(pool.removed).toBe(1);
    expect(pool.podCount[1]).toBe(3);
    expect(run.models.karpenter!.disrupted.replacements).toBe(1);
    expect(run.result().pods.evictions).toBe(3);
  });

  it('replaces a node at expireAfter: its pod is evicted, a new node is launched, the pod reruns what it still owed', () => {
    // One initial node; a 5400 s pod Running at 10 s. At 3600 s the node expires: the pod has run
    // 3590 s and owes 1810 s. The eviction opens a batch (closes at 3601 s), the new node is
    // Ready at 3701 s, the pod Running at 3711 s (new node: pull again), done at 5521 s. The empty
    // node goes at the loop at 5530 s + 15 s validation.
    const run = runStrategy(scenarioWith([karpenterPool({ expireAfter: '1h' }, { instanceTypes: [medium], initialNodes: 1 })], [[0, 5400, 1000, 1024]]));
    const r = run.result();
    expect(r.pods.evictions).toBe(1);
    expect(r.nodes.launched).toBe(2);
    expect(r.nodes.removed).toBe(2);
    expect(run.models.karpenter!.disrupted.expired).toBe(1);
    expect(r.cost.items.nodeCompute).toBeCloseTo(((3600 + (5545 - 3601)) * 0.19) / 3600, 9);
    expect(r.pods.completed).toBe(1);
  });
});

describe('Karpenter schema', () => {
  it('refuses cluster-autoscaler settings next to karpenter, naming the field', () => {
    expect(() => scenarioWith([karpenterPool({}, { autoscaler: { scanInterval: 5 } })], [[0, 60, 100, 100]])).toThrow(/autoscaler: karpenter provisions this pool/);
  });
});

describe('Karpenter wait attribution', () => {
  it('charges every pending second to one cause, the time before the batch closes to nextScan', () => {
    // 3 pods at 0 s: the batch closes at 1 s (nextScan 1 s each), node Ready at 101 s
    // (provisioning 100 s each), then 2 s sandbox and 8 s pull.
    const rows: Array<[number, number, number, number]> = Array.from({ length: 3 }, () => [0, 3600, 1000, 1024]);
    const r = runStrategy(scenarioWith([karpenterPool()], rows)).result();
    expect(r.waits.byCause.nextScan).toBeCloseTo(3 * 1, 9);
    expect(r.waits.byCause.provisioning).toBeCloseTo(3 * 100, 9);
    const sum = Object.values(r.waits.byCause).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(r.waits.totalSeconds, 6);
  });

  it('still adds up when consolidation and expiry evict pods', () => {
    const rows: Array<[number, number, number, number]> = Array.from({ length: 20 }, (_, i) => [i * 30, 5000, 1000, 1024]);
    const r = runStrategy(scenarioWith([karpenterPool({ expireAfter: '1h' }, { instanceTypes: [medium], initialNodes: 6 })], rows, { horizon: 20_000 })).result();
    expect(r.pods.evictions).toBeGreaterThan(0);
    const sum = Object.values(r.waits.byCause).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(r.waits.totalSeconds, 6);
  });
});
