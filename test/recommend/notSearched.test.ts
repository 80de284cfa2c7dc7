import { describe, expect, it } from 'vitest';
import { notSearched } from '../../src/recommend/notSearched.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const loadBuiltin = (name: string) => parseScenario(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', `${name}.json`), 'utf8')));

describe('what the recommender could not search', () => {
  it('names the pre-scale a session workload could use when a pool has no schedule (the headline)', () => {
    const s = loadBuiltin('online-class-evening-burst');
    const lines = notSearched(s);
    // The headline: sessions at 19:00 and 20:00 (workload.1); two strategies with node pools and
    // cluster-autoscaler, neither with a schedule; the serverless one has no pool.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ACK \+ cluster-autoscaler: no scheduled pre-scale to search \(strategies\.0\.nodePool\.schedule is empty\); sessions start at 19:00, 20:00 \(workload\.1, evening classes\)/);
    expect(lines[1]).toMatch(/^ACK \+ ECI virtual node: .*strategies\.2\.nodePool\.schedule is empty/);
  });

  it('says nothing when the pools already have a schedule, or the workload has no sessions', () => {
    // Its two pre-scale strategies have schedules; only the plain cluster-autoscaler one is named.
    expect(notSearched(loadBuiltin('eks-pre-scale-before-the-bell')).map((l) => l.slice(0, l.indexOf(':')))).toEqual(['EKS + cluster-autoscaler']);
    expect(notSearched(loadBuiltin('steady-web-service'))).toEqual([]);
  });

  it('under Karpenter points at headroom.schedule (Karpenter has no minimum size to schedule)', () => {
    const s = parseScenario({
      schemaVersion: 1,
      name: 'k',
      horizon: 86400,
      workload: [{ type: 'burst', name: 'classes', sessionStarts: ['19:00'], podsPerSession: 100, pod: { cpuMillicores: 1000, memoryMiB: 1024 } }],
      strategies: [{ kind: 'nodes', name: 'karpenter', nodePool: { instanceTypes: ['m6i.2xlarge'], karpenter: {} } }],
    });
    expect(notSearched(s)).toEqual([
      'karpenter: no scheduled pre-scale to search (strategies.0.nodePool.headroom.schedule is empty); sessions start at 19:00 (workload.0, classes): placeholder pods scaled up shortly before them and down at the start may meet the SLO for less; add a schedule and run the search again',
    ]);
  });
});
