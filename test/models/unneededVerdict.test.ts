import { describe, expect, it } from 'vitest';
import { constant, plainPool, runStrategy, scenarioWith } from '../helpers.ts';

/** Two n4 nodes from the start (or `initialNodes`), LeastAllocated, threshold 0.5, scans every 10 s, recheck 300 s, taint 5 s, drain 20 s. */
function twoNodes(pods: Array<[number, number, number, number]>, initialNodes = 2, maxDrainParallelism = 1) {
  const nodePool = plainPool({ minNodes: 0, initialNodes, autoscaler: { drainDuration: constant(20), maxDrainParallelism } });
  return runStrategy(scenarioWith([{ kind: 'nodes', name: 'nodes', nodePool }], pods, { horizon: 3600 }));
}

describe("cluster-autoscaler's unneeded verdict follows the room its pods would move to", () => {
  it('drops the verdict when the destination fills up, and finds the node removable again only at the recheck after room came back', () => {
    // Two nodes from the start, LeastAllocated, threshold 0.5, scans every 10 s, recheck 300 s.
    // A (1 vCPU, 7 GiB) binds to node 0 at 0 s (tie: lowest slot): 43.75% (memory), a candidate.
    // The 0 s scan finds A a place on node 1 (empty): node 0 unneeded from 0 s.
    // B (2 vCPU, 256 MiB) binds to node 1 at 1 s (free score 1 vs 0.656): node 1 at 50%, no
    // candidate; A still fits there (2 vCPU free): node 0 stays unneeded, timer from 0 s.
    // C (1.5 vCPU, 256 MiB) arrives at 300 s and goes to node 1 (free score 0.742 vs 0.656),
    // leaving it 0.5 vCPU: the 300 s scan must not trust the earlier verdict: A fits nowhere, node
    // 0 is unremovable, loses its timer and is rechecked at 600 s (still no room: C runs 302 s to
    // 702 s) and at 900 s: node 1 has 2 vCPU free again, node 0 unneeded from 900 s, drained at
    // 900 + 600 = 1500 s (not at 600 s, where the old timer would have taken it): A moves to node
    // 1, and node 0 is gone 5 s (taint) + 20 s (drain) later.
    const run = twoNodes([
      [0, 9000, 1000, 7168],
      [1, 9000, 2000, 256],
      [300, 400, 1500, 256],
    ]);
    const pool = run.models.pool!;
    run.kernel.run({ until: 299 });
    expect([0, 1].map((p) => run.cluster.node[p])).toEqual([0, 1]);
    expect(pool.unneededSince[0]).toBe(0);
    run.kernel.run({ until: 300 });
    expect(run.cluster.node[2]).toBe(1);
    expect(pool.recheckAt[0]).toBe(600);
    run.kernel.run({ until: 600 });
    expect(pool.recheckAt[0]).toBe(900);
    expect(run.cluster.evictions).toBe(0);
    run.kernel.run({ until: 900 });
    expect(pool.recheckAt[0]).toBe(-Infinity);
    expect(pool.unneededSince[0]).toBe(900);
    run.kernel.run({ until: 1499 });
    expect(run.cluster.evictions).toBe(0);
    expect(run.cluster.node[0]).toBe(0);
    run.kernel.run({ until: 1500 });
    expect(run.cluster.evictions).toBe(1);
    expect(run.cluster.node[0]).toBe(1);
    run.kernel.run({ until: 1524 });
    expect(pool.aliveTotal).toBe(2);
    run.kernel.run({ until: 1525 });
    expect(pool.aliveTotal).toBe(1);
  });
});

describe('an unneeded node is looked at again when it changes, not only when its destinations do', () => {
  it('a pod bound to an unneeded node that leaves its pods no place to move makes it unremovable at the next scan', () => {
    // A (1 vCPU, 7 GiB) binds to node 0 at 0 s (tie: lowest slot); B (2.5 vCPU, 8 GiB) to node 1
    // (free score 1 vs 0.656): node 1 at 62.5%, no candidate; node 0 at 43.75%, and A fits on
    // node 1 (1.5 vCPU, 8 GiB free): node 0 unneeded from the 0 s scan.
    // C (0.6 vCPU, 512 MiB) arrives at 300 s and binds to node 0 (free score 0.656 vs node 1's
    // (0.375 + 0.5) / 2 = 0.4375): node 0 at max(1.6/4, 7.5/16) = 46.9%, still a candidate, but
    // after A, node 1 has 0.5 vCPU left, less than C's 0.6: the 300 s scan finds node 0
    // unremovable (recheck at 600 s, again at 900 s, ...), and it is never drained (it would
    // have been at 600 s on the 0 s verdict).
    const run = twoNodes([
      [0, 9000, 1000, 7168],
      [0, 9000, 2500, 8192],
      [300, 9000, 600, 512],
    ]);
    const pool = run.models.pool!;
    run.kernel.run({ until: 299 });
    expect([0, 1].map((p) => run.cluster.node[p])).toEqual([0, 1]);
    expect(pool.unneededSince[0]).toBe(0);
    expect(pool.recheckAt[0]).toBe(-Infinity);
    run.kernel.run({ until: 300 });
    expect(run.cluster.node[2]).toBe(0);
    expect(pool.recheckAt[0]).toBe(600);
    run.kernel.run({ until: 600 });
    expect(pool.recheckAt[0]).toBe(900);
    run.kernel.run({ until: 1000 });
    expect(run.cluster.evictions).toBe(0);
    expect(pool.aliveTotal).toBe(2);
  });

  it('an unneeded node that becomes empty is deleted as empty (no drain) when its unneeded time, counted from the first verdict, is up', () => {
    // A (1 vCPU, 7 GiB, running 10 s to 400 s) on node 0 and B (2 vCPU, 256 MiB) on node 1 at
    // 0 s (free score 1 vs 0.656): node 1 at 50%, no candidate; A fits there: node 0 unneeded
    // from 0 s. A ends at 400 s: node 0 is empty, still unneeded since 0 s. The 600 s scan (cutoff
    // 600 - 600 = 0) deletes it among the empty nodes: taint 5 s, no drain time, gone at 605 s;
    // nothing evicted.
    const run = twoNodes([
      [0, 390, 1000, 7168],
      [0, 9000, 2000, 256],
    ]);
    const pool = run.models.pool!;
    run.kernel.run({ until: 400 });
    expect(pool.podCount[0]).toBe(0);
    expect(pool.unneededSince[0]).toBe(0);
    run.kernel.run({ until: 604 });
    expect(pool.aliveTotal).toBe(2);
    run.kernel.run({ until: 605 });
    expect(pool.aliveTotal).toBe(1);
    expect(run.cluster.evictions).toBe(0);
  });
});

describe('the drain loop reads the unneeded nodes as the update found them', () => {
  it('drains a node the same loop filled past the threshold with its first drain', () => {
    // Three nodes, max-drain-parallelism 2. At 0 s A (0.5 vCPU, 7 GiB) binds to node 0 (all
    // empty: lowest slot), B (1 vCPU, 1 GiB) to node 1 and C (2.5 vCPU, 1 GiB) to node 2 (empty
    // ones score 1): node 2 at 62.5%, no candidate. The 0 s update: A fits on node 1 (node 0
    // unneeded); B, with node 0 excluded, fits on node 2 (1.5 vCPU free; node 1 unneeded). At
    // 600 s both are unneeded for 600 s. Node 0 is drained first: A goes to the best node, node 1
    // ((3/4 + 15/16) / 2 = 0.84 against node 2's (1.5/4 + 15/16) / 2 = 0.66), which is then at
    // max(1.5/4, 8/16) = 50%, no candidate any more; the loop still drains it, as found at the
    // update: A and B go to node 2 (1.5 vCPU and 15 GiB free take 1.5 vCPU and 8 GiB). Three
    // evictions; nodes 0 and 1 gone at 600 + 5 (taint) + 20 (drain) = 625 s.
    const run = twoNodes(
      [
        [0, 9000, 500, 7168],
        [0, 9000, 1000, 1024],
        [0, 9000, 2500, 1024],
      ],
      3,
      2,
    );
    const pool = run.models.pool!;
    run.kernel.run({ until: 599 });
    expect([0, 1, 2].map((p) => run.cluster.node[p])).toEqual([0, 1, 2]);
    expect([pool.unneededSince[0], pool.unneededSince[1]]).toEqual([0, 0]);
    expect(run.cluster.evictions).toBe(0);
    run.kernel.run({ until: 600 });
    expect(run.cluster.evictions).toBe(3);
    expect([0, 1, 2].map((p) => run.cluster.node[p])).toEqual([2, 2, 2]);
    run.kernel.run({ until: 624 });
    expect(pool.aliveTotal).toBe(3);
    run.kernel.run({ until: 625 });
    expect(pool.aliveTotal).toBe(1);
  });
});
