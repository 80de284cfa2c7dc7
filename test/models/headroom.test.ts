import { describe, expect, it } from 'vitest';
import { constant, plainPool, runStrategy, scenarioWith } from '../helpers.ts';

const nodes = (extra: object = {}) => ({ kind: 'nodes' as const, name: 'nodes', nodePool: plainPool(extra) });

describe('overprovisioning placeholders (warm headroom)', () => {
  // Two placeholders of 2 vCPU: cluster-autoscaler's scan at 0 s sees them pending and asks for
  // one 4 vCPU node, Ready at 100 s, which they fill.
  const headroom = { placeholderPods: 2, pod: { cpuMillicores: 2000, memoryMiB: 4096 }, preemptionDelay: constant(3) };
  const burstPod: [number, number, number, number] = [505, 600, 1000, 1024];

  it('a burst pod preempts a placeholder and starts without waiting for a node: arrival + preemption delay + sandbox + image pull', () => {
    const r = runStrategy(scenarioWith([nodes({ headroom })], [burstPod])).result();
    // 3 s preemption delay, 2 s sandbox, 8 s image pull (the pause image does not warm the node).
    expect(r.pendingSeconds.max).toBeCloseTo(3 + 2 + 8, 9);
    // Every second of that wait has its cause: 3 s placeholder preemption, 2 s sandbox, 8 s image
    // pull; together the whole pending time (the preemption delay was charged to nothing before).
    expect(r.waits.byCause.preemption).toBeCloseTo(3, 9);
    expect(r.waits.byCause.sandbox).toBeCloseTo(2, 9);
    expect(r.waits.byCause.imagePull).toBeCloseTo(8, 9);
    expect(r.waits.totalSeconds).toBeCloseTo(3 + 2 + 8, 9);
    expect(Object.values(r.waits.byCause).reduce((x, y) => x + y, 0)).toBeCloseTo(r.waits.totalSeconds, 9);
    // Without headroom the same pod waits for the next scan (510 s), a node Ready 100 s later, and its start.
    const without = runStrategy(scenarioWith([nodes()], [burstPod])).result();
    expect(without.pendingSeconds.max).toBeCloseTo(510 - 505 + 100 + 2 + 8, 9);
  });

  it('cluster-autoscaler replaces the evicted placeholder with a new node; placeholders are in no workload figure', () => {
    const run = runStrategy(scenarioWith([nodes({ headroom })], [burstPod]));
    run.kernel.run({ until: 700 });
    const pool = run.models.pool!;
    const h = pool.headroom!;
    // The victim went pending at 505 s; the scan at 510 s asked for a second node (Ready at 610 s).
    expect(pool.launched).toBe(2);
    expect(h.pending).toBe(0);
    expect(h.count[0] + h.count[1]).toBe(2);
    expect(h.preemptions).toBe(1);
    const r = run.result();
    expect(r.pods.total).toBe(1);
    expect(r.slo.violations).toBe(0);
    // Each node holds 2 vCPU of placeholders (50%, not under the 0.5 threshold): both stay all day.
    expect(r.cost.items.nodeCompute).toBeCloseTo((0.2 * (86400 + (86400 - 510))) / 3600, 9);
    // Utilization counts the workload's requests only: 1 vCPU from bind (505 s) to the end of its
    // run (505 + 3 + 2 + 8 + 600 = 1118 s), over the vCPU paid for.
    expect(r.utilization.cpu).toBeCloseTo((1 * (1118 - 505)) / (4 * 86400 + 4 * (86400 - 510)), 9);
  });

  it('keeps a node whose placeholders fit nowhere else, and removes the one they can leave', () => {
    // Two 0.5 vCPU placeholders share one node (25%: a scale-down candidate). A 4 vCPU pod evicts
    // both (500 s); they go pending and get a second node (scan at 510 s). Once the pod ends, the
    // first node is empty and goes; the second keeps the headroom, as it has nowhere to move.
    const small = { placeholderPods: 2, pod: { cpuMillicores: 500, memoryMiB: 512 }, preemptionDelay: constant(3) };
    const run = runStrategy(scenarioWith([nodes({ headroom: small })], [[500, 600, 4000, 1024]]));
    const r = run.result();
    const pool = run.models.pool!;
    expect(r.pendingSeconds.max).toBeCloseTo(3 + 2 + 8, 9);
    expect(pool.launched).toBe(2);
    expect(r.nodes.removed).toBe(1);
    expect(pool.headroom!.pending).toBe(0);
    expect(pool.aliveTotal).toBe(1);
  });

  it('refuses a placeholder that fits on no node, naming the field', () => {
    const big = { placeholderPods: 1, pod: { cpuMillicores: 8000, memoryMiB: 1024 } };
    expect(() => runStrategy(scenarioWith([nodes({ headroom: big })], [burstPod]))).toThrow(/strategies\.0\.nodePool\.headroom\.pod: a placeholder of 8000m CPU/);
  });
});

describe('scheduled minimum sizes (pre-scale)', () => {
  const schedule = [
    { at: '01:00', minNodes: 3 },
    { at: '02:00', minNodes: 1 },
  ];

  it('launches nodes at the scheduled time and scale-down keeps them until the minimum drops', () => {
    const run = runStrategy(scenarioWith([nodes({ schedule })], [[36000, 60, 100, 100]]));
    const r = run.result();
    // 3 nodes launched at 3600 s, empty from 3700 s (Ready), unneeded far longer than 10 min but
    // kept: the minimum is 3. At 7200 s it drops to 1: the scan then removes 2 (terminated 5 s later).
    expect(r.nodes.launched).toBe(3);
    expect(r.nodes.removed).toBe(2);
    expect(r.cost.items.nodeCompute).toBeCloseTo((0.2 * (2 * (7205 - 3600) + (86400 - 3600))) / 3600, 9);
    // The one node kept all day takes the pod at 10 h without a scale-up: sandbox + image pull.
    expect(r.pendingSeconds.max).toBeCloseTo(2 + 8, 9);
  });

  it('repeats every day: day two launches the 2 nodes missing to reach 3 again', () => {
    const r = runStrategy(scenarioWith([nodes({ schedule })], [[36000, 60, 100, 100]], { horizon: 2 * 86400 })).result();
    expect(r.nodes.launched).toBe(3 + 2);
  });

  it('rejects an action above maxNodes and two actions at one time, naming the field', () => {
    expect(() => scenarioWith([nodes({ maxNodes: 2, schedule })], [[0, 60, 100, 100]])).toThrow(/strategies\.0\.nodePool\.schedule\.0\.minNodes: must be <= maxNodes \(2\)/);
    expect(() =>
      scenarioWith([nodes({ schedule: [{ at: '01:00', minNodes: 1 }, { at: 3600, minNodes: 2 }] })], [[0, 60, 100, 100]]),
    ).toThrow(/strategies\.0\.nodePool\.schedule\.1\.at: same time as schedule\.0/);
  });
});
