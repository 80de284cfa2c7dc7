import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { StrategyRun } from '../../src/replay/strategyRun.ts';
import { buildWorkload } from '../../src/workload/build.ts';
import { Random } from '../../src/sim/random.ts';
import { PROVISIONING_STAGES, WAIT_CAUSES } from '../../src/metrics/waits.ts';
import type { ScenarioInput } from '../../src/scenario/scenario.ts';

/**
 * Random small scenarios that reach every cause: node limits low enough to block scale-ups, fixed
 * pools, pods too big for anything, drains of nodes whose pods are still pulling their image,
 * overflow timeouts, tight serverless launch limits, warm headroom placeholders that burst pods
 * preempt, and horizons that cut pods off while they wait.
 */
function randomScenario(seed: number): ScenarioInput {
  const rng = new Random(seed, 7);
  const headroomRng = new Random(seed, 11);
  const rows: Array<[number, number, number, number, string]> = [];
  const n = 50 + rng.int(400);
  for (let i = 0; i < n; i++) {
    const t = rng.int(20) * 600 + (rng.next() < 0.5 ? 0 : rng.int(300));
    const cpu = rng.next() < 0.03 ? 200_000 : [250, 500, 1000, 2000, 3500][rng.int(5)];
    rows.push([t, 30 + rng.int(3000), cpu, [256, 1024, 2048, 7000][rng.int(4)], rng.next() < 0.3 ? 'batch' : 'web']);
  }
  const delay = () => (rng.next() < 0.5 ? { kind: 'constant' as const, seconds: rng.int(60) } : { kind: 'lognormal' as const, median: 20 + rng.int(60), p95: 100 + rng.int(100) });
  const autoscaler =
    rng.next() < 0.2
      ? null
      : {
          expander: (['random', 'least-waste', 'most-pods', 'price'] as const)[rng.int(4)],
          scanInterval: 1 + rng.int(30),
          scaleDownUnneededTime: rng.int(300),
          scaleDownDelayAfterAdd: rng.int(300),
          maxDrainParallelism: rng.int(5),
          maxNodesTotal: rng.next() < 0.3 ? 1 + rng.int(5) : 0,
        };
  const pool = {
    instanceTypes: [['m6i.large', 'm6i.xlarge', 'c6i.2xlarge'][rng.int(3)], 'm6i.2xlarge'],
    minNodes: rng.int(3),
    maxNodes: 3 + rng.int(30),
    provisioningDelay: delay(),
    podStart: { sandbox: delay(), imagePull: delay() },
    autoscaler,
    // Warm headroom from a stream of its own, so the draws above stay as they were.
    ...(headroomRng.next() < 0.4
      ? { headroom: { placeholderPods: 1 + headroomRng.int(6), pod: { cpuMillicores: 500, memoryMiB: 512 }, preemptionDelay: { kind: 'constant' as const, seconds: 1 + headroomRng.int(5) } } }
      : {}),
  };
  const serverless = {
    preset: (['aws-fargate', 'alibaba-eci', 'gke-autopilot'] as const)[rng.int(3)],
    ...(rng.next() < 0.5 ? { launchRate: { burst: 1 + rng.int(10), perSecond: 0.2 + rng.next() * 3 } } : {}),
  };
  return {
    schemaVersion: 1,
    name: `random ${seed}`,
    seed,
    horizon: 2000 + rng.int(20000),
    workload: [{ type: 'trace', name: 'rows', rows }],
    strategies: [
      { kind: 'nodes', name: 'nodes', nodePool: pool },
      { kind: 'serverless', name: 'serverless', serverless },
      {
        kind: 'mixed',
        name: 'mixed',
        nodePool: pool,
        serverless,
        overflow:
          rng.next() < 0.3
            ? { policy: 'normalNodePrefer' }
            : { policy: 'resourcePolicy', units: [{ resource: 'nodes', ...(rng.next() < 0.3 ? { max: 1 + rng.int(50) } : {}) }, { resource: 'serverless' }], whenTryNextUnits: { timeout: rng.int(120) } },
        classSelectors: rng.next() < 0.3 ? [{ classes: ['batch'], target: 'serverless' }] : [],
      },
    ],
  };
}

const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

describe('wait attribution', () => {
  const seen = new Set<string>();
  const stagesSeen = new Set<string>();
  for (const seed of SEEDS) {
    it(`seed ${seed}: per strategy the seconds by cause add up to the total pending seconds, none negative`, () => {
      const scenario = parseScenario(randomScenario(seed));
      const pods = buildWorkload(scenario);
      scenario.strategies.forEach((strategy, i) => {
        const r = new StrategyRun(scenario, strategy, pods, i).result();
        // The total, independently of the ledger: arrival to first Running, or to the horizon.
        const total = r.pendingSeconds.mean * r.pods.total;
        expect(r.waits.totalSeconds).toBeCloseTo(total, 6);
        const causes = Object.keys(r.waits.byCause);
        expect(causes).toEqual([...WAIT_CAUSES]);
        let sum = 0;
        for (const c of WAIT_CAUSES) {
          const v = r.waits.byCause[c];
          expect(v, `${strategy.name} ${c}`).toBeGreaterThanOrEqual(-1e-6);
          sum += v;
          if (v > 1e-6) seen.add(c);
        }
        expect(Math.abs(sum - r.waits.totalSeconds), `${strategy.name}: ${sum} vs ${r.waits.totalSeconds}`).toBeLessThanOrEqual(1e-9 * Math.max(1, r.waits.totalSeconds));
        // The provisioning seconds split by stage add up to the provisioning cause.
        expect(Object.keys(r.waits.provisioningByStage)).toEqual([...PROVISIONING_STAGES]);
        let staged = 0;
        for (const k of PROVISIONING_STAGES) {
          const v = r.waits.provisioningByStage[k];
          expect(v, `${strategy.name} ${k}`).toBeGreaterThanOrEqual(0);
          staged += v;
          if (v > 1e-6) stagesSeen.add(k);
        }
        const provisioning = r.waits.byCause.provisioning;
        expect(Math.abs(staged - provisioning), `${strategy.name}: stages ${staged} vs provisioning ${provisioning}`).toBeLessThanOrEqual(1e-9 * Math.max(1, provisioning));
      });
    });
  }
  it('the random scenarios reach every cause', () => {
    expect([...seen].sort()).toEqual([...WAIT_CAUSES].sort());
  });
  it('the random scenarios reach the node-group, node and room stages', () => {
    // The loop needs 100+ nodes and the EC2 bucket 1,000 launches: not in scenarios this small.
    // (A pod left unbound at the horizon: test/metrics/provisioningStages.test.ts.)
    for (const k of ['awaitingScaleUp', 'nodeGroupReaction', 'nodeStartup', 'roomOnReadyNode']) expect(stagesSeen, k).toContain(k);
  });
});
