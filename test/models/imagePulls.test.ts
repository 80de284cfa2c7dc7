import { describe, expect, it } from 'vitest';
import { constant, noOverhead, runStrategy, scenarioWith } from '../helpers.ts';

/** One 4 vCPU node, no reservations, 2 s sandbox and 8 s image pull per image. */
const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };

function oneNode(provisioning: object = {}) {
  return {
    kind: 'nodes' as const,
    name: 'one node',
    nodePool: { instanceTypes: [node], minNodes: 1, autoscaler: null, overhead: noOverhead, podStart: { sandbox: constant(2), imagePull: constant(8) }, provisioning },
  };
}

describe('image pulls per node', () => {
  it('pulls each workload its own image, one pull at a time (kubelet serializeImagePulls: true)', () => {
    // Two workloads (classes) start on the node at 0: both sandboxes are done at 2 s; web's image
    // is pulled 2-10 s, batch's waits for it and is pulled 10-18 s.
    const run = runStrategy(scenarioWith([oneNode()], [
      [0, 600, 1000, 1024, 'web'],
      [0, 600, 1000, 1024, 'batch'],
      [5, 600, 1000, 1024, 'batch'],
    ]));
    run.result();
    // The third pod (batch, arrives at 5 s) waits for batch's pull already under way: Running at 18 s.
    expect(Array.from(run.cluster.firstRunningAt)).toEqual([10, 18, 18]);
  });

  it('pulls images in parallel when the node image turns serial pulls off', () => {
    const run = runStrategy(scenarioWith([oneNode({ serializeImagePulls: false })], [
      [0, 600, 1000, 1024, 'web'],
      [0, 600, 1000, 1024, 'batch'],
    ]));
    run.result();
    expect(Array.from(run.cluster.firstRunningAt)).toEqual([10, 10]);
  });

  it('pulls again on a new node that reuses a removed node\'s slot', () => {
    // One autoscaled node runs web and batch from 0 to 600 s, then sits empty and is removed
    // (10 min unneeded). At 5,000 s a web and a batch pod arrive: the new node (in the freed slot)
    // has neither image, so batch's pull again waits for web's: Running 8 s after web.
    const pool = {
      kind: 'nodes' as const,
      name: 'autoscaled',
      nodePool: { instanceTypes: [node], overhead: noOverhead, provisioningDelay: constant(100), podStart: { sandbox: constant(2), imagePull: constant(8) } },
    };
    const run = runStrategy(scenarioWith([pool], [
      [0, 600, 1000, 1024, 'web'],
      [0, 600, 1000, 1024, 'batch'],
      [5000, 600, 1000, 1024, 'web'],
      [5000, 600, 1000, 1024, 'batch'],
    ]));
    const r = run.result();
    expect(r.nodes.launched).toBe(2);
    const [web1, batch1, web2, batch2] = Array.from(run.cluster.firstRunningAt);
    expect(batch1 - web1).toBe(8);
    expect(web2).toBeGreaterThan(5000);
    expect(batch2 - web2).toBe(8);
  });
});
