import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardUnits } from '../src/cli/shard.ts';
import { buildCli, spillway } from './builtCli.ts';
import { sim } from './runCli.ts';

/** Two strategies whose costs are known: N servers at $0.50/h for 10 h (5N) vs a flat fee of $c/h (10c). */
const dir = mkdtempSync(join(tmpdir(), 'spillway-shard-'));
const fixed = join(dir, 'fixed.json');
const doc = {
  schemaVersion: 1,
  name: 'fixed pool vs flat fee',
  horizon: '10h',
  workload: [{ type: 'trace', name: 'one pod', rows: [[60, 600, 500, 512]] }],
  strategies: [
    { kind: 'nodes', name: 'pool', controlPlanePerHour: 0, nodePool: { instanceTypes: [{ name: 'server', vcpu: 8, memoryGiB: 32, pricePerHour: 0.5 }], minNodes: 1, maxNodes: 100, initialNodes: 1, autoscaler: null } },
    { kind: 'nodes', name: 'flat', controlPlanePerHour: 2, nodePool: { instanceTypes: [{ name: 'free', vcpu: 8, memoryGiB: 32, pricePerHour: 0 }], minNodes: 1, maxNodes: 1, autoscaler: null } },
  ],
};
writeFileSync(fixed, JSON.stringify(doc));
/** A 4 x 3 grid: 12 variants. */
const GRID = ['--sweep', 'strategies.0.nodePool.initialNodes=1:7:4', '--sweep', 'strategies.1.controlPlanePerHour=1:3:3'];

let bin: string;
const parts: string[] = [];
beforeAll(() => {
  bin = buildCli();
  for (let i = 0; i < 4; i++) {
    const r = spillway(bin, [fixed, ...GRID, '--shard', `${i}/4`]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, `part-${i}.json`);
    writeFileSync(file, r.stdout);
    parts.push(file);
  }
}, 120_000); // builds the CLI and runs processes: slow on a busy machine

describe('shard plan', () => {
  it('gives every unit to exactly one shard, for any number of shards', () => {
    for (let total = 0; total <= 25; total++) {
      for (let n = 1; n <= 30; n++) {
        const seen = new Array(total).fill(0);
        for (let i = 0; i < n; i++) for (const u of shardUnits(total, { index: i, count: n })) seen[u]++;
        expect(seen.every((c) => c === 1)).toBe(true);
      }
    }
    // Strided: shard 1 of 4 over 12 units takes 1, 5, 9.
    expect(shardUnits(12, { index: 1, count: 4 })).toEqual([1, 5, 9]);
  });

  it('numbers shards from 0, like JOB_COMPLETION_INDEX', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(() => parseShard('4/4')).toThrow('shard 4 does not exist: with 4 shards they are numbered 0 to 3');
  });
});

describe('--shard and spillway merge', () => {
  it('4 shards of a 2-parameter grid merge into the unsharded --json output, byte for byte', () => {
    const whole = sim(fixed, ...GRID, '--json'); // npm run sim (tsx)
    expect(whole.code).toBe(0);
    const merged = spillway(bin, ['merge', ...parts]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe(whole.stdout);
    // The numbers are the grid's, from first principles: pool 5N, flat 10c, rows N-major.
    const out = JSON.parse(merged.stdout);
    const expected = [1, 3, 5, 7].flatMap((n) => [1, 2, 3].map((c) => [5 * n, 10 * c]));
    expect(out.rows.map((r: { strategies: Array<{ cost: number }> }) => r.strategies.map((s) => Math.round(s.cost * 1e6) / 1e6))).toEqual(expected);
    // Parts given in any order merge to the same bytes.
    expect(spillway(bin, ['merge', ...[...parts].reverse()]).stdout).toBe(whole.stdout);
  });

  it('each partial is one JSON line stating what it covers', () => {
    const text = readFileSync(parts[1], 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    const p = JSON.parse(text);
    expect(p).toMatchObject({ spillwayPartial: 1, command: 'sweep', version: '0.1.0', seed: 1, shard: '1/4', units: { total: 12, indices: [1, 5, 9] } });
    expect(p.scenarioHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(p.results).toHaveLength(3);
  });

  it('keeps log lines that kubectl logs mixes into a part, repeating them on stderr', () => {
    const logged = join(dir, 'logged-2.json');
    writeFileSync(logged, `warning: something from the pod\n${readFileSync(parts[2], 'utf8')}`);
    const r = spillway(bin, ['merge', parts[0], parts[1], logged, parts[3]]);
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe(`${logged}: warning: something from the pod`);
  });

  const variant = (name: string, args: string[], edit?: (d: typeof doc) => void) => {
    const file = join(dir, `${name}.json`);
    let scenario = fixed;
    if (edit) {
      const d = JSON.parse(JSON.stringify(doc));
      edit(d);
      scenario = join(dir, `${name}-scenario.json`);
      writeFileSync(scenario, JSON.stringify(d));
    }
    const r = spillway(bin, [scenario, ...args]);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(file, r.stdout);
    return file;
  };

  it.each([
    ['a missing shard', () => [parts[0], parts[1], parts[3]], /^error: merge: missing shard 2\/4 \(have 3 of 4\)$/],
    ['an overlapping part', () => [...parts, join(dir, 'copy-1.json')], /^error: merge: .*part-1\.json and .*copy-1\.json are both shard 1\/4 \(overlapping parts\)$/],
    ['another seed', () => [parts[0], parts[1], parts[2], variant('seed-3', [...GRID, '--seed', '7', '--shard', '3/4'])], /^error: merge: .*seed-3\.json has seed 7 but .*part-0\.json has 1 \(a different random seed\)$/],
    ['another scenario', () => [parts[0], parts[1], parts[2], variant('price-3', [...GRID, '--shard', '3/4'], (d) => (d.strategies[0].nodePool.instanceTypes[0].pricePerHour = 0.6))], /^error: merge: .*price-3\.json has scenario hash "sha256:[0-9a-f]+" but .*part-0\.json has "sha256:[0-9a-f]+" \(a different scenario or trace\)$/],
    ['another version', () => [parts[0], parts[1], parts[2], edited('version-3', 3, (t) => t.replace('"version":"0.1.0"', '"version":"0.2.0"'))], /^error: merge: .*version-3\.json has version "0.2.0" but .*part-0\.json has "0.1.0" \(parts from different Spillway versions/],
    ['other sharding', () => [parts[0], parts[1], parts[2], variant('of5-3', [...GRID, '--shard', '3/5'])], /^error: merge: .*of5-3\.json has shard count 5 but .*part-0\.json has 4 \(parts of differently sharded runs\)$/],
    ['a truncated part', () => [parts[0], parts[1], edited('cut-2', 2, (t) => t.slice(0, 300)), parts[3]], /^error: .*cut-2\.json: damaged partial result: /],
    ['a part with a wrong number', () => [parts[0], parts[1], edited('nan-2', 2, (t) => t.replace(/"cost":[0-9.e+-]+/, '"cost":"12"')), parts[3]], /^error: .*nan-2\.json: damaged partial result: results\.0\.strategies\.0\.cost: /],
    ['a part whose units are not its shard', () => [parts[0], parts[1], edited('units-2', 2, (t) => t.replace('"indices":[2,6,10]', '"indices":[2,6,11]')), parts[3]], /^error: .*units-2\.json: damaged partial result: units 2, 6, 11 are not those of shard 2\/4 of 12$/],
    ['a file that is not a partial', () => [parts[0], fixed], /^error: .*fixed\.json: not a partial result \(no line starting \{"spillwayPartial":; is it the output of --shard\?\)$/],
    ['a file that does not exist', () => [parts[0], join(dir, 'nope.json')], /^error: .*nope\.json: cannot read partial result: no such file$/],
  ])('refuses %s with one line and exit 2', (_what, files, message) => {
    writeFileSync(join(dir, 'copy-1.json'), readFileSync(parts[1]));
    const r = spillway(bin, ['merge', ...files()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  function edited(name: string, from: number, edit: (text: string) => string): string {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, edit(readFileSync(parts[from], 'utf8')));
    return file;
  }

  it.each([
    ['3/2', /^error: --shard "3\/2": shard 3 does not exist: with 2 shards they are numbered 0 to 1$/],
    ['0/0', /^error: --shard "0\/0": the number of shards must be at least 1$/],
    ['a/b', /^error: --shard "a\/b": expected i\/n with whole numbers, 0 <= i < n/],
  ])('rejects --shard %s with one line and exit 2', (value, message) => {
    const r = spillway(bin, [fixed, ...GRID, '--shard', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('rejects --shard on a single run (one unit)', () => {
    const r = spillway(bin, [fixed, '--shard', '0/2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: --shard 0/2: only a multi-run command (--sweep, --runs, --recommend) has work to split; a single run is one unit');
  });
});
