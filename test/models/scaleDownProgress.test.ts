import { describe, expect, it } from 'vitest';
import { NodePool } from '../../src/models/nodePool.ts';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import { constant, runStrategy, scenarioWith } from '../helpers.ts';

/** A 4 vCPU / 16 GiB node with no reservations, so pod room is exactly the capacity. */
const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };
const noOverhead = { kubeReserved: { cpuMillicores: 0, memoryMiB: 0 }, evictionHardMemoryMiB: 0, daemonSet: { cpuMillicores: 0, memoryMiB: 0 } };

describe('cluster-autoscaler scale-down always makes progress', () => {
  it('finishes when several unneeded nodes cannot be drained and scaleDownUnneededTime is 0 (issue 18 item 1)', () => {
    // Two nodes each run one 2200m pod: 55% < the 0.6 threshold, so both are unneeded at once,
    // and neither pod fits in the other node's 1800m of room, so every drain fails. Each failed
    // node went back on the unneeded list with unneededSince = now, which with an unneeded time
    // of 0 is already due: the loop visited the two nodes in turn forever, inside one event.
    const s = scenarioWith(
      [
        {
          kind: 'nodes',
          name: 'nodes',
          nodePool: {
            instanceTypes: [node],
            overhead: noOverhead,
            initialNodes: 2,
            maxNodes: 2,
            podStart: { sandbox: constant(0), imagePull: constant(0) },
            autoscaler: { scaleDownUtilizationThreshold: 0.6, scaleDownUnneededTime: 0, scaleDownDelayAfterAdd: 0 },
          },
        },
      ],
      [
        [0, 3600, 2200, 1024],
        [0, 3600, 2200, 1024],
      ],
      { horizon: 7200 },
    );
    // Bound the work: a hang inside one event shows as too many drain attempts, not a stuck test.
    const drain = NodePool.prototype.drain;
    let drains = 0;
    NodePool.prototype.drain = function (this: NodePool, slot: number, now: number) {
      if (++drains > 10_000) throw new Error('scale-down loop made no progress: 10,000 drain attempts');
      return drain.call(this, slot, now);
    };
    try {
      const run = runStrategy(s);
      const status = run.advance(100_000);
      expect(status.done).toBe(true);
      const r = run.result();
      // Both pods ran on the two initial nodes. Neither pod has a place to move, so cluster-autoscaler's
      // removal simulation never finds either node unneeded (NoPlaceToMovePods) and no drain is even
      // tried. Once the pods end both nodes are empty and are removed (no minimum).
      expect(drains).toBe(0);
      expect(r.pods.completed).toBe(2);
      expect(r.nodes.removed).toBe(2);
    } finally {
      NodePool.prototype.drain = drain;
    }
  });

  it('refuses scan intervals that would repeat without moving the clock', () => {
    for (const scanInterval of [0, 1e-9, 1e-300, 0.5]) {
      const r = safeParseScenario({
        schemaVersion: 1,
        name: 'x',
        workload: [{ type: 'trace', name: 't', rows: [[0, 10, 100, 100]] }],
        strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'], autoscaler: { scanInterval } } }],
      });
      expect(r.ok, `scanInterval ${scanInterval}`).toBe(false);
      if (!r.ok) expect(r.issues).toEqual([{ path: 'strategies.0.nodePool.autoscaler.scanInterval', message: expect.stringMatching(/at least 1 s/) }]);
    }
  });
});
