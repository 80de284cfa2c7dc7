import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeParseScenario } from '../../src/scenario/parse.ts';
import { editDistance, nearestKey } from '../../src/scenario/unknownField.ts';

const minimal = {
  schemaVersion: 1,
  name: 'min',
  workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 500, memoryMiB: 512 } }],
  strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'], autoscaler: { scanInterval: '10s' } } }],
};

function issuesOf(doc: unknown) {
  const r = safeParseScenario(doc);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.issues;
}

describe('unknown fields (issue 18 item 5)', () => {
  it('refuses a misspelt field instead of using its default in silence, naming the nearest known field', () => {
    const doc = structuredClone(minimal) as Record<string, unknown> & typeof minimal;
    (doc as Record<string, unknown>).horizn = '2d';
    (doc.strategies[0].nodePool as Record<string, unknown>).maxNode = 3;
    (doc.strategies[0].nodePool.autoscaler as Record<string, unknown>).scaleDownUnneededTme = 0;
    expect(issuesOf(doc)).toEqual(
      expect.arrayContaining([
        { path: '', message: 'unknown field "horizn" (did you mean horizon?)' },
        { path: 'strategies.0.nodePool', message: 'unknown field "maxNode" (did you mean maxNodes?)' },
        { path: 'strategies.0.nodePool.autoscaler', message: 'unknown field "scaleDownUnneededTme" (did you mean scaleDownUnneededTime?)' },
      ]),
    );
  });

  it('lists the fields when nothing is close, and inside unions names the option the value matched', () => {
    const doc = structuredClone(minimal) as typeof minimal;
    (doc.workload[0].pod as Record<string, unknown>).gpus = 1;
    (doc.strategies[0].nodePool as Record<string, unknown>).overhead = { kubeReserved: { cpuMillicores: 100, memoryMB: 100 } };
    const issues = issuesOf(doc);
    expect(issues).toContainEqual({ path: 'workload.0.pod', message: 'unknown field "gpus"; the fields here are cpuMillicores, memoryMiB' });
    expect(issues).toContainEqual({ path: 'strategies.0.nodePool.overhead.kubeReserved', message: 'unknown field "memoryMB" (did you mean memoryMiB?)' });
  });

  it('migrates an older version first, then checks its fields strictly', () => {
    const { schemaVersion: _v, ...v0 } = minimal;
    expect(safeParseScenario(v0).ok).toBe(true);
    expect(issuesOf({ ...v0, sede: 3 })).toEqual([{ path: '', message: 'unknown field "sede" (did you mean seed?)' }]);
  });

  it('still accepts every built-in scenario', () => {
    const dir = join(import.meta.dirname, '..', '..', 'scenarios');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const r = safeParseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      expect(r.ok ? [] : r.issues, f).toEqual([]);
    }
  });

  it('suggests by edit distance, ignoring case, and only when the key is close', () => {
    expect(editDistance('horizn', 'horizon')).toBe(1);
    expect(editDistance('maxNdoes', 'maxNodes')).toBe(1); // two neighbours swapped
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestKey('ScaleDownUnneededTIME', ['scanInterval', 'scaleDownUnneededTime'])).toBe('scaleDownUnneededTime');
    expect(nearestKey('colour', ['name', 'seed'])).toBeUndefined();
  });
});
