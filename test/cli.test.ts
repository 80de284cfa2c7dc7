import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim } from './runCli.ts';



const dir = mkdtempSync(join(tmpdir(), 'spillway-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('npm run sim', () => {
  it('prints the JSON contract for the headline scenario with three strategy kinds', () => {
    const r = sim('scenarios/online-class-evening-burst.json', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenario).toBe('Online classes: evening burst');
    expect(out.strategies.map((s: { kind: string }) => s.kind)).toEqual(['nodes', 'serverless', 'mixed']);
    for (const s of out.strategies) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['name', 'kind', 'cost', 'utilization', 'pendingSeconds', 'slo', 'pods', 'events']));
      expect(Object.keys(s.cost)).toEqual(['total', 'currency', 'items']);
      expect(Object.keys(s.pendingSeconds)).toEqual(expect.arrayContaining(['p50', 'p95', 'p99', 'max']));
      expect(s.slo.thresholdSeconds).toBe(60);
      expect(s.pods.total).toBeGreaterThan(24000);
    }
  });

  it('prints a side-by-side table and honours --seed', () => {
    const a = sim('scenarios/flash-sale-spike.json', '--seed', '1');
    const b = sim('scenarios/flash-sale-spike.json', '--seed', '2');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('ACK + cluster-autoscaler');
    expect(a.stdout).toContain('pending p95');
    expect(a.stdout).toContain('seed 1');
    expect(b.stdout).toContain('seed 2');
  });

  it('replays a canonical CSV with --trace', () => {
    const csv = file('ok.csv', 'arrival_s,duration_s,cpu_m,mem_mib,class\n0,600,500,1024,web\n10,600,500,1024,web\n');
    const r = sim('scenarios/steady-web-service.json', '--trace', csv, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).strategies[0].pods.total).toBe(2);
  });

  it('gives the same results with the strategies on worker threads (--jobs 3) as one after another (--jobs 1)', () => {
    const threads = sim('scenarios/flash-sale-spike.json', '--json', '--jobs', '3');
    const one = sim('scenarios/flash-sale-spike.json', '--json', '--jobs', '1');
    expect(threads.code).toBe(0);
    expect(one.code).toBe(0);
    const a = JSON.parse(threads.stdout);
    expect(a.strategies.length).toBe(3);
    expect(a).toEqual(JSON.parse(one.stdout));
  });

  const cases: Array<[string, () => string[], RegExp]> = [
    ['a missing file', () => ['nope.json'], /nope\.json: cannot read scenario: no such file/],
    ['malformed JSON', () => [file('bad.json', '{"schemaVersion": 1,\n  "name": }')], /bad\.json: not valid JSON .*line 2/],
    [
      'a schema violation',
      () => [file('schema.json', JSON.stringify({ schemaVersion: 1, name: 'x', workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 100, memoryMiB: 100 } }], strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'], minNodes: 5, maxNodes: 2 } }] }))],
      /schema\.json: strategies\.0\.nodePool\.maxNodes: must be >= minNodes \(5\)/,
    ],
    ['an unknown instance type', () => [file('type.json', JSON.stringify({ schemaVersion: 1, name: 'x', workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 100, memoryMiB: 100 } }], strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m9.huge'] } }] }))], /^error: \S*type\.json: strategies\.0\.nodePool\.instanceTypes\.0: unknown instance type "m9\.huge"/],
    [
      'a misspelt field',
      () => [file('typo.json', JSON.stringify({ schemaVersion: 1, name: 'x', horizn: '2d', workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 100, memoryMiB: 100 } }], strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'] } }] }))],
      /typo\.json: unknown field "horizn" \(did you mean horizon\?\)/,
    ],
    [
      'several problems at once',
      () => [file('many.json', JSON.stringify({ schemaVersion: 1, name: 'x', horizon: 'soon', workload: [{ type: 'burst', name: 'b', sessionStarts: ['25:00'], podsPerSession: 10, pod: { cpuMillicores: 100, memoryMiB: 100 } }], strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m6i.large'], minNodes: 5, maxNodes: 2 } }] }))],
      /^error: \S*many\.json: horizon: "soon" is not a duration; .*; workload\.0\.sessionStarts\.0: "25:00" is not a time of day; .*; strategies\.0\.nodePool\.maxNodes: must be >= minNodes \(5\)\n$/,
    ],
    [
      'a 1 MB instance type name',
      () => [file('long.json', JSON.stringify({ schemaVersion: 1, name: 'x', workload: [{ type: 'burst', name: 'b', sessionStarts: ['19:00'], podsPerSession: 10, pod: { cpuMillicores: 100, memoryMiB: 100 } }], strategies: [{ kind: 'nodes', name: 'n', nodePool: { instanceTypes: ['m'.repeat(1 << 20)] } }] }))],
      /^error: \S*long\.json: strategies\.0\.nodePool\.instanceTypes\.0: .{1,200}\n$/,
    ],
    [
      'a workload too big to replay in about a minute',
      () => [file('huge.json', JSON.stringify({ schemaVersion: 1, name: 'x', horizon: '31d', workload: [{ type: 'batch', name: 'j', jobsPerHour: 1_000_000, runtime: { kind: 'constant', seconds: 60 }, pod: { cpuMillicores: 100, memoryMiB: 100 } }], strategies: [{ kind: 'serverless', name: 's', serverless: {} }] }))],
      /^error: \S*huge\.json: workload: about 744,000,000 pods x 1 strategy = 744,000,000 pod replays, more than the limit of 20,000,000, .* or pass --max-pods 744000000 to run it anyway\n$/,
    ],
    ['a workload above --max-pods', () => ['scenarios/flash-sale-spike.json', '--max-pods', '100'], /^error: scenarios\/flash-sale-spike\.json: workload: about [\d,]+ pods x 3 strategies = [\d,]+ pod replays, more than --max-pods 100; /],
    ['a bad --max-pods', () => ['scenarios/flash-sale-spike.json', '--max-pods', '1e9'], /--max-pods: "1e9" is not a whole number above 0/],
    // Issue 16: the refusal names Monte Carlo runs as runs (it said "sweep runs").
    ['--runs above --max-pods', () => ['scenarios/flash-sale-spike.json', '--runs', '20', '--max-pods', '1000'], /^error: scenarios\/flash-sale-spike\.json: workload: about [\d,]+ pods x 3 strategies x 20 runs = [\d,]+ pod replays, more than --max-pods 1000; /],
    // Issue 16: --recommend's grid is checked before anything runs (one replay of the headline is
    // about 24,000 pods x 3 strategies, within 100,000; its coarse grid is not).
    [
      '--recommend above --max-pods',
      () => ['scenarios/online-class-evening-burst.json', '--recommend', '--max-pods', '100000'],
      /^error: scenarios\/online-class-evening-burst\.json: --recommend: about [\d,]+ pods x [\d,]+ one-strategy replays \([\d,]+ configurations x 2 screening runs, then the best of each strategy with 10 runs\) = [\d,]+ pod replays, more than --max-pods 100000; .*pass --max-pods \d+ to run it anyway\n$/,
    ],
    ['a future schema version', () => [file('future.json', JSON.stringify({ schemaVersion: 99, name: 'x' }))], /schemaVersion: 99 is newer than this Spillway understands/],
    ['a bad CSV row', () => ['scenarios/steady-web-service.json', '--trace', file('bad.csv', 'arrival_s,duration_s,cpu_m,mem_mib\n0,10,100,100\n5,abc,100,100\n')], /bad\.csv:3: /],
    ['a bad option', () => ['scenarios/steady-web-service.json', '--seed', '-3'], /--seed/],
    ['a bad --jobs', () => ['scenarios/steady-web-service.json', '--jobs', '0'], /--jobs: "0" is not a whole number from 1 to 256/],
  ];
  for (const [what, args, message] of cases) {
    it(`reports ${what} in one line naming the file and field or line, exit 2, no stack trace`, () => {
      const r = sim(...args());
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // One line (a usage error adds the usage text after a blank line).
      expect(r.stderr.split('\n\n')[0].trim().split('\n')).toHaveLength(1);
    });
  }

  it('reads a scenario file that starts with a UTF-8 byte order mark', () => {
    const text = readFileSync('scenarios/flash-sale-spike.json', 'utf8');
    const r = sim(file('bom.json', '\uFEFF' + text), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe(JSON.parse(text).name);
  });
});
