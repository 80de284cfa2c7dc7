import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../src/scenario/jsonErrorPosition.ts';
import { migrate, MIGRATIONS } from '../../src/scenario/migrations.ts';
import { parseScenarioText, safeParseScenario } from '../../src/scenario/parse.ts';

const minimal = {
  schemaVersion: 1,
  name: 'min',
  workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 500, memoryMiB: 512 } }],
  strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'] } }],
};

describe('scenario schema', () => {
  it('fills cluster-autoscaler defaults from the upstream FAQ', () => {
    const r = safeParseScenario(minimal);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.scenario.strategies[0];
    if (s.kind !== 'nodes') throw new Error('kind');
    expect(s.nodePool.autoscaler).toMatchObject({
      scanInterval: 10,
      scaleDownUnneededTime: 600,
      scaleDownDelayAfterAdd: 600,
      scaleDownUtilizationThreshold: 0.5,
      maxNodeProvisionTime: 900,
      expander: 'random',
      maxScaleDownParallelism: 10,
    });
    expect(s.nodePool.scoring).toBe('LeastAllocated');
    expect(r.scenario.horizon).toBe(86400);
    expect(r.scenario.slo.pendingSeconds).toBe(60);
  });

  it('reads durations and times of day the way people write them', () => {
    const r = safeParseScenario({ ...minimal, horizon: '2d', workload: [{ ...minimal.workload[0], sessionStarts: ['19:30', '07:05:30'], herdWidth: '90s', sessionLength: '1.5h' }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.scenario.horizon).toBe(172800);
    const w = r.scenario.workload[0];
    if (w.type !== 'burst') throw new Error('type');
    expect(w.sessionStarts).toEqual([19.5 * 3600, 7 * 3600 + 5 * 60 + 30]);
    expect(w.herdWidth).toBe(90);
    expect(w.sessionLength).toBe(5400);
  });

  it('names the field path of every problem', () => {
    const r = safeParseScenario({
      ...minimal,
      horizon: '10 parsecs',
      strategies: [
        { kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'], minNodes: 4, maxNodes: 2 } },
        { kind: 'serverless', name: 'n', serverless: { preset: 'oci-container-instances' } },
        { kind: 'mixed', name: 'm' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('horizon');
    expect(paths).toContain('strategies.0.nodePool.maxNodes');
    expect(paths).toContain('strategies.1.serverless.preset');
    expect(paths).toContain('strategies.2.nodePool');
    expect(r.issues.find((i) => i.path === 'horizon')?.message).toMatch(/"10 parsecs" is not a duration/);
  });

  it('rejects two strategies with the same name', () => {
    const r = safeParseScenario({ ...minimal, strategies: [minimal.strategies[0], minimal.strategies[0]] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toEqual({ path: 'strategies.1.name', message: '"n" is used by two strategies; names must be unique' });
  });

  it('says where malformed JSON breaks', () => {
    expect(() => parseScenarioText('{\n  "name": "x",\n  "seed": 1,,\n}', 'my.json')).toThrow('my.json: not valid JSON (unexpected "," at line 3, column 13)');
  });
});

describe('migrations', () => {
  it('each step has a test: 0 -> 1 adds schemaVersion', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([0]);
    const { schemaVersion, ...draft } = minimal;
    expect(schemaVersion).toBe(1);
    expect(migrate(draft)).toEqual(minimal);
    expect(safeParseScenario(draft).ok).toBe(true);
  });
  it('refuses a file from a newer Spillway with a clear message', () => {
    const r = safeParseScenario({ ...minimal, schemaVersion: 7 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toEqual({ path: 'schemaVersion', message: '7 is newer than this Spillway understands (1); update Spillway to open it' });
  });
});

describe('jsonErrorPosition', () => {
  it('returns -1 for valid JSON', () => {
    expect(jsonErrorPosition('{"a": [1, -2.5e3, "x\\n", true, null, {}]}')).toBe(-1);
  });
  it('points at the first character that breaks it', () => {
    expect(jsonErrorPosition('[1, 2,]')).toBe(6);
    expect(jsonErrorPosition('{"a" 1}')).toBe(5);
    expect(jsonErrorPosition('{"a": 01}')).toBe(7);
    expect(jsonErrorPosition('"abc')).toBe(4);
    expect(jsonErrorPosition('{} x')).toBe(3);
  });
});

describe('jsonErrorPosition on deeply nested input (issue 18 item 6)', () => {
  it('finds the error in JSON nested 100,000 deep without running out of stack', () => {
    const depth = 100_000;
    // 100,000 opening brackets, then a brace where a value must be: the error is at offset 100,000.
    expect(jsonErrorPosition('['.repeat(depth) + '}')).toBe(depth);
    // Objects too: {"a":{"a":... then a stray comma.
    expect(jsonErrorPosition('{"a":'.repeat(depth) + ',')).toBe(5 * depth);
    // Valid deep nesting is valid.
    expect(jsonErrorPosition('['.repeat(depth) + ']'.repeat(depth))).toBe(-1);
    expect(jsonErrorPosition('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))).toBe(-1);
  });
  it('names line and column of the error in a deeply nested scenario file', () => {
    expect(() => parseScenarioText('['.repeat(100_000) + '}', 'deep.json')).toThrow('deep.json: not valid JSON (unexpected "}" at line 1, column 100001)');
  });
});
