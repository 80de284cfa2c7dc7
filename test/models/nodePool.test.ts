import { describe, expect, it } from 'vitest';
import { constant, noOverhead, plainPool as pool, runStrategy, scenarioWith } from '../helpers.ts';

const nodes = (extra: object = {}, name = 'nodes') => ({ kind: 'nodes' as const, name, nodePool: pool(extra) });

describe('fixed node pool', () => {
  it('costs nodes x price x hours, plus the control plane, whatever the load', () => {
    const s = scenarioWith([nodes({ minNodes: 5, autoscaler: null })], [[100, 3000, 1000, 1024]], { horizon: 36000 });
    const r = runStrategy(s).result();
    // 5 nodes x $0.2/h x 10 h = $10; control plane $0.1/h x 10 h = $1.
    expect(r.cost.items.nodeCompute).toBeCloseTo(10, 9);
    expect(r.cost.items.controlPlane).toBeCloseTo(1, 9);
    expect(r.cost.total).toBeCloseTo(11, 9);
    expect(r.nodes.peak).toBe(5);
    // The pod holds 1 vCPU from binding at 100 s through 10 s of start and 3000 s of run,
    // against 5 x 4 vCPU paid for 36000 s.
    expect(r.utilization.cpu).toBeCloseTo((1 * 3010) / (20 * 36000), 9);
  });

  it('carries fixed costs per hour as their own line items', () => {
    const s = scenarioWith([{ ...nodes({ minNodes: 2, autoscaler: null }), controlPlanePerHour: 0, fixedCosts: [{ name: 'operations staff', perHour: 12.5 }] }], [[0, 60, 100, 100]], {
      horizon: 7200,
    });
    const r = runStrategy(s).result();
    expect(r.cost.items['operations staff']).toBeCloseTo(25, 9);
    expect(r.cost.total).toBeCloseTo(25 + 2 * 0.2 * 2, 9);
  });

  it('gives DaemonSet pods max-pods slots on every node: 10 max-pods, 3 DaemonSet pods, 7 workload pods', () => {
    // One node, max-pods 10, three DaemonSet pods: room for 7 workload pods. Ten tiny pods arrive
    // at 0 for 100 s: 7 bind at once (2 s sandbox, image at 2 + 8 = 10 s: pending 10 s) and run
    // to 110 s; the other 3 bind then and wait only for their sandbox: Running at 112 s.
    const ds = { ...noOverhead, daemonSet: { cpuMillicores: 0, memoryMiB: 0, pods: 3 } };
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 10; i++) rows.push([0, 100, 10, 10]);
    const r = runStrategy(scenarioWith([nodes({ minNodes: 1, autoscaler: null, overhead: ds })], rows)).result();
    expect(r.pendingSeconds.max).toBeCloseTo(112, 9);
    expect(r.pendingSeconds.mean).toBeCloseTo((7 * 10 + 3 * 112) / 10, 9);
    expect(r.pods.completed).toBe(10);
  });

  it('pulls the image once per node: the second pod on a node only waits for its sandbox', () => {
    const s = scenarioWith([nodes({ minNodes: 1, autoscaler: null })], [
      [0, 600, 1000, 1024],
      [100, 600, 1000, 1024],
    ]);
    const r = runStrategy(s).result();
    // First pod: 2 s sandbox + 8 s pull; second: 2 s sandbox, image already there.
    expect(r.pendingSeconds.max).toBeCloseTo(10, 9);
    expect(r.pendingSeconds.p50).toBeCloseTo(6, 9);
  });

  it('spreads pods across nodes with LeastAllocated and packs them with MostAllocated', () => {
    const rows: Array<[number, number, number, number]> = [
      [0, 3600, 1000, 1024],
      [1, 3600, 1000, 1024],
      [2, 3600, 1000, 1024],
    ];
    const spread = runStrategy(scenarioWith([nodes({ minNodes: 3, autoscaler: null })], rows));
    spread.kernel.run({ until: 10 });
    const packed = runStrategy(scenarioWith([nodes({ minNodes: 3, autoscaler: null, scoring: 'MostAllocated' })], rows));
    packed.kernel.run({ until: 10 });
    const podsPerNode = (run: typeof spread) => [0, 1, 2].map((slot) => run.models.pool!.podCount[slot]);
    expect(podsPerNode(spread)).toEqual([1, 1, 1]);
    expect(podsPerNode(packed).sort()).toEqual([0, 0, 3]);
  });
});

describe('cluster-autoscaler', () => {
  it('a pod arriving at a full cluster waits for the next scan, the node provisioning and the pod start', () => {
    // Scans run at 0, 10, 20 s... The pod arrives at 5 s; the scan at 10 s asks for a node; the node
    // is Ready 100 s later; the pod then needs 2 s sandbox + 8 s image pull.
    const s = scenarioWith([nodes({ minNodes: 0 })], [[5, 600, 1000, 1024]]);
    const r = runStrategy(s).result();
    expect(r.pendingSeconds.max).toBeCloseTo(10 - 5 + 100 + 2 + 8, 9);
    expect(r.nodes.launched).toBe(1);
  });

  it('does not ask for another node for a pod that fits on a node already coming up', () => {
    const s = scenarioWith([nodes({ minNodes: 0 })], [
      [5, 600, 1000, 1024],
      [15, 600, 1000, 1024],
    ]);
    const r = runStrategy(s).result();
    expect(r.nodes.launched).toBe(1);
    // Second pod binds when the node is Ready at 110 s, waits for the image pull the first started: Running at 120 s.
    expect(r.pendingSeconds.p50).toBeCloseTo((115 + 105) / 2, 9);
  });

  it('bin-packs many pending pods onto as many new nodes as they need', () => {
    // 25 pods of 1.5 vCPU: 2 fit a 4 vCPU node (3 vCPU), so 13 nodes.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 25; i++) rows.push([1, 600, 1500, 1024]);
    const r = runStrategy(scenarioWith([nodes({ minNodes: 0 })], rows)).result();
    expect(r.nodes.launched).toBe(13);
    expect(r.nodes.peak).toBe(13);
  });

  it('respects maxNodes: pods beyond the pool size keep waiting', () => {
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 8; i++) rows.push([1, 3600, 2000, 1024]);
    const r = runStrategy(scenarioWith([nodes({ minNodes: 0, maxNodes: 3 })], rows, { horizon: 1800 })).result();
    expect(r.nodes.peak).toBe(3);
    expect(r.pods.started).toBe(6);
    expect(r.pods.neverStarted).toBe(2);
  });

  it('does not remove an empty node before scale-down-unneeded-time, and removes it at the first scan after', () => {
    // The node comes up at 110 s and its pod runs from 120 s to 1120 s. At the 110 s scan the pod has
    // nowhere to move (no other node): unremovable, rechecked every 300 s (410, 710, 1010 s: pod still
    // there). At the 1310 s recheck it is empty: unneeded from 1310 s, deleted at 1310 + 600 = 1910 s
    // (scale-down-delay-after-add, 600 s after the scale-up at 10 s, is long over): tainted then,
    // terminated node-delete-delay-after-taint (5 s) later, at 1915 s.
    const s = scenarioWith([nodes({ minNodes: 0 })], [[5, 1000, 1000, 1024]], { horizon: 7200 });
    const run = runStrategy(s);
    run.kernel.run({ until: 1914 });
    expect(run.models.pool!.aliveTotal).toBe(1);
    run.kernel.run({ until: 1915 });
    expect(run.models.pool!.aliveTotal).toBe(0);
    const r = run.result();
    // Billed from the launch request at 10 s until the instance is terminated at 1915 s.
    expect(r.cost.items.nodeCompute).toBeCloseTo((0.2 / 3600) * (1915 - 10), 9);
    expect(r.nodes.removed).toBe(1);
  });

  it('removes an empty node scale-down-unneeded-time after it was first found unneeded', () => {
    // With the recheck timeout at 10 s the node is looked at every scan: empty from 1120 s,
    // unneeded from the 1120 s scan, deleted at 1720 s (terminated 5 s later).
    const s = scenarioWith([nodes({ minNodes: 0, autoscaler: { unremovableNodeRecheckTimeout: 10 } })], [[5, 1000, 1000, 1024]], { horizon: 7200 });
    const run = runStrategy(s);
    run.kernel.run({ until: 1719 });
    expect(run.models.pool!.deleting).toBe(0);
    run.kernel.run({ until: 1720 });
    expect(run.models.pool!.deleting).toBe(1);
    run.kernel.run({ until: 1725 });
    expect(run.models.pool!.aliveTotal).toBe(0);
  });

  it('waits scale-down-delay-after-add after a scale-up before removing anything', () => {
    // Two small nodes (2 vCPU) exist from the start; the pool also offers a big one (8 vCPU).
    // Pod 1 runs on node 0 from 10 s (sandbox 2 + pull 8) to 110 s; node 1 is empty all along:
    // unneeded since the 0 s scan, so it would go at 600 s. Pod 2 (3 vCPU) fits only the big
    // shape: a scale-up at 510 s holds every removal until 510 + 600 = 1110 s, when both small
    // nodes go (node 0 unneeded since 110 s). The big node stays: minNodes 1.
    const small = { name: 'small', vcpu: 2, memoryGiB: 8, pricePerHour: 0.1, maxPods: 10 };
    const big = { name: 'big', vcpu: 8, memoryGiB: 32, pricePerHour: 0.4, maxPods: 10 };
    const s = scenarioWith([nodes({ instanceTypes: [small, big], minNodes: 1, initialNodes: 2 })], [
      [0, 100, 1000, 1024],
      [505, 60, 3000, 1024],
    ], { horizon: 7200 });
    const run = runStrategy(s);
    run.kernel.run({ until: 1109 });
    expect(run.models.pool!.deleting).toBe(0);
    run.kernel.run({ until: 1110 });
    expect(run.models.pool!.deleting).toBe(2);
    run.kernel.run({ until: 1115 });
    expect(run.models.pool!.aliveTotal).toBe(1);
  });

  it('counts a node as unneeded only while its pods could move elsewhere (NoPlaceToMovePods stops the timer)', () => {
    // Two nodes from the start. Pod A (1.5 vCPU) binds to node 0 at 0 s (tie: lowest slot), pod B
    // (3 vCPU) to node 1 at 1 s (node 0 has 2.5 vCPU free), Running 11 s to 1001 s. Pod D
    // (2 vCPU) arrives at 1005 s and binds to node 1 (the emptier), which stays at 50%: not a
    // candidate. Node 0 is at 37.5% from 0 s, but A has no place to move (node 1 has 1 vCPU free)
    // from the 10 s scan until D leaves room: found unremovable at 10 s, rechecked every 300 s
    // (310, 610, 910: still no room), movable at the 1210 s recheck. Unneeded from 1210 s, so
    // A is evicted at 1210 + 600 = 1810 s, not at 1200 s (600 s of utilization alone plus 600 s).
    const s = scenarioWith([nodes({ minNodes: 0, initialNodes: 2 })], [
      [0, 5000, 1500, 1024],
      [1, 990, 3000, 1024],
      [1005, 6000, 2000, 1024],
    ], { horizon: 7200 });
    const run = runStrategy(s);
    run.kernel.run({ until: 1809 });
    expect(run.cluster.node[0]).toBe(0);
    expect(run.cluster.evictions).toBe(0);
    run.kernel.run({ until: 1810 });
    expect(run.cluster.node[0]).toBe(1);
    expect(run.cluster.evictions).toBe(1);
    const r = run.result();
    // A owed 5010 - 1810 = 3200 s and restarts on node 1 (image there): Running 1812 s to 5012 s.
    expect(r.pods.completed).toBe(3);
    expect(r.pods.podHours).toBeCloseTo((1800 + 3200 + 990 + 6000) / 3600, 9);
  });

  it("simulates a removal like cluster-autoscaler: first fit in node order, not the scheduler's best score", () => {
    // Three 4 vCPU nodes from the start, every pod 256 MiB. LeastAllocated binds A (3.25 vCPU) to
    // node 0 at 0 s, B (3 vCPU) to node 1 at 1 s, C (1 vCPU) and D (0.5 vCPU) to node 2, the
    // emptiest, at 2 and 3 s. Nodes 0 and 1 are 81% and 75% used (no candidates); node 2 is at
    // 37.5%, empty (unneeded) at the 0 s scan. Its removal simulation takes D first (the newest
    // pod) then C. First fit from node 0 (CA's hinting simulator): D to node 0 (0.75 free), C to
    // node 1 (1 free): node 2 stays unneeded from 0 s, and is drained at the 600 s scan: D to
    // node 0 and C to node 1, terminated 5 + 20 s later. Best score would have put D on node 1
    // (the emptier), leaving C no room (0.75 and 0.5 free): NoPlaceToMovePods, never removed.
    const s = scenarioWith([nodes({ minNodes: 0, initialNodes: 3, autoscaler: { drainDuration: constant(20) } })], [
      [0, 9000, 3250, 256],
      [1, 9000, 3000, 256],
      [2, 9000, 1000, 256],
      [3, 9000, 500, 256],
    ], { horizon: 3600 });
    const run = runStrategy(s);
    run.kernel.run({ until: 599 });
    expect([0, 1, 2, 3].map((p) => run.cluster.node[p])).toEqual([0, 1, 2, 2]);
    expect(run.cluster.evictions).toBe(0);
    run.kernel.run({ until: 600 });
    expect(run.cluster.evictions).toBe(2);
    expect([run.cluster.node[2], run.cluster.node[3]]).toEqual([1, 0]);
    run.kernel.run({ until: 624 });
    expect(run.models.pool!.aliveTotal).toBe(3);
    run.kernel.run({ until: 625 });
    expect(run.models.pool!.aliveTotal).toBe(2);
  });

  it('never scales below minNodes', () => {
    const s = scenarioWith([nodes({ minNodes: 2 })], [[0, 60, 100, 100]], { horizon: 7200 });
    const r = runStrategy(s).result();
    expect(r.nodes.removed).toBe(0);
    expect(r.cost.items.nodeCompute).toBeCloseTo(2 * 0.2 * 2, 9);
  });

  it('drains an underused node when its pods fit elsewhere, and the moved pod still completes once', () => {
    // Each new node gets one 3.5 vCPU pod and one 0.5 vCPU pod. When the big pods end (310 s), both
    // nodes are 12.5% used; at 910 s cluster-autoscaler drains one node's small pod onto the other
    // and deletes it: terminated after the 5 s taint delay and the 20 s its pods take to exit.
    // The last node goes once its pods end and it has been empty for 10 minutes.
    const s = scenarioWith([nodes({ minNodes: 0, autoscaler: { drainDuration: constant(20) } })], [
      [0, 200, 3500, 1024],
      [0, 200, 3500, 1024],
      [0, 5000, 500, 512],
      [0, 5000, 500, 512],
    ], { horizon: 20000 });
    const run = runStrategy(s);
    run.kernel.run({ until: 909 });
    expect(run.cluster.evictions).toBe(0);
    run.kernel.run({ until: 910 });
    expect(run.cluster.evictions).toBe(1);
    run.kernel.run({ until: 934 });
    expect(run.models.pool!.aliveTotal).toBe(2);
    run.kernel.run({ until: 935 });
    expect(run.models.pool!.aliveTotal).toBe(1);
    const r = run.result();
    expect(r.pods.evictions).toBe(1);
    expect(r.pods.completed).toBe(4);
    expect(r.nodes.removed).toBe(2);
  });

  it('a pod drained while still starting restarts elsewhere: pending until its second start, Running once', () => {
    // As above, plus a 0.25 vCPU pod at 909 s. Both nodes are equally used, so it binds to the
    // first one (slot 0), which cluster-autoscaler drains at the 910 s scan: the new pod is still in
    // its sandbox (909 + 2 s), so it never ran there. It restarts on the other node at 910 s and runs
    // at 912 s (sandbox 2 s, image already on that node): pending 3 s, not 2 s.
    const s = scenarioWith([nodes({ minNodes: 0 })], [
      [0, 200, 3500, 1024],
      [0, 200, 3500, 1024],
      [0, 5000, 500, 512],
      [0, 5000, 500, 512],
      [909, 100, 250, 256],
    ], { horizon: 20000 });
    const run = runStrategy(s);
    run.kernel.run({ until: 909 });
    expect(run.cluster.node[4]).toBe(0);
    const r = run.result();
    expect(r.pods.evictions).toBe(2);
    expect(r.pods.started).toBe(5);
    expect(r.pods.completed).toBe(5);
    expect(run.cluster.firstRunningAt[4]).toBe(912);
    // Nodes ready at 100 s, first pods running at 110 s (sandbox 2 + pull 8): 4 x 110 + 3 pod-seconds pending.
    expect(r.pendingSeconds.mean).toBeCloseTo((4 * 110 + 3) / 5, 9);
    const bucket = r.series.t[1] - r.series.t[0];
    const pendingPodSeconds = r.series.pendingPods.reduce((a, v) => a + v * bucket, 0);
    expect(pendingPodSeconds).toBeCloseTo(4 * 110 + 3, 6);
    // Running: 2 x 200 + 5,000 + 5,000 (the moved one: 800 s, then the 4,200 s it still owed) + 100.
    expect(r.pods.podHours).toBeCloseTo(10_500 / 3600, 9);
  });

  it('picks the node shape with the least waste when the pool offers several (least-waste expander)', () => {
    const small = { name: 'small', vcpu: 2, memoryGiB: 8, pricePerHour: 0.1, maxPods: 10 };
    const big = { name: 'big', vcpu: 8, memoryGiB: 32, pricePerHour: 0.4, maxPods: 10 };
    // 3 pods of 2.5 vCPU do not fit "small" at all; "big" takes 3 (7.5 of 8 vCPU).
    const rows: Array<[number, number, number, number]> = [
      [1, 600, 2500, 2048],
      [1, 600, 2500, 2048],
      [1, 600, 2500, 2048],
    ];
    const s = scenarioWith([{ kind: 'nodes', name: 'lw', nodePool: { ...pool(), instanceTypes: [small, big], autoscaler: { expander: 'least-waste' } } }], rows);
    const run = runStrategy(s);
    run.kernel.run({ until: 11 });
    expect(run.models.pool!.alive).toEqual([0, 1]);
  });
});

describe('the scale-down candidate list when a finished pod makes room for a pending one', () => {
  // One 4 vCPU node (the pool cannot grow). Pod A arrives at 1 s and binds at once: Running at
  // 1 + 2 (sandbox) + 8 (image pull) = 11 s, it finishes at 111 s. Pod B arrives at 5 s, does not fit
  // beside A and waits; at 111 s it takes A's room. The node is a candidate (listed as
  // underutilized) after 111 s iff B alone keeps it under the 50% threshold. The scan at 110 s saw
  // A alone (not under), the next scan is at 120 s: at 111.5 s the list is as the finish left it.
  const run = (aCpu: number, bCpu: number) => {
    const s = scenarioWith([nodes({ minNodes: 1, maxNodes: 1 })], [
      [1, 100, aCpu, 1024],
      [5, 600, bCpu, 1024],
    ]);
    const r = runStrategy(s);
    r.kernel.run({ until: 111.5 });
    return r.models.pool!;
  };

  it('B at 3 of 4 vCPU (75%): the node empties and fills again at 111 s, and is no candidate', () => {
    const pool = run(3000, 3000);
    expect(pool.podCount[0]).toBe(1);
    expect(pool.underutilizedHead).toBe(-1);
    expect(pool.underutilizedSince[0]).toBeNaN();
  });

  it('B at 1 of 4 vCPU (25%): the node is a candidate from 111 s', () => {
    const pool = run(3500, 1000);
    expect(pool.podCount[0]).toBe(1);
    expect(pool.underutilizedHead).toBe(0);
    expect(pool.underutilizedSince[0]).toBe(111);
  });
});

describe('cluster-autoscaler after failures', () => {
  it('backs a node group off after a failed provision: 5 min, then 10, then 20 (exponential, max 30)', () => {
    // Every node takes 1000 s to come up, past max-node-provision-time (900 s): it never registers.
    // Launches at 0 s (fails 900 s, backoff 300 s), 1200 s (fails 2100 s, backoff 600 s), 2700 s
    // (fails 3600 s, backoff 1200 s), 4800 s (still coming at the 5000 s horizon). Without the
    // backoff it would be relaunched at every failure: 0, 900, 1800, 2700, 3600, 4500 s.
    const s = scenarioWith([nodes({ minNodes: 0, provisioningDelay: constant(1000) })], [[0, 600, 1000, 1024]], { horizon: 5000 });
    const r = runStrategy(s).result();
    expect(r.nodes.launched).toBe(4);
    expect(r.nodes.failedToRegister).toBe(3);
  });

  // cluster-autoscaler utils/backoff/exponential_backoff.go (Backoff): a failure while the group is
  // still backed off keeps the duration and moves backoffUntil to now + duration; only a failure
  // after the backoff has ended doubles it.
  it('a second failure while the group is backed off extends the backoff without doubling it', () => {
    // Pods of a whole node each (4 vCPU) at 1 s and 101 s; every node takes 1000 s (> 900 s).
    // Scans at 10 s and 110 s launch A and B; A fails at 910 s: backoff 300 s, until 1210 s; B fails
    // at 1010 s, still backed off: 300 s again, until 1310 s. At 1310 s both pods get a node (fail
    // at 2210 s). Doubling at every failure would back off until 1010 + 600 = 1610 s instead.
    const s = scenarioWith([nodes({ minNodes: 0, provisioningDelay: constant(1000) })], [[1, 10000, 4000, 1024], [101, 10000, 4000, 1024]], { horizon: 1500 });
    const r = runStrategy(s).result();
    expect(r.nodes.failedToRegister).toBe(2);
    expect(r.nodes.launched).toBe(4);
  });

  // cluster-autoscaler clusterstate/clusterstate.go (updateScaleRequests): a scale-up whose nodes
  // all registered "finished successfully": its request is removed and the group's backoff reset
  // (RemoveBackoff), so the next failure backs off the initial 5 min again.
  it('a scale-up that succeeds resets the backoff: the next failure backs off 5 min, not 10', () => {
    // Nodes are Ready 800 s after their launch slot; the node group launches one per 600 s (burst 1).
    // Pods of a whole node each: two at 1 s, two at 2015 s.
    // 10 s: A (slot 10 s, Ready 810 s) and B (slot 610 s, Ready 1410 s: past 900 s, fails at 910 s):
    //   backoff 300 s, until 1210 s.
    // 1210 s: C (slot 1210 s, Ready 2010 s): registered, the scale-up succeeded.
    // 2020 s: the backoff is reset; D (slot 2020 s, Ready 2820 s) and E (slot 2620 s, Ready 3420 s:
    //   fails at 2920 s): backoff 300 s (reset), until 3220 s, when F is launched. Without the
    //   reset the backoff would double to 600 s, until 3520 s, past the 3300 s horizon.
    const s = scenarioWith(
      [nodes({ minNodes: 0, provisioningDelay: constant(800), provisioning: { nodeGroupRate: { burst: 1, perSecond: 1 / 600 } } })],
      [[1, 10000, 4000, 1024], [1, 10000, 4000, 1024], [2015, 10000, 4000, 1024], [2015, 10000, 4000, 1024]],
      { horizon: 3300 },
    );
    const r = runStrategy(s).result();
    expect(r.nodes.failedToRegister).toBe(2);
    expect(r.nodes.launched).toBe(6);
  });

});
