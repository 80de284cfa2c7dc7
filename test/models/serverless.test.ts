import { describe, expect, it } from 'vitest';
import { constant, runStrategy, scenarioWith } from '../helpers.ts';

const FARGATE_VCPU_HOUR = 0.04048;
const FARGATE_GB_HOUR = 0.004445;

function fargate(sandbox: number, pull: number, extra: object = {}) {
  return {
    kind: 'serverless' as const,
    name: 'fargate',
    controlPlanePerHour: 0,
    serverless: { preset: 'aws-fargate' as const, podStart: { sandbox: constant(sandbox), imagePull: constant(pull) }, ...extra },
  };
}

describe('serverless pods (Fargate preset)', () => {
  it('bills a few pods by hand: rounding, overhead, billing from image pull start, 60 s minimum', () => {
    // Pod A: 250m / 512 MiB for 30 s. +256 MiB -> 0.25 vCPU / 1 GB. Billed from pull start:
    //   5 s pull + 30 s run = 35 s -> 60 s minimum.
    // Pod B: 1 vCPU / 8 GiB for 3600 s -> 2 vCPU / 9 GB, billed 5 + 3600 = 3605 s.
    // Pod C: 500m / 1 GiB for 100.4 s -> 0.5 vCPU / 2 GB, billed ceil(105.4) = 106 s.
    const s = scenarioWith([fargate(20, 5)], [
      [0, 30, 250, 512],
      [10, 3600, 1000, 8192],
      [20, 100.4, 500, 1024],
    ]);
    const r = runStrategy(s).result();
    const cpu = (FARGATE_VCPU_HOUR / 3600) * (0.25 * 60 + 2 * 3605 + 0.5 * 106);
    const mem = (FARGATE_GB_HOUR / 3600) * (1 * 60 + 9 * 3605 + 2 * 106);
    expect(r.cost.items.serverlessCpu).toBeCloseTo(cpu, 10);
    expect(r.cost.items.serverlessMemory).toBeCloseTo(mem, 10);
    expect(r.cost.total).toBeCloseTo(cpu + mem, 10);
    // Pending = sandbox + pull for every pod (no queueing with 3 pods).
    expect(r.pendingSeconds.max).toBeCloseTo(25, 9);
    expect(r.pendingSeconds.p50).toBeCloseTo(25, 9);
    expect(r.pods.completed).toBe(3);
  });

  it('queues a 300-pod burst behind the EKS-on-Fargate launch bucket: 20 at once, then 20 per second', () => {
    // AWS gives accounts that launch only EKS pods a burst of 20 (not ECS's 100), refilled at 20/s.
    // The launch API alone: the measured scheduling rate in front of it is switched off.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push([0, 600, 250, 256]);
    const r = runStrategy(scenarioWith([fargate(30, 10, { schedulingRate: null })], rows)).result();
    // Pod k (0-based) launches at max(0, (k - 19) / 20) s; the last (k = 299) at 280 / 20 = 14 s.
    expect(r.pendingSeconds.max).toBeCloseTo(14 + 40, 6);
    // Median of 300: mean of pods 149 and 150 -> launches at 130 / 20 = 6.5 s and 131 / 20 = 6.55 s.
    expect(r.pendingSeconds.p50).toBeCloseTo(40 + (6.5 + 6.55) / 2, 6);
    expect(r.pods.onServerless).toBe(300);
  });

  it('queues behind a burst of 100 when the scenario gives the ECS-sharing account rate', () => {
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push([0, 600, 250, 256]);
    const r = runStrategy(scenarioWith([fargate(30, 10, { launchRate: { burst: 100, perSecond: 20 }, schedulingRate: null })], rows)).result();
    // Pod k launches at max(0, (k - 99) / 20) s; the last at 10 s; the median pods at 2.5 and 2.55 s.
    expect(r.pendingSeconds.max).toBeCloseTo(10 + 40, 6);
    expect(r.pendingSeconds.p50).toBeCloseTo(40 + (2.5 + 2.55) / 2, 6);
  });

  it('launches everything at once when the launch rate is switched off', () => {
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push([0, 600, 250, 256]);
    const r = runStrategy(scenarioWith([fargate(30, 10, { launchRate: null, schedulingRate: null })], rows)).result();
    expect(r.pendingSeconds.max).toBeCloseTo(40, 9);
  });

  it('bills each pod at its own size with more than 256 request shapes (the per-pod shape store widens)', () => {
    // 300 pods, all distinct (cpu, memory) pairs, all launched at 0 s, each billed 10 s pull + 600 s
    // run = 610 s. Even pod i: 100 + i/2 m / 256 MiB (+256 MiB overhead: 512 MiB) -> 0.25 vCPU /
    // 0.5 GB. Odd pod i: 800 + (i-1)/2 m / 1024 MiB (1280 MiB) -> 1 vCPU / 2 GB. The 257th shape
    // comes with pod 256, after 256 pods (half of them 1 vCPU) have been given theirs.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push(i % 2 === 0 ? [0, 600, 100 + i / 2, 256] : [0, 600, 800 + (i - 1) / 2, 1024]);
    const r = runStrategy(scenarioWith([fargate(30, 10, { launchRate: null, schedulingRate: null })], rows)).result();
    const cpu = (FARGATE_VCPU_HOUR / 3600) * 610 * (150 * 0.25 + 150 * 1);
    const mem = (FARGATE_GB_HOUR / 3600) * 610 * (150 * 0.5 + 150 * 2);
    expect(r.pods.completed).toBe(300);
    expect(r.cost.items.serverlessCpu).toBeCloseTo(cpu, 10);
    expect(r.cost.items.serverlessMemory).toBeCloseTo(mem, 10);
  });

  it('passes the measured EKS-on-Fargate scheduling rate (burst 20, 7.8/s) before the launch bucket, which then never binds', () => {
    // Pod k passes the scheduler at max(0, (k - 19) / 7.8) s. The launch bucket (20 at once, 20/s)
    // sees the first 20 at 0 s and then one pod every 1/7.8 s, slower than its refill: no wait.
    const rows: Array<[number, number, number, number]> = [];
    for (let i = 0; i < 300; i++) rows.push([0, 600, 250, 256]);
    const r = runStrategy(scenarioWith([fargate(30, 10)], rows)).result();
    expect(r.pendingSeconds.max).toBeCloseTo(280 / 7.8 + 40, 6);
    // Median of 300: pods 149 and 150 pass at 130 / 7.8 and 131 / 7.8 s.
    expect(r.pendingSeconds.p50).toBeCloseTo(40 + (130 / 7.8 + 131 / 7.8) / 2, 6);
  });

  it('bills a pod still pulling its image at the end of the run from pull start to the end, with the minimum', () => {
    // Horizon 3600 s. Arrives at 3550 s, sandbox 20 s: pull starts at 3570 s and would take 100 s.
    // Billed 30 s -> the 60 s minimum, on 0.25 vCPU / 1 GB (250m / 512 MiB + 256 MiB).
    const r = runStrategy(scenarioWith([fargate(20, 100)], [[3550, 600, 250, 512]], { horizon: 3600 })).result();
    expect(r.cost.items.serverlessCpu).toBeCloseTo((FARGATE_VCPU_HOUR / 3600) * 0.25 * 60, 12);
    expect(r.cost.items.serverlessMemory).toBeCloseTo((FARGATE_GB_HOUR / 3600) * 1 * 60, 12);
    expect(r.pods.started).toBe(0);
    // The spend series ends at the bill, and paid-for vCPU-seconds include the minimum: 0.25 x 60.
    expect(r.series.cumulativeCost[r.series.cumulativeCost.length - 1]).toBeCloseTo(r.cost.total, 12);
  });

  it('counts a pod that fits no Fargate size as unschedulable, never started, and bills nothing for it', () => {
    const r = runStrategy(scenarioWith([fargate(1, 1)], [[0, 60, 32000, 1024]])).result();
    expect(r.pods.unschedulable).toBe(1);
    expect(r.pods.neverStarted).toBe(1);
    expect(r.cost.total).toBe(0);
  });
});

describe('image cache switch (ECI image cache, Fargate SOCI, GKE image streaming)', () => {
  const burst = (n: number): Array<[number, number, number, number]> => Array.from({ length: n }, () => [0, 600, 1000, 2048] as [number, number, number, number]);
  const eci = (extra: object) => ({ kind: 'serverless' as const, name: 'eci', controlPlanePerHour: 0, serverless: { preset: 'alibaba-eci' as const, launchRate: null, ...extra } });

  it('shortens the ECI pull stage to the documented cached pull (median 5 s, p95 8 s)', () => {
    // Mean pending = E[sandbox] + E[pull]: sandbox uniform 10-20 s -> 15 s; a log-normal with
    // median m and p95 q has sigma = ln(q/m)/1.6449 and mean m * exp(sigma^2 / 2).
    const mean = (m: number, q: number) => m * Math.exp((Math.log(q / m) / 1.6448536) ** 2 / 2);
    const cached = runStrategy(scenarioWith([eci({ imageCache: true })], burst(4000))).result();
    const uncached = runStrategy(scenarioWith([eci({})], burst(4000))).result();
    // 4,000 pods: the standard error of the mean is about 0.05 s (cached) and 0.15 s (uncached).
    expect(cached.pendingSeconds.mean).toBeCloseTo(15 + mean(5, 8), 0);
    expect(uncached.pendingSeconds.mean).toBeCloseTo(15 + mean(10, 30), 0);
  });

  it('refuses imageCache together with podStart instead of ignoring one of them', () => {
    expect(() => scenarioWith([eci({ imageCache: true, podStart: { sandbox: constant(1), imagePull: constant(1) } })], burst(1))).toThrow(/imageCache: cannot be combined with podStart/);
  });
});
