import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeRunUnits, runsHead } from '../src/cli/monteCarlo.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { buildCli, spillway } from './builtCli.ts';
import { burstAtTenPast } from './burstAtTenPast.ts';

const dir = mkdtempSync(join(tmpdir(), 'spillway-recommend-'));

const doc = burstAtTenPast;
const file = join(dir, 'burst.json');
writeFileSync(file, JSON.stringify(doc, null, 2));

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 120_000);

describe('--recommend', () => {
  it('finds a baseline of nodes that meets the SLO, and the patched scenario meets it in 90% of runs when replayed independently', async () => {
    const r = spillway(bin, [file, '--recommend', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const rec = out.recommendation;
    expect(rec).toMatchObject({ strategy: 'pool' });
    expect(Object.keys(rec.changes)).toEqual(['strategies.0.nodePool.minNodes']);
    const minNodes = rec.changes['strategies.0.nodePool.minNodes'];
    // From first principles: a node's allocatable CPU is 8,000m - 90m kube-reserved (EKS formula:
    // 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the other four) - 150m
    // of DaemonSets = 7,760m, so 15 pods of 500m fit; 300 pods need 300 / 15 = 20 nodes running
    // when they arrive. Fewer leaves pods waiting for a node that takes ~75 s, past the SLO.
    expect(minNodes).toBe(20);
    expect(rec.meetsSloShare).toBeGreaterThanOrEqual(0.9);
    expect(out.recommendationSearch.runs).toBe(10);
    // The patched file is the file as written with that one change.
    expect(rec.patchedScenario).toEqual({ ...doc, strategies: [{ ...doc.strategies[0], nodePool: { ...doc.strategies[0].nodePool, minNodes } }] });

    // Independently: replay the patched scenario (whole, through the --runs code) with the 10 seeds.
    const patched = parseScenario(rec.patchedScenario);
    const head = runsHead(patched, 10);
    const units = await computeRunUnits(patched, new Map(), head, head.seeds.map((_, k) => k), 1);
    const meets = units.filter((u) => u.points[0].pendingP95 <= 60 && u.points[0].neverStarted === 0).length;
    expect(meets).toBeGreaterThanOrEqual(9);
    // Cheapest: one node fewer (the bisection's lower neighbour) misses the SLO in more than one run.
    const fewer = parseScenario({ ...rec.patchedScenario, strategies: [{ ...rec.patchedScenario.strategies[0], nodePool: { ...rec.patchedScenario.strategies[0].nodePool, minNodes: minNodes - 1 } }] });
    const fewerUnits = await computeRunUnits(fewer, new Map(), runsHead(fewer, 10), head.seeds.map((_, k) => k), 1);
    const fewerMeets = fewerUnits.filter((u) => u.points[0].pendingP95 <= 60).length;
    console.log(`recommend: minNodes ${minNodes} meets the SLO in ${meets}/10 runs; ${minNodes - 1} in ${fewerMeets}/10`);
    expect(fewerMeets).toBeLessThan(9);
  }, 300_000);

  it('prints the change as a diff and the patched scenario', () => {
    const r = spillway(bin, [file, '--recommend']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cheapest that meets the SLO: pool, \$[\d,.]+ \(median of 10 runs\)/);
    expect(r.stdout).toMatch(/ {2}- strategies\.0\.nodePool\.minNodes: 0\n {2}\+ strategies\.0\.nodePool\.minNodes: \d+/);
    expect(r.stdout).toContain(`patched ${file}:`);
  }, 300_000);

  it('refuses --sweep with --recommend, with one line (--recommend --shard: cliRecommendShard.test.ts)', () => {
    const b = spillway(bin, [file, '--recommend', '--sweep', 'strategies.0.nodePool.maxNodes=60:80:2']);
    expect(b.code).toBe(2);
    expect(b.stderr.split('\n')[0]).toBe('error: --recommend and --sweep cannot be combined: the recommender runs its own grid');
  }, 120_000);
});
