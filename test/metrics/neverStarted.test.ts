import { describe, expect, it } from 'vitest';
import { instant, runStrategy, scenarioWith } from '../helpers.ts';

/** A fixed pool with no nodes and no autoscaler: nothing can ever start. */
const noNodes = {
  kind: 'nodes' as const,
  name: 'no nodes',
  controlPlanePerHour: 0,
  nodePool: { instanceTypes: ['m6i.xlarge'], minNodes: 0, autoscaler: null, podStart: { sandbox: instant, imagePull: instant } },
};

describe('pods that never start', () => {
  it('count as waiting from arrival until the horizon, not as 0 s', () => {
    // Horizon 1000 s; pods arrive at 100, 200, 400 and 700 s and never start:
    // waits 900, 800, 600, 300 s. Sorted 300, 600, 800, 900 (n = 4, R-7):
    //   p50: rank 1.5 -> 600 + 0.5 x 200 = 700; p95: rank 2.85 -> 800 + 0.85 x 100 = 885;
    //   max 900; mean (900 + 800 + 600 + 300) / 4 = 650.
    const s = scenarioWith([noNodes], [
      [100, 60, 500, 512],
      [200, 60, 500, 512],
      [400, 60, 500, 512],
      [700, 60, 500, 512],
    ], { horizon: 1000 });
    const r = runStrategy(s).result();
    expect(r.pods.neverStarted).toBe(4);
    expect(r.pendingSeconds.p50).toBeCloseTo(700, 9);
    expect(r.pendingSeconds.p95).toBeCloseTo(885, 9);
    expect(r.pendingSeconds.max).toBeCloseTo(900, 9);
    expect(r.pendingSeconds.mean).toBeCloseTo(650, 9);
    expect(r.slo.violations).toBe(4);
    // The CDF's first point is the shortest wait: 300 s.
    expect(r.pendingCdf[0]).toBeCloseTo(300, 9);
  });

  it('mix with pods that started: one node, two pods, the second waits until the horizon', () => {
    // One m6i.xlarge node exists from the start and fits one 3-vCPU pod (4 vCPU minus reservations
    // and DaemonSets leaves less than 6 vCPU for two). Pod A arrives at 0 and starts at once (wait
    // 0); pod B arrives at 10 s and waits for the node until A ends at 0 + 5000 s > horizon 2000 s,
    // so B's wait is 2000 - 10 = 1990 s. n = 2: p50 = 995, max 1990, mean 995.
    const pool = { ...noNodes, nodePool: { ...noNodes.nodePool, minNodes: 1 } };
    const r = runStrategy(scenarioWith([pool], [
      [0, 5000, 3000, 1024],
      [10, 5000, 3000, 1024],
    ], { horizon: 2000 })).result();
    expect(r.pods.started).toBe(1);
    expect(r.pendingSeconds.p50).toBeCloseTo(995, 9);
    expect(r.pendingSeconds.max).toBeCloseTo(1990, 9);
    expect(r.pendingSeconds.mean).toBeCloseTo(995, 9);
  });
});
