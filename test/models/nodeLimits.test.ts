import { describe, expect, it } from 'vitest';
import { limitNotes } from '../../src/metrics/limitNotes.ts';
import { constant, n4, noOverhead, plainPool, runStrategy, scenarioWith } from '../helpers.ts';

describe('pods stuck at a node limit', () => {
  it('reports how many pods waited at maxNodes and for how long', () => {
    // maxNodes 2; three 3-vCPU pods (one per 4-vCPU node) arrive at 0 s for 1000 s. The 0 s scan
    // wants 3 nodes and may launch 2: one pod waits on the limit. Every scan until a node frees
    // up still wants a node for it (0, 10, ..., 1100 s: 111 scans of 10 s = 1110 pod-seconds).
    // Nodes Ready at 100 s, the first two pods Running 110 s to 1110 s; the third binds at 1110 s
    // and runs at 1112 s (sandbox 2 s, image already on the node).
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'capped', nodePool: plainPool({ maxNodes: 2 }) }],
      [
        [0, 1000, 3000, 1024],
        [0, 1000, 3000, 1024],
        [0, 1000, 3000, 1024],
      ],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.limits).toEqual({ maxNodes: { value: 2, podsWaited: 1, podSeconds: 1110 } });
    expect(r.pendingSeconds.max).toBeCloseTo(1112, 9);
    expect(limitNotes(r)).toEqual(['capped: 1 of 3 pods waited for nodes at maxNodes (2), 19 min each on average (0.3 pod-hours)']);
  });

  it('says nothing when no limit held pods back', () => {
    const s = scenarioWith(
      [{ kind: 'nodes', name: 'roomy', nodePool: { instanceTypes: [n4], overhead: noOverhead, maxNodes: 3, provisioningDelay: constant(100) } }],
      [
        [0, 1000, 3000, 1024],
        [0, 1000, 3000, 1024],
        [0, 1000, 3000, 1024],
      ],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.limits).toEqual({});
    expect(limitNotes(r)).toEqual([]);
  });

  it('counts the same pod-seconds as the wait breakdown: pods that overflow to serverless waited on the timeout, not the limit', () => {
    // Mixed, maxNodes 1, overflow after 30 s. Three 3-vCPU pods at 0 s: the 0 s scan launches one
    // node (Ready at 100 s) and is blocked for two. All three leave for the virtual node at 30 s:
    // their 30 s each are the overflow timeout's (a shorter timeout shortens them), so no limit
    // held a pod back, though it blocked a scale-up for two of them.
    const overflow = { policy: 'resourcePolicy' as const, units: [{ resource: 'nodes' as const }, { resource: 'serverless' as const }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax' as const, timeout: 30 } };
    const serverless = { preset: 'alibaba-eci' as const, podStart: { sandbox: constant(15), imagePull: constant(5) } };
    const s = scenarioWith(
      [{ kind: 'mixed', name: 'spill', nodePool: plainPool({ maxNodes: 1 }), serverless, overflow }],
      [
        [0, 1000, 3000, 1024],
        [0, 1000, 3000, 1024],
        [0, 1000, 3000, 1024],
      ],
      { horizon: 7200 },
    );
    const r = runStrategy(s).result();
    expect(r.pods.onServerless).toBe(3);
    expect(r.waits.byCause.overflowTimeout).toBeCloseTo(3 * 30, 9);
    expect(r.waits.byCause.limit).toBe(0);
    expect(r.limits).toEqual({});
    expect(limitNotes(r)).toEqual([]);
  });
});
