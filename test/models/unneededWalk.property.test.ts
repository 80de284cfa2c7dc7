import { afterEach, describe, expect, it } from 'vitest';
import { ClusterAutoscaler } from '../../src/models/clusterAutoscaler.ts';
import { StrategyRun } from '../../src/replay/strategyRun.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import type { ScenarioInput } from '../../src/scenario/scenario.ts';
import { Random } from '../../src/sim/random.ts';
import { buildWorkload } from '../../src/workload/build.ts';

/**
 * The incremental unneeded-node walk (visit only the nodes whose verdict could have changed, pick
 * removals from heaps) against the full re-walk it replaced (every listed node at every scan,
 * removals read from the walk's arrays; `ClusterAutoscaler.referenceWalk`). The reference also
 * checks the walk's two claims as it goes (the limit never stops it before a node already
 * unneeded; the nodes it finds are exactly the unneeded set) and throws if one fails.
 *
 * Random small pools under churn, sized to reach what the walk must get right: the walk limit
 * (max-scale-down-parallelism 1-3 with short unneeded times), nodes found unremovable and
 * rechecked soon after, relisted nodes that keep their timer, drains (one or several per scan),
 * empty nodes in bulk, scale-down cooldowns, safe-to-evict off, warm headroom placeholders.
 */
function randomScenario(seed: number): ScenarioInput {
  const rng = new Random(seed, 5);
  const rows: Array<[number, number, number, number, string]> = [];
  const n = 100 + rng.int(500);
  const waves = 2 + rng.int(6);
  for (let i = 0; i < n; i++) {
    // Waves of arrivals, so pools grow and then empty out.
    const t = rng.int(waves) * 1800 + rng.int(600);
    rows.push([t, 60 + rng.int(2400), [250, 500, 1000, 1500, 2000][rng.int(5)], [256, 1024, 2048, 4096][rng.int(4)], rng.next() < 0.5 ? 'batch' : 'web']);
  }
  const scanInterval = 1 + rng.int(20);
  // A tight walk limit: min(found last time + 2N, N x unneededTime / scanInterval + N) = 2 with N = 1.
  const tight = rng.next() < 0.3;
  const autoscaler = {
    expander: (['random', 'least-waste', 'most-pods', 'price'] as const)[rng.int(4)],
    scanInterval,
    scaleDownUnneededTime: tight ? rng.int(scanInterval + 1) : rng.next() < 0.3 ? rng.int(3) * scanInterval : rng.int(400),
    scaleDownDelayAfterAdd: rng.int(200),
    scaleDownDelayAfterFailure: rng.int(200),
    scaleDownUtilizationThreshold: 0.3 + rng.next() * 0.5,
    maxScaleDownParallelism: tight ? 1 : 1 + rng.int(rng.next() < 0.5 ? 3 : 12),
    maxDrainParallelism: rng.int(4),
    unremovableNodeRecheckTimeout: rng.int(4) * scanInterval + rng.int(60),
    safeToEvict: rng.next() < 0.85,
  };
  const pool = {
    instanceTypes: [['m6i.large', 'm6i.xlarge', 'c6i.xlarge'][rng.int(3)], 'm6i.2xlarge'],
    minNodes: rng.int(3),
    maxNodes: 10 + rng.int(40),
    provisioningDelay: { kind: 'constant' as const, seconds: 10 + rng.int(60) },
    podStart: { sandbox: { kind: 'constant' as const, seconds: 1 + rng.int(3) }, imagePull: { kind: 'constant' as const, seconds: rng.int(10) } },
    scoring: rng.next() < 0.3 ? ('MostAllocated' as const) : ('LeastAllocated' as const),
    autoscaler,
    ...(rng.next() < 0.25 ? { headroom: { placeholderPods: 1 + rng.int(6), pod: { cpuMillicores: 500, memoryMiB: 512 }, preemptionDelay: { kind: 'constant' as const, seconds: 2 } } } : {}),
  };
  return {
    schemaVersion: 1,
    name: `walk ${seed}`,
    seed,
    horizon: waves * 1800 + 4000,
    workload: [{ type: 'trace', name: 'rows', rows }],
    strategies: [
      { kind: 'nodes', name: 'nodes', nodePool: pool },
      {
        kind: 'mixed',
        name: 'mixed',
        nodePool: pool,
        serverless: { preset: 'aws-fargate' },
        overflow: { policy: 'resourcePolicy', units: [{ resource: 'nodes' }, { resource: 'serverless' }], whenTryNextUnits: { timeout: 30 + rng.int(120) } },
      },
    ],
  };
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

function run(input: ScenarioInput, reference: boolean) {
  ClusterAutoscaler.referenceWalk = reference;
  const scenario = parseScenario(input);
  const pods = buildWorkload(scenario);
  return scenario.strategies.map((s, i) => JSON.parse(JSON.stringify(new StrategyRun(scenario, s, pods, i).result(), (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x))) as Record<string, unknown>);
}

describe('incremental unneeded-node walk', () => {
  afterEach(() => {
    ClusterAutoscaler.referenceWalk = false;
  });
  let evictions = 0;
  let removedByDrain = 0;
  for (const seed of SEEDS) {
    it(`seed ${seed}: the same results as a full re-walk at every scan`, () => {
      const input = randomScenario(seed);
      const full = run(input, true);
      const incremental = run(input, false);
      expect(incremental).toEqual(full);
      const evicted = full.map((r) => (r.pods as { evictions: number }).evictions);
      evictions += evicted[0] + evicted[1];
      if (evicted[0] > 0) removedByDrain++;
    });
  }
  it('the random pools drain nodes (the walk has non-empty nodes to judge)', () => {
    expect(removedByDrain).toBeGreaterThan(SEEDS.length / 4);
    expect(evictions).toBeGreaterThan(100);
  });
});
