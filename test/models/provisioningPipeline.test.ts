import { describe, expect, it } from 'vitest';
import { constant, noOverhead, runStrategy, scenarioWith } from '../helpers.ts';
import { ProvisioningPipeline } from '../../src/models/provisioningPipeline.ts';
import { resolveProvisioning } from '../../src/models/resolveProvisioning.ts';
import { Random } from '../../src/sim/random.ts';

/** One pod (1 vCPU) fills this 1 vCPU node: every pod wants a node of its own. */
const node = { name: 'n1', vcpu: 1, memoryGiB: 4, pricePerHour: 3.6, maxPods: 10 };
const stages = { request: constant(1), boot: constant(10), register: constant(5), ready: constant(4) };

function pool(provisioning: object) {
  return {
    instanceTypes: [node],
    overhead: noOverhead,
    podStart: { sandbox: constant(2), imagePull: constant(8) },
    provisioning: { preset: 'eks-ec2' as const, nodeGroupDelay: constant(0), nodeGroupRate: null, autoscalerLoop: false, stages, ...provisioning },
  };
}

function fourPods(provisioning: object) {
  const rows: Array<[number, number, number, number]> = [];
  for (let i = 0; i < 4; i++) rows.push([0, 10_000, 1000, 1024]);
  return runStrategy(scenarioWith([{ kind: 'nodes', name: 'n', controlPlanePerHour: 0, nodePool: pool(provisioning) }], rows, { horizon: 600 }));
}

describe('node provisioning stages', () => {
  it('queues node launches at the cloud API bucket: burst 2, then one per 10 s', () => {
    const run = fourPods({ launchRate: { burst: 2, perSecond: 0.1 } });
    const r = run.result();
    // CA asks for 4 nodes at 0. Create calls granted at 0, 0, 10, 20; each node Ready 1 + 10 + 5 + 4
    // = 20 s later (20, 20, 30, 40); its pod Running 2 s sandbox + 8 s pull after that.
    const running = Array.from(run.cluster.firstRunningAt).sort((a, b) => a - b);
    expect(running).toEqual([30, 30, 40, 50]);
    expect(r.pendingSeconds.max).toBe(50);
    expect(r.nodes.launched).toBe(4);
  });

  it('bills an EC2 node from running, not from the request: 600 s horizon, running at 11, 11, 21, 31 s', () => {
    const r = fourPods({ launchRate: { burst: 2, perSecond: 0.1 } }).result();
    // $3.60 per hour = $0.001 per second; billed from the running state (grant + 1 s create + 10 s boot).
    const billed = [600 - 11, 600 - 11, 600 - 21, 600 - 31].reduce((a, b) => a + b, 0);
    expect(r.cost.items.nodeCompute).toBeCloseTo(billed * 0.001, 9);
  });

  it('bills from the create call where the cloud bills from creation (billingStartsAt: request)', () => {
    const r = fourPods({ launchRate: { burst: 2, perSecond: 0.1 }, billingStartsAt: 'request' }).result();
    const billed = [600 - 0, 600 - 0, 600 - 10, 600 - 20].reduce((a, b) => a + b, 0);
    expect(r.cost.items.nodeCompute).toBeCloseTo(billed * 0.001, 9);
  });

  it("adds the node group's delay once per scale-up and its own launch rate", () => {
    const run = fourPods({ launchRate: null, nodeGroupDelay: constant(30), nodeGroupRate: { burst: 1, perSecond: 0.05 } });
    run.result();
    // The group starts at 30 s and launches one node per 20 s: 30, 50, 70, 90; Ready 20 s later, Running 10 s after.
    expect(Array.from(run.cluster.firstRunningAt).sort((a, b) => a - b)).toEqual([60, 80, 100, 120]);
  });

  it("cluster-autoscaler's loop time is its FAQ latency less the scan wait: 0 under 100 nodes (5 s average = the 10 s scan's mean wait), median 10 s from 100 nodes (15 s - 5 s); pending pods count at 30 per node", () => {
    const p = new ProvisioningPipeline(resolveProvisioning({ instanceTypes: ['m6i.xlarge'] }), new Random(1, 2));
    const median = (nodes: number, pending: number) => {
      const xs = Array.from({ length: 4001 }, () => p.autoscalerLoopTime(nodes, pending)).sort((a, b) => a - b);
      return xs[2000];
    };
    expect(median(50, 0)).toBe(0);
    expect(median(99, 2900)).toBe(0);
    expect(median(500, 0)).toBeGreaterThan(10 * 0.93);
    expect(median(500, 0)).toBeLessThan(10 * 1.07);
    // 3,500 pending pods on no nodes: a 117-node cluster's worth.
    expect(median(0, 3500)).toBeGreaterThan(10 * 0.93);
    expect(median(0, 3500)).toBeLessThan(10 * 1.07);
  });

  it('keeps a custom pool as before: one delay from the request, no limits, billed from the request', () => {
    // A custom shape with no preset named: ready 100 s after CA's request at 0, its pod 10 s later.
    const one = runStrategy(
      scenarioWith([{ kind: 'nodes', name: 'n', controlPlanePerHour: 0, nodePool: { instanceTypes: [node], overhead: noOverhead, podStart: { sandbox: constant(2), imagePull: constant(8) }, provisioningDelay: constant(100) } }], [[0, 10_000, 1000, 1024]], { horizon: 600 }),
    ).result();
    expect(one.pendingSeconds.max).toBe(110);
    expect(one.cost.items.nodeCompute).toBeCloseTo(600 * 0.001, 9);
  });
});

describe('nodes cluster-autoscaler gives up on (max-node-provision-time)', () => {
  it('a node never launched takes no launch token: the next scale-up launches at once, not behind it', () => {
    // 300 pods of one node each at 0; the node group launches one node a second (burst 1); Ready
    // 20 s after its launch (1 + 10 + 5 + 4), Running 10 s after that; CA gives up at 100 s.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push([0, 100_000, 1000, 1024]);
    const strategy = {
      kind: 'nodes' as const,
      name: 'n',
      controlPlanePerHour: 0,
      nodePool: { ...pool({ launchRate: null, nodeGroupRate: { burst: 1, perSecond: 1 } }), maxNodes: 1000, autoscaler: { maxNodeProvisionTime: 100, initialNodeGroupBackoffDuration: 10 } },
    };
    const run = runStrategy(scenarioWith([strategy], rows, { horizon: 400 }));
    const r = run.result();
    // Scale-up at 0: nodes launch at 0, 1, ..., 100 (101 launches); the 81 launched by 80 s are
    // Ready by 100 s (pods Running at 30..110 s); the 20 launched at 81..100 s are given up at 100 s
    // with the 199 never launched (placeholders). Backoff 10 s: the next scale-up is at the 110 s
    // scan, for 219 nodes. The group has launched nothing since 100 s, so they launch at 110, 111,
    // ...; pods Running at 140 + j for the 81 that are Ready by 210 s.
    const running = Array.from(run.cluster.firstRunningAt).filter(Number.isFinite).sort((a, b) => a - b);
    expect(running.slice(0, 81)).toEqual(Array.from({ length: 81 }, (_, k) => 30 + k));
    expect(running[81]).toBe(140);
    expect(running[161]).toBe(220);
    expect(r.nodes.failedToRegister).toBeGreaterThanOrEqual(220);
  });

  it("on AWS a node group's not-created nodes all go when CA gives up on one of them, also those that would have come up in time", () => {
    // 200 pods of one node each at 0, 10 more at 50; one node a second, Ready 20 s after its
    // launch, Running 10 s after that; CA gives up after 100 s; backoff 10 s.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 200; i++) rows.push([0, 100_000, 1000, 1024]);
    for (let i = 0; i < 10; i++) rows.push([50, 100_000, 1000, 1024]);
    const strategy = {
      kind: 'nodes' as const,
      name: 'n',
      controlPlanePerHour: 0,
      nodePool: { ...pool({ launchRate: null, nodeGroupRate: { burst: 1, perSecond: 1 } }), maxNodes: 1000, autoscaler: { maxNodeProvisionTime: 100, initialNodeGroupBackoffDuration: 10 } },
    };
    const run = runStrategy(scenarioWith([strategy], rows, { horizon: 300 }));
    const r = run.result();
    // Scan at 0: 200 nodes, launched at 0..100 (101 of them; 0..80 Ready by 100 s, their pods
    // Running at 30..110 s), 99 never created. Scan at 50: 31 nodes are Ready, 169 pods wait for
    // the 169 coming: 10 more nodes, whose turn is at 101..110 (Ready 121..130, before their own
    // give-up at 150). At 100 s CA gives up on the first never-created node: the group's desired
    // capacity drops to what it has, so those 10 go too. The next scale-up (110 s, after the
    // backoff) launches from 110 on: its first pod Running at 140. Without the drop the 10 nodes
    // would have given 10 more pods Running at 131..140.
    const running = Array.from(run.cluster.firstRunningAt).filter((t) => t <= 140).length;
    expect(running).toBe(81 + 1);
    // Given up at 100 s: 20 created too late (launched 81..100), 99 + 10 never created. The 110 s
    // scale-up (129 nodes, give-up at 210) launches 110..210: 81 Ready in time, 20 too late, 28
    // never created. The next one (backoff doubled to 20 s: at 230) has all 48 Ready by 300.
    expect(r.nodes.failedToRegister).toBe(20 + 109 + 20 + 28);
    expect(r.nodes.neverCreated).toBe(109 + 28);
  });

  it('each node group launches at its own rate; the cloud API bucket is shared by all of them', () => {
    const config = resolveProvisioning({ instanceTypes: ['m6i.xlarge'], provisioning: { preset: 'eks-ec2', nodeGroupRate: { burst: 1, perSecond: 0.1 }, launchRate: { burst: 2, perSecond: 0.5 } } });
    const p = new ProvisioningPipeline(config, new Random(1, 2));
    const passed = (group: number) => {
      p.plan(0, group);
      return [p.groupPassedAt, p.grantedAt];
    };
    // Group 0 launches at 0 then every 10 s; group 1 also at 0. The API bucket (2, then one per
    // 2 s) grants 0, 0, then 2.
    expect(passed(0)).toEqual([0, 0]);
    expect(passed(1)).toEqual([0, 0]);
    expect(passed(0)).toEqual([10, 10]);
    expect(passed(1)).toEqual([10, 10]);
  });
});
