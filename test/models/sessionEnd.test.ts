import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { constant, noOverhead, runStrategy } from '../helpers.ts';
import { hashString, Random } from '../../src/sim/random.ts';
import { MONTH, node, serverless, spotStream, spotThenServerless } from '../spotThenServerless.ts';

/** One 10:00 session of two 3-vCPU pods (both arrive at 10:00, end at 10:00 + 1000 s) on one fixed node that holds one. */
function session(podsEnd?: 'withSession' | 'afterRunTime') {
  return parseScenario({
    schemaVersion: 1,
    name: 'class',
    horizon: 86400,
    workload: [{ type: 'burst', name: 'class', sessionStarts: ['10:00'], podsPerSession: 2, herdWidth: 0, sessionLength: 1000, endJitter: 0, pod: { cpuMillicores: 3000, memoryMiB: 1024 }, ...(podsEnd ? { podsEnd } : {}) }],
    strategies: [{ kind: 'nodes', name: 'one node', controlPlanePerHour: 0, nodePool: { instanceTypes: [node], overhead: noOverhead, minNodes: 1, autoscaler: null, podStart: { sandbox: constant(2), imagePull: constant(8) } } }],
  });
}

describe('session pods end with their session', () => {
  it('a pod that starts late still ends when the class ends (default withSession)', () => {
    // Pod A runs from 36,010 s (sandbox 2 + pull 8) and ends with the session at 37,000 s: 990 s.
    // Pod B waits for the node, binds at 37,000 s and is Running at 37,002 s, after its session
    // ended: it stops as it starts (0 s). Pod-hours: 990 / 3600.
    const r = runStrategy(session()).result();
    expect(r.pods.completed).toBe(2);
    expect(r.pods.podHours).toBeCloseTo(990 / 3600, 9);
    expect(r.pendingSeconds.max).toBeCloseTo(1002, 9);
  });

  it('afterRunTime: each pod runs its full 1000 s from when it starts', () => {
    // A: 36,010 s to 37,010 s; B binds at 37,010 s, Running 37,012 s to 38,012 s. 2000 pod-seconds.
    const r = runStrategy(session('afterRunTime')).result();
    expect(r.pods.podHours).toBeCloseTo(2000 / 3600, 9);
    expect(r.pendingSeconds.max).toBeCloseTo(1012, 9);
  });
});

describe('a session pod moved to serverless ends with its session there', () => {
  // A spot node (mean notice 3,650 s) and serverless pods for what does not fit (test/spotThenServerless.ts).
  const SEED = 42;
  const L = 40_000;
  const scenario = parseScenario({
    schemaVersion: 1,
    name: 'class on spot',
    horizon: 86400,
    seed: SEED,
    workload: [{ type: 'burst', name: 'class', sessionStarts: ['00:00'], podsPerSession: 1, herdWidth: 0, sessionLength: L, endJitter: 0, pod: { cpuMillicores: 1000, memoryMiB: 1024 } }],
    strategies: [spotThenServerless({})],
  });

  it('the node finish event left from before the interruption does not end it (both fall at the session end)', () => {
    // The node is Ready at 0 and draws its notice then.
    const reclaimed = spotStream(SEED).exponential(720 / MONTH) + 120;
    expect(reclaimed + 15).toBeLessThan(L);
    // The pod runs on the node from 10 s; the interruption stops it, and it reruns on serverless
    // from the reclaim: billed per whole second from its pull (reclaimed + 5 s) to the session end
    // at L. The node's finish event, scheduled for L when the pod started there, is stale by then.
    const r = runStrategy(scenario).result();
    expect(r.pods.completed).toBe(1);
    expect(r.cost.items.serverlessCpu).toBeCloseTo((0.036 * Math.ceil(L - reclaimed - 5)) / 3600, 9);
    expect(r.pods.podHours).toBeCloseTo((reclaimed - 10 + (L - reclaimed - 15)) / 3600, 9);
  });
});

describe('a preemptible serverless session pod reclaimed once', () => {
  // ECI preemptible pods (1 h protection, 300 s notice, 360 interruptions a month), 5 s sandbox
  // and 10 s pull, $0.018 per vCPU-hour (half of $0.036), billed per whole second.
  const SEED = 7;
  // The pod launches at 0 (pull, and billing, from 5 s) and draws its reclaim first.
  const reclaimed = 5 + 3600 + new Random(SEED, hashString('preemptible pods')).exponential(360 / MONTH) + 300;
  // The session ends 1,000 s after the reclaim: the rerun (pull from reclaimed + 5 s) is still in
  // its protection hour then, so it ends with the session, at the same time the first run's
  // finish event (now stale) was scheduled for.
  const L = Math.ceil(reclaimed) + 1000;
  const scenario = parseScenario({
    schemaVersion: 1,
    name: 'class on preemptible pods',
    horizon: 2 * L,
    seed: SEED,
    workload: [{ type: 'burst', name: 'class', sessionStarts: ['00:00'], podsPerSession: 1, herdWidth: 0, sessionLength: L, endJitter: 0, pod: { cpuMillicores: 1000, memoryMiB: 1024 } }],
    strategies: [{ kind: 'serverless', name: 'eci spot', controlPlanePerHour: 0, serverless: { ...serverless, preset: 'alibaba-eci', spot: { discount: 0.5, interruptionsPerMonth: 360 } } }],
  });

  it('finishes once, at the session end, billed for both runs', () => {
    const r = runStrategy(scenario).result();
    expect(r.spot?.interruptions).toBe(1);
    expect(r.pods.completed).toBe(1);
    const billed = Math.ceil(reclaimed - 5 - 1e-9) + Math.ceil(L - (reclaimed + 5) - 1e-9);
    expect(r.cost.total).toBeCloseTo((0.018 / 3600) * billed, 9);
    // Running from 15 s to the reclaim, then from reclaimed + 15 s to L.
    expect(r.pods.podHours).toBeCloseTo((L - 30) / 3600, 9);
  });
});
