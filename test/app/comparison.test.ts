import { describe, expect, it } from 'vitest';
import { bestRows, comparisonRows, costPer1000PodHours } from '../../src/app/comparison.ts';
import type { StrategyResult } from '../../src/metrics/result.ts';

function strategy(name: string, total: number, podHours: number, cpu: number, p95: number, violations: number, kind: StrategyResult['kind'] = 'nodes', neverStarted = 0): StrategyResult {
  const zeros = new Float64Array(0);
  return {
    name,
    kind,
    cost: { total, currency: 'USD', items: { nodeCompute: total, controlPlane: 0, serverlessCpu: 0, serverlessMemory: 0 } },
    utilization: { cpu, memory: cpu / 2 },
    pendingSeconds: { p50: p95 / 2, p95, p99: p95 * 1.2, max: p95 * 2, mean: p95 / 2 },
    slo: { thresholdSeconds: 60, violations },
    pods: { total: 10, completed: 10 - neverStarted, started: 10 - neverStarted, neverStarted, unschedulable: 0, onNodes: 10, onServerless: 0, evictions: 0, podHours },
    limits: {},
    waits: { totalSeconds: 0, byCause: { nextScan: 0, provisioning: 0, limit: 0, overflowTimeout: 0, launchThrottle: 0, sandbox: 0, imagePull: 0, unschedulable: 0, interruption: 0, preemption: 0 }, provisioningByStage: { awaitingScaleUp: 0, autoscalerLoop: 0, nodeGroupReaction: 0, nodeGroupLaunchRate: 0, cloudApiBucket: 0, nodeStartup: 0, roomOnReadyNode: 0, notBound: 0 } },
    nodes: { peak: 1, launched: 1, failedToRegister: 0, neverCreated: 0, removed: 0 },
    events: 0,
    series: { t: zeros, runningPods: zeros, pendingPods: zeros, nodes: zeros, nodesReady: zeros, serverlessPods: zeros, requestedVcpu: zeros, provisionedVcpu: zeros, costRate: zeros, cumulativeCost: zeros },
    pendingCdf: zeros,
  };
}

describe('comparison rows', () => {
  it('computes cost per 1,000 pod-hours as cost / pod-hours * 1000', () => {
    expect(costPer1000PodHours(1164.337, 22083.8)).toBeCloseTo(52.7239, 3);
    expect(costPer1000PodHours(5, 0)).toBeNaN();
  });

  it('gives each row its difference to the cheapest total', () => {
    const rows = comparisonRows([strategy('A', 150, 1000, 0.5, 30, 4), strategy('B', 100, 1000, 0.9, 90, 10)]);
    expect(rows[0].costDeltaToCheapest).toBe(50);
    expect(rows[0].costDeltaShare).toBe(0.5);
    expect(rows[1].costDeltaToCheapest).toBe(0);
    expect(rows[0].costPer1000PodHours).toBe(150);
  });

  it('marks the best row per column: lowest cost and pending, highest utilization, ties all count', () => {
    const rows = comparisonRows([strategy('A', 150, 1000, 0.5, 30, 4), strategy('B', 100, 1000, 0.9, 90, 4), strategy('C', 120, 1000, 0.9, 60, 7)]);
    const best = bestRows(rows);
    expect(best.costTotal).toEqual([1]);
    expect(best.cpuUtilization).toEqual([1, 2]);
    expect(best.pendingP95).toEqual([0]);
    expect(best.sloViolations).toEqual([0, 1]);
  });

  it('gives a strategy that leaves pods unstarted no ★ at all, however cheap or busy it looks (defect 1)', () => {
    // A ran 1 of 10 pods: cheapest ($5), best utilization (0.95), lowest p95 and cost per pod-hour among... none: flagged.
    // Among B and C: cost 100 < 120; p95 30 < 60; cpu 0.9 > 0.5; violations 4 < 7.
    const rows = comparisonRows([strategy('A', 5, 1, 0.95, 10, 9, 'nodes', 9), strategy('B', 100, 1000, 0.9, 30, 4), strategy('C', 120, 1000, 0.5, 60, 7)]);
    expect(rows[0].flagged).toBe(true);
    expect(rows[0].sloAttainment).toBeCloseTo(0.1, 12); // (10 - 9) / 10
    const best = bestRows(rows);
    for (const key of Object.keys(best) as (keyof typeof best)[]) expect(best[key]).not.toContain(0);
    expect(best.costTotal).toEqual([1]);
    expect(best.pendingP95).toEqual([1]);
    expect(best.cpuUtilization).toEqual([1]);
    expect(best.sloViolations).toEqual([1]);
  });

  it('gives serverless no ★ for its by-construction 100% utilization (defect 5)', () => {
    // Serverless bills what pods request: utilization 0.9998 is no achievement. Among node strategies 0.70 > 0.66.
    const rows = comparisonRows([strategy('CA', 1164, 1000, 0.66, 111, 12039), strategy('ASK', 694, 1000, 0.9998, 357, 19707, 'serverless'), strategy('Mixed', 1093, 1000, 0.7, 98, 15087, 'mixed')]);
    const best = bestRows(rows);
    expect(best.cpuUtilization).toEqual([2]);
    expect(best.memoryUtilization).toEqual([2]);
    expect(best.costTotal).toEqual([1]); // serverless still competes on cost
  });

  it('puts no ★ in a column where only one strategy competes', () => {
    const rows = comparisonRows([strategy('ASK', 694, 1000, 0.9998, 357, 5, 'serverless'), strategy('CA', 1164, 1000, 0.66, 111, 9)]);
    expect(bestRows(rows).cpuUtilization).toEqual([]);
  });
});
