import { describe, expect, it } from 'vitest';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import { MAX_FIXED_COST_PER_HOUR, MAX_NODES, MAX_PRICE_PER_NODE_HOUR, MAX_PRICE_PER_UNIT_HOUR } from '../../src/scenario/limits.ts';
import { runStrategy } from '../helpers.ts';

const pod = { cpuMillicores: 100, memoryMiB: 100 };
const doc = (workload: unknown[], strategies: unknown[], horizon: string = '1d') => ({ schemaVersion: 1, name: 'x', horizon, workload, strategies });
const trace = { type: 'trace', name: 't', rows: [[0, 600, 100, 100]] };
const custom = (pricePerHour: number) => ({ name: 'box', vcpu: 4, memoryGiB: 16, pricePerHour });

function pathsRefused(d: unknown): string[] {
  const r = safeParseScenario(d);
  return r.ok ? [] : r.issues.map((i) => i.path);
}

describe('schema bounds: no input runs for minutes, eats the memory or costs Infinity (issue 18 item 6, issue 13 item 7)', () => {
  it('refuses the fuzzed inputs that hung, aborted V8 or printed a cost of null', () => {
    expect(pathsRefused(doc([{ type: 'diurnal', name: 'd', minReplicas: 0, maxReplicas: 1e9, pod }], [{ kind: 'serverless', name: 's', serverless: {} }]))).toEqual(['workload.0.maxReplicas']);
    expect(pathsRefused(doc([trace], [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'], minNodes: 1e8, maxNodes: 1e8 } }]))).toEqual(['strategies.0.nodePool.minNodes', 'strategies.0.nodePool.maxNodes']);
    expect(pathsRefused(doc([trace], [{ kind: 'nodes', name: 'n', controlPlanePerHour: 1e308, fixedCosts: [{ name: 'staff', perHour: 1e308 }], nodePool: { instanceTypes: [custom(1e308)] } }]))).toEqual([
      'strategies.0.controlPlanePerHour',
      'strategies.0.fixedCosts.0.perHour',
      'strategies.0.nodePool.instanceTypes.0.pricePerHour',
    ]);
    expect(pathsRefused(doc([trace], [{ kind: 'serverless', name: 's', serverless: { pricePerVcpuHour: 1e308, pricePerGiBHour: 1e308 } }]))).toEqual([
      'strategies.0.serverless.pricePerVcpuHour',
      'strategies.0.serverless.pricePerGiBHour',
    ]);
    // A session length near 1e308 plus its jitter overflowed to Infinity.
    expect(pathsRefused(doc([{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, sessionLength: 1e308, pod }], [{ kind: 'serverless', name: 's', serverless: {} }]))).toEqual(['workload.0.sessionLength']);
  });

  it('says what the limit is and why', () => {
    const r = safeParseScenario(doc([{ type: 'diurnal', name: 'd', minReplicas: 0, maxReplicas: 1e9, pod }], [{ kind: 'serverless', name: 's', serverless: {} }]));
    expect(r.ok ? [] : r.issues).toEqual([{ path: 'workload.0.maxReplicas', message: 'must be at most 1,000,000 (Kubernetes supports 150,000 pods per cluster)' }]);
  });

  it('at every price maximum, a year of the largest pool costs a finite amount', () => {
    const r = safeParseScenario(
      doc(
        [trace],
        [
          {
            kind: 'nodes',
            name: 'n',
            controlPlanePerHour: 1000,
            fixedCosts: [{ name: 'staff', perHour: MAX_FIXED_COST_PER_HOUR }],
            nodePool: { instanceTypes: [custom(MAX_PRICE_PER_NODE_HOUR)], minNodes: MAX_NODES, maxNodes: MAX_NODES, autoscaler: null },
          },
          { kind: 'serverless', name: 's', serverless: { pricePerVcpuHour: MAX_PRICE_PER_UNIT_HOUR, pricePerGiBHour: MAX_PRICE_PER_UNIT_HOUR } },
        ],
        '366d',
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const nodes = runStrategy(r.scenario, 0).result();
    // 100,000 nodes x 10,000/h x 8,784 h, plus 1,000/h and 1,000,000/h for 8,784 h.
    expect(nodes.cost.total).toBeCloseTo(1e5 * 1e4 * 8784 + 1000 * 8784 + 1e6 * 8784, -4);
    expect(Number.isFinite(runStrategy(r.scenario, 1).result().cost.total)).toBe(true);
  });
});
