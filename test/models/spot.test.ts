import { describe, expect, it } from 'vitest';
import { noOverhead, runStrategy, scenarioWith } from '../helpers.ts';
import { MONTH, node, serverless, spotStream, spotThenServerless } from '../spotThenServerless.ts';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import { hashString, Random } from '../../src/sim/random.ts';
import { capacityNotes } from '../../src/metrics/capacityNotes.ts';

const SEED = 42;

const preemptibleStream = (seed: number) => new Random(seed, hashString('preemptible pods'));

describe('spot nodes', () => {
  const D = 40_000;
  const horizon = 3 * 86400;
  // The node is Ready at 0 and draws its notice then: exponential at 720 per month (mean 3,650 s).
  const notice = spotStream(SEED).exponential(720 / MONTH);
  const reclaimed = notice + 120;

  it('an interruption reruns the pod in full, and the cost rises by the rerun', () => {
    const s = scenarioWith([spotThenServerless({})], [[0, D, 1000, 1024]], { horizon, seed: SEED });
    // The pod binds at 0 and runs from 10 s (2 s sandbox, 8 s pull); the interruption comes before it ends.
    expect(reclaimed).toBeLessThan(10 + D);
    const r = runStrategy(s).result();
    // The node: $0.1/h from 0 until it is reclaimed (the notice + EC2's 2 minutes), billed per whole second.
    const nodeCost = (0.1 * Math.ceil(reclaimed)) / 3600;
    // The rerun: serverless from the reclaim, billed from its pull (5 s) for 10 s of pull + the whole D.
    const rerun = (0.036 * (10 + D)) / 3600;
    expect(r.cost.items.nodeCompute).toBeCloseTo(nodeCost, 9);
    expect(r.cost.items.serverlessCpu).toBeCloseTo(rerun, 9);
    expect(r.cost.total).toBeCloseTo(nodeCost + rerun, 9);
    expect(r.spot).toEqual({ spotNodes: 1, onDemandFallbacks: 0, interruptions: 1, podsInterrupted: 1, lostPodSeconds: expect.closeTo(reclaimed - 10, 6) });
    expect(r.pods.completed).toBe(1);
    // Pending time is arrival to first Running: the rerun does not add to it.
    expect(r.pendingSeconds.max).toBeCloseTo(10, 9);
    expect(capacityNotes(r)).toEqual([`spot + pods: 1 spot interruption stopped 1 pod, losing ${((reclaimed - 10) / 3600).toLocaleString('en-US', { maximumFractionDigits: 1 })} pod-hours of work done since their last checkpoint`]);
  });

  it('a pod restartable from a checkpoint loses only the work since its last checkpoint', () => {
    const s = scenarioWith([spotThenServerless({ checkpoints: [{ classes: ['ckpt'], every: 600 }] })], [[0, D, 1000, 1024, 'ckpt']], { horizon, seed: SEED });
    const r = runStrategy(s).result();
    const ran = reclaimed - 10;
    const kept = Math.floor(ran / 600) * 600;
    expect(r.spot!.lostPodSeconds).toBeCloseTo(ran - kept, 6);
    // It reruns only what it had not checkpointed: D - kept, plus the 10 s pull.
    expect(r.cost.items.serverlessCpu).toBeCloseTo((0.036 * (10 + D - kept)) / 3600, 9);
  });

  it('without interruptions the same pool keeps the pod on its node at the spot price', () => {
    const s = scenarioWith([spotThenServerless({ interruptionsPerMonth: 0 })], [[0, D, 1000, 1024]], { horizon, seed: SEED });
    const r = runStrategy(s).result();
    expect(r.cost.total).toBeCloseTo((0.1 * horizon) / 3600, 9);
    expect(r.spot!.interruptions).toBe(0);
  });

  const fleet = (spot: object, nodes: number) => ({
    kind: 'nodes' as const,
    name: 'fleet',
    controlPlanePerHour: 0,
    nodePool: { instanceTypes: [node], minNodes: nodes, maxNodes: nodes, autoscaler: null, overhead: noOverhead, spot },
  });

  for (const seed of [1, 7]) {
    it(`interruptions over many nodes match the configured Poisson rate (seed ${seed})`, () => {
      // 2,000 nodes for a week at 3 interruptions per node-month: a node is reclaimed within the
      // horizon if its notice comes before horizon - 120 s, with probability 1 - exp(-rate x time).
      const N = 2000;
      const week = 7 * 86400;
      const s = scenarioWith([fleet({ discount: 0.5, interruptionsPerMonth: 3 }, N)], [], { horizon: week, seed });
      const r = runStrategy(s).result();
      const p = 1 - Math.exp((-3 / MONTH) * (week - 120));
      const mean = N * p;
      const sd = Math.sqrt(N * p * (1 - p));
      expect(Math.abs(r.spot!.interruptions - mean)).toBeLessThan(4 * sd);
      // Reclaimed nodes are gone (a fixed pool does not replace them).
      expect(r.nodes.removed).toBe(r.spot!.interruptions);
    });
  }

  it('falls back to on-demand nodes when spot capacity is not available (availability 0.3)', () => {
    const N = 2000;
    const s = scenarioWith([fleet({ discount: 0.5, interruptionsPerMonth: 0, availability: 0.3 }, N)], [], { horizon: 3600, seed: SEED });
    const r = runStrategy(s).result();
    const spot = r.spot!.spotNodes;
    expect(spot + r.spot!.onDemandFallbacks).toBe(N);
    expect(Math.abs(spot - 0.3 * N)).toBeLessThan(4 * Math.sqrt(N * 0.3 * 0.7));
    // One hour: spot nodes at $0.1, the others at the on-demand $0.2.
    expect(r.cost.items.nodeCompute).toBeCloseTo(spot * 0.1 + (N - spot) * 0.2, 9);
  });

  it('prices a type from pricePerHour when given', () => {
    const s = scenarioWith([fleet({ pricePerHour: { n4: 0.07 }, interruptionsPerMonth: 0 }, 3)], [], { horizon: 7200 });
    expect(runStrategy(s).result().cost.items.nodeCompute).toBeCloseTo(3 * 0.07 * 2, 9);
  });
});

describe('preemptible serverless pods', () => {
  it('ECI preemptible: no interruption in the 1 h protection period, then the 5 min notice; the rerun is billed again', () => {
    const D = 20_000;
    const eci = {
      kind: 'serverless' as const,
      name: 'eci spot',
      controlPlanePerHour: 0,
      serverless: { ...serverless, preset: 'alibaba-eci' as const, spot: { discount: 0.5, interruptionsPerMonth: 360 } },
    };
    const s = scenarioWith([eci], [[0, D, 1000, 1024]], { horizon: 86400, seed: SEED });
    const rng = preemptibleStream(SEED);
    const rate = 360 / MONTH;
    // Each run: pull (billing) from launch + 5 s, Running 10 s later; the reclaim comes at
    // pull + 3,600 s protection + an exponential draw + 300 s notice. A reclaimed pod (not
    // restartable) launches again at once and owes its whole D again; billed per whole second.
    let pull = 5;
    let billed = 0;
    let lost = 0;
    let interruptions = 0;
    for (;;) {
      const reclaim = pull + 3600 + rng.exponential(rate) + 300;
      const end = pull + 10 + D;
      if (reclaim >= end) {
        billed += Math.ceil(end - pull - 1e-9);
        break;
      }
      billed += Math.ceil(reclaim - pull - 1e-9);
      lost += reclaim - (pull + 10);
      interruptions++;
      pull = reclaim + 5;
    }
    expect(interruptions).toBeGreaterThan(0);
    const r = runStrategy(s).result();
    // ECI at half the regular $0.036 per vCPU-hour.
    expect(r.cost.total).toBeCloseTo(((0.036 * 0.5) / 3600) * billed, 9);
    expect(r.spot).toEqual({ spotNodes: 0, onDemandFallbacks: 0, interruptions, podsInterrupted: interruptions, lostPodSeconds: expect.closeTo(lost, 6) });
    expect(r.pods.completed).toBe(1);
  });

  it('rejects Fargate Spot on EKS, and asks for the figures a preset has no source for', () => {
    const base = { schemaVersion: 1, name: 't', horizon: 3600, workload: [] };
    const fargate = safeParseScenario({ ...base, strategies: [{ kind: 'serverless', name: 'f', serverless: { preset: 'aws-fargate', spot: { interruptionsPerMonth: 1 } } }] });
    expect(fargate.ok).toBe(false);
    if (!fargate.ok) expect(fargate.issues).toContainEqual({ path: 'strategies.0.serverless.spot', message: expect.stringContaining('Fargate Spot is for ECS only') });
    const gce = safeParseScenario({ ...base, strategies: [{ kind: 'nodes', name: 'g', nodePool: { instanceTypes: ['m6i.xlarge'], spot: { preset: 'gce-spot' } } }] });
    expect(gce.ok).toBe(false);
    if (!gce.ok) {
      const paths = gce.issues.map((i) => i.path);
      expect(paths).toContain('strategies.0.nodePool.spot.discount');
      expect(paths).toContain('strategies.0.nodePool.spot.interruptionsPerMonth');
    }
    const unknownType = safeParseScenario({ ...base, strategies: [{ kind: 'nodes', name: 'u', nodePool: { instanceTypes: ['m6i.xlarge'], spot: { pricePerHour: { 'm5.large': 0.03 } } } }] });
    expect(unknownType.ok).toBe(false);
    if (!unknownType.ok) expect(unknownType.issues.map((i) => i.path)).toContain('strategies.0.nodePool.spot.pricePerHour.m5.large');
  });
});
