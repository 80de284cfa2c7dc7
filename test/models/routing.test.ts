import { describe, expect, it } from 'vitest';
import { constant, plainPool, runStrategy, scenarioWith } from '../helpers.ts';
import { RAN_ON, RAN_ON_SERVERLESS } from '../../src/models/cluster.ts';

const nodePool = plainPool({ minNodes: 1, maxNodes: 10 });
const serverless = { preset: 'alibaba-eci' as const, podStart: { sandbox: constant(15), imagePull: constant(5) } };

/** One Ready node with room for 4 one-vCPU pods; 6 pods arrive at once. */
const sixPods: Array<[number, number, number, number, string?]> = [0, 1, 2, 3, 4, 5].map((i) => [1, 600, 1000, 1024, i === 5 ? 'batch' : 'web']);

describe('mixed strategies (node pool + virtual node)', () => {
  it('normalNodePrefer: pods that fit no Ready node go to the virtual node at once, and the pool does not scale', () => {
    const s = scenarioWith([{ kind: 'mixed', name: 'prefer', nodePool, serverless, overflow: { policy: 'normalNodePrefer' } }], sixPods);
    const r = runStrategy(s).result();
    expect(r.pods.onNodes).toBe(4);
    expect(r.pods.onServerless).toBe(2);
    expect(r.nodes.launched).toBe(1);
    // On ECI: 15 s sandbox + 5 s pull; on the node: first pod 10 s, the rest 10 s too (same pull).
    expect(r.pendingSeconds.max).toBeCloseTo(20, 9);
  });

  it('resourcePolicy: a pod no serverless size fits keeps waiting on nodes after its timeout, not dropped', () => {
    // A 100 vCPU pod (ECI's largest size is 64 vCPU) on a pool of 128 vCPU nodes with none running:
    // cluster-autoscaler asks for a node at the 10 s scan, Ready at 110 s. The 30 s timeout moves the
    // pod to the ECI unit at 31 s, where it fits no size: it goes back to wait on the node pool and
    // starts at 110 + 2 + 8 = 120 s (pending 119 s), instead of being counted unschedulable.
    const big = { name: 'n128', vcpu: 128, memoryGiB: 512, pricePerHour: 5, maxPods: 10 };
    const s = scenarioWith(
      [{ kind: 'mixed', name: 'rp', nodePool: { ...nodePool, instanceTypes: [big], minNodes: 0 }, serverless, overflow: { policy: 'resourcePolicy', units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax', timeout: 30 } } }],
      [[1, 600, 100_000, 1024]],
    );
    const r = runStrategy(s).result();
    expect(r.pods.unschedulable).toBe(0);
    expect(r.pods.onNodes).toBe(1);
    expect(r.pendingSeconds.max).toBeCloseTo(119, 9);
  });

  it('resourcePolicy with TimeoutOrExceedMax: a pod pending on the node unit moves on after the timeout', () => {
    const s = scenarioWith(
      [{ kind: 'mixed', name: 'rp', nodePool, serverless, overflow: { policy: 'resourcePolicy', units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax', timeout: 30 } } }],
      sixPods,
    );
    const r = runStrategy(s).result();
    // The two pods left over wait 30 s, then take 20 s to start on ECI: pending 50 s.
    expect(r.pods.onServerless).toBe(2);
    expect(r.pendingSeconds.max).toBeCloseTo(50, 9);
    // cluster-autoscaler saw them pending (scan at 10 s) and asked for a node anyway.
    expect(r.nodes.launched).toBe(2);
  });

  it('resourcePolicy timeouts run from when each pod started waiting, and a pod bound meanwhile stays put', () => {
    // One node with room for 4 pods and no scale-up. A-D fill it at 1 s (running at 11 s: sandbox
    // 2 + pull 8); A ends at 31 s. E waits from 5 s (timeout at 35 s), F from 20 s (timeout at 50 s).
    // E gets A's room at 31 s and runs at 33 s (image already there): waited 28 s, stays on the node.
    // F times out at 50 s and runs on ECI at 70 s (15 s sandbox + 5 s pull): waited 50 s.
    const rows: Array<[number, number, number, number]> = [
      [1, 20, 1000, 1024],
      [1, 600, 1000, 1024],
      [1, 600, 1000, 1024],
      [1, 600, 1000, 1024],
      [5, 600, 1000, 1024],
      [20, 600, 1000, 1024],
    ];
    const overflow = { policy: 'resourcePolicy' as const, units: [{ resource: 'nodes' as const }, { resource: 'serverless' as const }], whenTryNextUnits: { policy: 'TimeoutOrExceedMax' as const, timeout: 30 } };
    const run = runStrategy(scenarioWith([{ kind: 'mixed', name: 'rp', nodePool: { ...nodePool, maxNodes: 1 }, serverless, overflow }], rows));
    const r = run.result();
    expect(r.pods.onNodes).toBe(5);
    expect(r.pods.onServerless).toBe(1);
    expect(run.cluster.flags[5] & RAN_ON).toBe(RAN_ON_SERVERLESS);
    expect(run.cluster.firstRunningAt[4]).toBe(33);
    expect(run.cluster.firstRunningAt[5]).toBe(70);
    expect(r.pendingSeconds.mean).toBeCloseTo((4 * 10 + 28 + 50) / 6, 9);
  });

  it('resourcePolicy with a max on the node unit sends pods beyond it straight on', () => {
    const s = scenarioWith(
      [{ kind: 'mixed', name: 'max', nodePool, serverless, overflow: { policy: 'resourcePolicy', units: [{ resource: 'nodes', max: 3 }, { resource: 'serverless' }], whenTryNextUnits: { policy: 'ExceedMax' } } }],
      sixPods,
    );
    const r = runStrategy(s).result();
    expect(r.pods.onNodes).toBe(3);
    expect(r.pods.onServerless).toBe(3);
    expect(r.nodes.launched).toBe(1);
  });

  it('class selectors pin a class to serverless before any overflow rule', () => {
    const s = scenarioWith(
      [{ kind: 'mixed', name: 'profile', nodePool: { ...nodePool, minNodes: 2 }, serverless, classSelectors: [{ classes: ['batch'], target: 'serverless' }] }],
      sixPods,
    );
    const r = runStrategy(s).result();
    expect(r.pods.onServerless).toBe(1);
    expect(r.pods.onNodes).toBe(5);
  });
});
