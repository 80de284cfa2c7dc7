import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import type { ScenarioInput } from '../../src/scenario/scenario.ts';
import { buildWorkload, WorkloadError } from '../../src/workload/build.ts';
import { NODE_IMAGE_PULL, SERVERLESS_IMAGE_PULL } from '../../src/providers/imagePull.ts';
import { constant, noOverhead, runStrategy } from '../helpers.ts';

/** One 4 vCPU node Ready at 0 (a fresh node: nothing pulled), no reservations, a 2 s sandbox. */
const node = { name: 'n4', vcpu: 4, memoryGiB: 16, pricePerHour: 0.2, maxPods: 10 };
const oneNode = (provisioning: object) => ({
  kind: 'nodes' as const,
  name: 'one node',
  nodePool: { instanceTypes: [node], minNodes: 1, autoscaler: null, overhead: noOverhead, podStart: { sandbox: constant(2), imagePull: constant(8) }, provisioning },
});

function scenario(strategy: ScenarioInput['strategies'][number], rows: Array<[number, number, number, number, string]>, imageSizeMiB?: number) {
  return parseScenario({
    schemaVersion: 1,
    name: 'image size',
    horizon: 3600,
    workload: [{ type: 'trace', name: 'rows', rows, ...(imageSizeMiB === undefined ? {} : { imageSizeMiB }) }],
    strategies: [strategy],
  });
}

describe('image pull time from the image size and the pull bandwidth', () => {
  it('a 1,000 MiB image at 100 MiB/s delays the first pod on a fresh node by 10 s + the fixed latency, the second by nothing', () => {
    const sc = scenario(oneNode({ imagePullMiBPerSecond: 100, imagePullLatency: 1.5 }), [
      [0, 600, 1000, 1024, 'web'],
      [30, 600, 1000, 1024, 'web'],
    ], 1000);
    const run = runStrategy(sc);
    run.result();
    // First pod: sandbox 0-2 s, pull 2 + 1.5 + 1000 / 100 = 13.5 s. Second: the node has the
    // image; sandbox only, Running at 30 + 2.
    expect(Array.from(run.cluster.firstRunningAt)).toEqual([2 + 1.5 + 10, 32]);
    expect(run.cluster.waits.byCause().imagePull).toBeCloseTo(11.5, 9);
  });

  it('without a size the pull is the podStart.imagePull delay, as before', () => {
    const run = runStrategy(scenario(oneNode({ imagePullMiBPerSecond: 100 }), [[0, 600, 1000, 1024, 'web']]));
    run.result();
    expect(Array.from(run.cluster.firstRunningAt)).toEqual([2 + 8]);
  });

  it('serialized pulls: a sized image waits for the node\'s previous pull', () => {
    // web (no size: 8 s delay) pulls 2-10 s; batch's 500 MiB at 50 MiB/s (+0 s) waits, 10-20 s.
    const sc = parseScenario({
      schemaVersion: 1,
      name: 'serial',
      horizon: 3600,
      workload: [
        { type: 'burst', name: 'web', class: 'web', sessionStarts: ['00:00'], podsPerSession: 1, herdWidth: 0, endJitter: 0, pod: { cpuMillicores: 1000, memoryMiB: 1024 } },
        { type: 'burst', name: 'batch', class: 'batch', sessionStarts: ['00:00'], podsPerSession: 1, herdWidth: 0, endJitter: 0, imageSizeMiB: 500, pod: { cpuMillicores: 1000, memoryMiB: 1024 } },
      ],
      strategies: [oneNode({ imagePullMiBPerSecond: 50, imagePullLatency: 0 })],
    });
    const run = runStrategy(sc);
    run.result();
    const pods = run.cluster.pods;
    const at = (cls: string) => run.cluster.firstRunningAt[Array.from(pods.cls).indexOf(pods.classNames.indexOf(cls))];
    expect(at('web')).toBe(10);
    expect(at('batch')).toBe(20);
  });

  it('serverless pods pull the whole image every time (no cache)', () => {
    const fargate = { kind: 'serverless' as const, name: 'fargate', serverless: { preset: 'aws-fargate' as const, launchRate: null, schedulingRate: null, podStart: { sandbox: constant(5), imagePull: constant(8) }, imagePullMiBPerSecond: 100, imagePullLatency: 2 } };
    const run = runStrategy(scenario(fargate, [
      [0, 600, 1000, 1024, 'web'],
      [30, 600, 1000, 1024, 'web'],
    ], 1000));
    run.result();
    // Each: sandbox 5 s, then 2 + 1000 / 100 = 12 s.
    expect(Array.from(run.cluster.firstRunningAt)).toEqual([17, 30 + 17]);
  });

  it("serverless with the image cache switch on: the preset's cached pull, whatever the size", () => {
    // ECI's uncached rate (7.4 MiB/s) would take 1,000 / 7.4 = 135 s; the cache (median 5 s,
    // p95 8 s) after a 10-20 s sandbox starts every pod well within 60 s.
    const eci = (imageCache: boolean) => ({ kind: 'serverless' as const, name: 'eci', serverless: { preset: 'alibaba-eci' as const, launchRate: null, imageCache } });
    const rows: Array<[number, number, number, number, string]> = [[0, 600, 1000, 1024, 'web'], [1, 600, 1000, 1024, 'web']];
    const cached = runStrategy(scenario(eci(true), rows, 1000));
    cached.result();
    for (const t of cached.cluster.firstRunningAt) expect(t).toBeLessThan(60);
    const uncached = runStrategy(scenario(eci(false), rows, 1000));
    uncached.result();
    const pull = 1000 / SERVERLESS_IMAGE_PULL['alibaba-eci'].mibPerSecond + SERVERLESS_IMAGE_PULL['alibaba-eci'].latencySeconds;
    expect(uncached.cluster.waits.byCause().imagePull).toBeCloseTo(2 * pull, 6);
  });

  it("a node pool without overrides uses its provider's bandwidth and latency", () => {
    const pool = { kind: 'nodes' as const, name: 'eks', nodePool: { instanceTypes: ['m6i.xlarge'], minNodes: 1, autoscaler: null, podStart: { sandbox: constant(0), imagePull: constant(8) } } };
    const run = runStrategy(scenario(pool, [[0, 600, 1000, 1024, 'web']], 1100));
    run.result();
    const r = NODE_IMAGE_PULL['eks-ec2'];
    expect(run.cluster.firstRunningAt[0]).toBeCloseTo(r.latencySeconds + 1100 / r.mibPerSecond, 9);
  });
});

describe('one image size per class', () => {
  const burst = (name: string, cls: string, imageSizeMiB?: number) => ({
    type: 'burst' as const,
    name,
    class: cls,
    sessionStarts: ['00:00'],
    podsPerSession: 1,
    pod: { cpuMillicores: 100, memoryMiB: 100 },
    ...(imageSizeMiB === undefined ? {} : { imageSizeMiB }),
  });
  const strategies = [oneNode({})];

  it('refuses two workloads of one class with different sizes, naming the field', () => {
    expect(() => parseScenario({ schemaVersion: 1, name: 'x', workload: [burst('a', 'web', 500), burst('b', 'web', 800)], strategies })).toThrow(/workload\.1\.imageSizeMiB: class "web" is also workload\.0's \("a", imageSizeMiB 500\)/);
    expect(() => parseScenario({ schemaVersion: 1, name: 'x', workload: [burst('a', 'web', 500), burst('b', 'web', 500)], strategies })).not.toThrow();
  });

  it('refuses a trace whose class is another workload\'s with another size', () => {
    const sc = parseScenario({ schemaVersion: 1, name: 'x', workload: [burst('a', 'web', 500), { type: 'trace', name: 't', rows: [[0, 60, 100, 100, 'web']] }], strategies });
    expect(() => buildWorkload(sc)).toThrow(WorkloadError);
    expect(() => buildWorkload(sc)).toThrow(/workload\.1\.imageSizeMiB: "t" has pods of class "web", which is also workload\.0's/);
  });

  it('builds the per-class sizes, NaN where none is given', () => {
    const sc = parseScenario({ schemaVersion: 1, name: 'x', workload: [burst('a', 'web', 500), burst('b', 'batch')], strategies });
    const pods = buildWorkload(sc);
    expect(pods.imageSizeMiB?.[pods.classNames.indexOf('web')]).toBe(500);
    expect(pods.imageSizeMiB?.[pods.classNames.indexOf('batch')]).toBeNaN();
  });
});

describe('pull bandwidth figures', () => {
  it('every provider figure carries its source URL and date', () => {
    for (const r of [...Object.values(NODE_IMAGE_PULL), ...Object.values(SERVERLESS_IMAGE_PULL)]) {
      expect(r.source.url).toMatch(/^https:\/\//);
      expect(r.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.mibPerSecond).toBeGreaterThan(0);
    }
  });
});
