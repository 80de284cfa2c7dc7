import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePoint, encodePoint } from '../src/cli/recommendShard.ts';
import { buildCli, spillway } from './builtCli.ts';
import { burstAtTenPast } from './burstAtTenPast.ts';

/**
 * `--recommend --shard i/n` and `spillway merge`: the shards split the command's own result and
 * the search's coarse grid; merge finishes the search and prints the unsharded --json bytes.
 *
 * 300 pods of 0.5 vCPU arrive within a minute at 00:10; two pools, each with a minNodes knob from
 * 0 to maxNodes. Coarse values (knobs.ts: 0, 1/8, 1/4, 1/2, 3/4, 1 of the way, rounded):
 * pool (max 60): 0, 8, 15, 30, 45, 60; big (max 30): 0, 4, 8, 15, 23, 30. So the coarse grid is
 * 2 strategies x 6 configurations x 2 screening seeds = 24 replays.
 */
const COARSE = 2 * 6 * 2;
const dir = mkdtempSync(join(tmpdir(), 'spillway-recommend-shard-'));
const doc = {
  ...burstAtTenPast,
  strategies: [
    ...burstAtTenPast.strategies,
    { kind: 'nodes', name: 'big', controlPlanePerHour: 0, nodePool: { instanceTypes: [{ name: 'big', vcpu: 16, memoryGiB: 64, pricePerHour: 0.7 }], minNodes: 0, maxNodes: 30 } },
  ],
};
const file = join(dir, 'burst.json');
writeFileSync(file, JSON.stringify(doc, null, 2));

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 120_000);

/** Runs the n shards (extra args on each) and returns the files holding their parts. */
function shards(name: string, n: number, args: string[], scenario = file): string[] {
  return Array.from({ length: n }, (_, i) => {
    const r = spillway(bin, [scenario, ...args, '--shard', `${i}/${n}`]);
    expect(r.code, r.stderr).toBe(0);
    const part = join(dir, `${name}-${i}.json`);
    writeFileSync(part, r.stdout);
    return part;
  });
}

function whole(args: string[], scenario = file): string {
  const r = spillway(bin, [scenario, ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

function merge(parts: string[], extra: string[] = []) {
  return spillway(bin, ['merge', ...parts, ...extra]);
}

describe('--recommend --shard and spillway merge', () => {
  it.each([
    ['2 shards', 2, ['--recommend']],
    ['3 shards', 3, ['--recommend']],
    ['3 shards given --json', 3, ['--recommend', '--json']],
    ['2 shards of --runs 3', 2, ['--recommend', '--runs', '3']],
    ['3 shards of --runs 3, given --json', 3, ['--recommend', '--runs', '3', '--json']],
  ])('%s merge into the unsharded --recommend --json output, byte for byte', (name, n, args) => {
    const parts = shards(name.replace(/\W+/g, '-'), n, args);
    const merged = merge(parts);
    expect(merged.code, merged.stderr).toBe(0);
    const runs = args.includes('--runs') ? 3 : 1;
    expect(merged.stdout).toBe(whole(args.filter((a) => a !== '--json')));
    // The merge says how much of the search it replayed itself.
    expect(merged.stderr).toMatch(new RegExp(`^merge: recommend: \\d+ configurations, \\d+ replays in all; ${COARSE} replays of the coarse grid from the parts, refinement and check here: \\d+ more configurations, \\d+ replays in [\\d.]+ s\\n$`));
    // Parts in another order merge to the same bytes.
    expect(merge([...parts].reverse()).stdout).toBe(merged.stdout);
    const out = JSON.parse(merged.stdout);
    expect(out.recommendationSearch.runs).toBe(runs === 3 ? 3 : 10);
    if (runs === 3) expect(out.runs.count).toBe(3);
  }, 120_000);

  it('each part is one JSON line saying what it covers: the command\'s own runs, then the coarse grid\'s replays', () => {
    const [, second] = shards('cover', 4, ['--recommend', '--runs', '3']);
    const text = readFileSync(second, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    const p = JSON.parse(text);
    // 3 runs + 24 grid replays = 27 units; shard 1 of 4 takes every 4th from 1.
    expect(p).toMatchObject({ spillwayPartial: 1, command: 'recommend', seed: 3, shard: '1/4', units: { total: 3 + COARSE, indices: [1, 5, 9, 13, 17, 21, 25] } });
    expect(p.head).toMatchObject({ runs: 3, own: 3, coarse: COARSE, doc });
    expect(Object.keys(p.results[0])).toEqual(['run']);
    expect(p.results.slice(1).every((r: object) => Object.keys(r)[0] === 'point')).toBe(true);
  });

  const parts = () => shards('set', 3, ['--recommend']);
  const edited = (name: string, from: string, edit: (t: string) => string) => {
    const out = join(dir, `${name}.json`);
    writeFileSync(out, edit(readFileSync(from, 'utf8')));
    return out;
  };
  const variant = (name: string, args: string[], edit?: (d: typeof doc) => void) => {
    let scenario = file;
    if (edit) {
      const d = JSON.parse(JSON.stringify(doc));
      edit(d);
      scenario = join(dir, `${name}-scenario.json`);
      writeFileSync(scenario, JSON.stringify(d, null, 2));
    }
    const r = spillway(bin, [scenario, ...args]);
    expect(r.code, r.stderr).toBe(0);
    const out = join(dir, `${name}.json`);
    writeFileSync(out, r.stdout);
    return out;
  };

  it.each([
    ['a missing shard', (p: string[]) => [p[0], p[2]], /^error: merge: missing shard 1\/3 \(have 2 of 3\)$/],
    ['an overlapping part', (p: string[]) => [...p, edited('again-1', p[1], (t) => t)], /^error: merge: .*set-1\.json and .*again-1\.json are both shard 1\/3 \(overlapping parts\)$/],
    ['another seed', (p: string[]) => [p[0], p[1], variant('seed-2', ['--recommend', '--seed', '7', '--shard', '2/3'])], /^error: merge: .*seed-2\.json has seed 7 but .*set-0\.json has 3 \(a different random seed\)$/],
    ['another scenario', (p: string[]) => [p[0], p[1], variant('slo-2', ['--recommend', '--shard', '2/3'], (d) => (d.slo.pendingSeconds = 90))], /^error: merge: .*slo-2\.json has scenario hash "sha256:[0-9a-f]+" but .*set-0\.json has "sha256:[0-9a-f]+" \(a different scenario or trace\)$/],
    ['a part of --recommend --runs 3', (p: string[]) => [p[0], p[1], variant('runs-2', ['--recommend', '--runs', '3', '--shard', '2/3'])], /^error: merge: .*runs-2\.json has work units 27 but .*set-0\.json has 25 \(a different plan\)$/],
    ['a sweep part', (p: string[]) => [p[0], p[1], variant('sweep-2', ['--sweep', 'strategies.0.nodePool.maxNodes=60:80:3', '--shard', '2/3'])], /^error: merge: .*sweep-2\.json has command "sweep" but .*set-0\.json has "recommend" \(parts of different commands\)$/],
    ['a --runs part', (p: string[]) => [p[0], p[1], variant('mc-2', ['--runs', '3', '--shard', '2/3'])], /^error: merge: .*mc-2\.json has command "runs" but .*set-0\.json has "recommend" \(parts of different commands\)$/],
    ['a damaged point', (p: string[]) => [p[0], p[1], edited('point-2', p[2], (t) => t.replace(/"pendingP95":[0-9.e+-]+/, '"pendingP95":"soon"'))], /^error: .*point-2\.json: damaged partial result: results\.0\.point\.pendingP95: /],
    ['a part whose grid replay is a run', (p: string[]) => [p[0], edited('kind-1', p[1], (t) => t.replace(/\{"point":\{[^}]*\}\}/, '{"single":{"strategies":[]}}')), p[2]], /^error: merge: .*kind-1\.json: damaged partial result: unit 1 should be a replay of the coarse grid$/],
  ])('refuses %s with one line and exit 2', (_what, files, message) => {
    const r = merge(files(parts()));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  }, 60_000);

  it.each([
    ['3/2', /^error: --shard "3\/2": shard 3 does not exist: with 2 shards they are numbered 0 to 1$/],
    ['0/0', /^error: --shard "0\/0": the number of shards must be at least 1$/],
    ['a/b', /^error: --shard "a\/b": expected i\/n with whole numbers, 0 <= i < n/],
  ])('rejects --recommend --shard %s with one line and exit 2', (value, message) => {
    const r = spillway(bin, [file, '--recommend', '--shard', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('a workload read from a trace file: merge reads it again where the shards did, or from --scenario, and refuses another', () => {
    // 200 pods of 1 vCPU for 10 minutes, arriving at 0, 1, ..., 199 s.
    writeFileSync(join(dir, 'pods.csv'), ['arrival_s,duration_s,cpu_m,mem_mib', ...Array.from({ length: 200 }, (_, i) => `${i},600,1000,512`)].join('\n'));
    const traced = join(dir, 'traced.json');
    const t = { ...doc, workload: [{ type: 'trace', name: 'pods', path: 'pods.csv' }] };
    writeFileSync(traced, JSON.stringify(t));
    const p = shards('traced', 2, ['--recommend'], traced);
    const want = whole(['--recommend'], traced);
    expect(merge(p).stdout).toBe(want);
    expect(merge(p, ['--scenario', traced]).stdout).toBe(want);
    // Another trace under the same name: not what the shards ran.
    const other = join(dir, 'other');
    writeFileSync(join(dir, 'pods2.csv'), ['arrival_s,duration_s,cpu_m,mem_mib', ...Array.from({ length: 200 }, (_, i) => `${i},900,1000,512`)].join('\n'));
    writeFileSync(`${other}.json`, JSON.stringify({ ...t, workload: [{ type: 'trace', name: 'pods', path: 'pods2.csv' }] }));
    const r = merge(p, ['--scenario', `${other}.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(/^error: merge: .*other\.json is not what the shards ran \(different scenario hash\); give the scenario and trace files the shards read$/);
  }, 120_000);
});

describe('a coarse point through a part', () => {
  it('keeps the numbers JSON cannot hold, so the merged search compares what the unsharded one did', () => {
    const p = { cost: -0, pendingP95: Infinity, utilizationCpu: Number.NaN, sloViolations: 3, neverStarted: 1, podsTotal: 10 };
    const back = decodePoint(JSON.parse(JSON.stringify(encodePoint(p))));
    expect(Object.is(back.cost, -0)).toBe(true);
    expect(back.pendingP95).toBe(Infinity);
    expect(back.utilizationCpu).toBeNaN();
    expect(back).toMatchObject({ sloViolations: 3, neverStarted: 1, podsTotal: 10 });
    // Plain JSON would have made Infinity null, and null <= 60 is true: a pod that never started would pass the SLO.
    expect(JSON.parse(JSON.stringify(p)).pendingP95).toBeNull();
  });
});
