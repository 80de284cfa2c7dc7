import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../src/runs/seeds.ts';
import { buildCli, spillway } from './builtCli.ts';
import { sim } from './runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'spillway-runs-'));

/**
 * No randomness anywhere: one inline pod, fixed pools, constant pod start (3 s sandbox + 10 s pull = 13 s pending).
 * Pool: 1 server x $0.50/h x 10 h = $5; flat: $2/h x 10 h = $20.
 */
const podStart = { sandbox: { kind: 'constant', seconds: 3 }, imagePull: { kind: 'constant', seconds: 10 } };
const fixed = join(dir, 'fixed.json');
writeFileSync(
  fixed,
  JSON.stringify({
    schemaVersion: 1,
    name: 'fixed pool vs flat fee',
    horizon: '10h',
    workload: [{ type: 'trace', name: 'one pod', rows: [[60, 600, 500, 512]] }],
    strategies: [
      { kind: 'nodes', name: 'pool', controlPlanePerHour: 0, nodePool: { instanceTypes: [{ name: 'server', vcpu: 8, memoryGiB: 32, pricePerHour: 0.5 }], minNodes: 1, maxNodes: 100, initialNodes: 1, autoscaler: null, podStart } },
      { kind: 'nodes', name: 'flat', controlPlanePerHour: 2, nodePool: { instanceTypes: [{ name: 'free', vcpu: 8, memoryGiB: 32, pricePerHour: 0 }], minNodes: 1, maxNodes: 1, autoscaler: null, podStart } },
    ],
  }),
);

/** A small evening burst: random arrivals and provisioning delays, so runs differ. */
const burst = join(dir, 'burst.json');
const headline = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'scenarios', 'online-class-evening-burst.json'), 'utf8'));
headline.name = 'small burst';
headline.workload[0].maxReplicas = 20;
headline.workload[1].podsPerSession = 150;
headline.horizon = '23h';
writeFileSync(burst, JSON.stringify(headline));

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 120_000);

describe('--runs', () => {
  it('a deterministic scenario: every band is one value, the first-run fields are unchanged, the verdict is sure', { timeout: 120_000 }, () => {
    const r = sim(fixed, '--runs', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runs).toEqual({ count: 5, seeds: runSeeds(1, 5) });
    const [pool, flat] = out.strategies;
    expect(pool.cost.total).toBeCloseTo(5, 9);
    expect(pool.bands.runs).toBe(5);
    for (const b of [pool.bands.cost, pool.bands.pendingP95, pool.bands.utilizationCpu, flat.bands.cost]) expect(b.p5 === b.p50 && b.p50 === b.p95).toBe(true);
    expect(pool.bands.cost.p50).toBeCloseTo(5, 9);
    expect(flat.bands.cost.p50).toBeCloseTo(20, 9);
    expect(pool.bands.pendingP95.p50).toBeCloseTo(13, 9);
    // Both start the pod at once; pool is cheaper in every run: 5 of 5.
    expect(out.verdict).toMatchObject({ winner: 'pool', confidence: 1 });
    expect(out.verdict.sentence).toContain('pool wins 5 of 5 paired runs (100%)');
    // The single-run document (no --runs) is the first run's: same strategies without bands.
    const single = JSON.parse(sim(fixed, '--json').stdout);
    expect(out.strategies.map(({ bands: _b, ...rest }: { bands: unknown }) => rest)).toEqual(single.strategies);
    expect(single.verdict).toMatchObject({ winner: 'pool', confidence: 1 });
  });

  it('derived seeds give different runs; the same command gives the same bytes, on threads or not', () => {
    const one = sim(burst, '--runs', '6', '--json', '--jobs', '1');
    expect(one.code, one.stderr).toBe(0);
    const out = JSON.parse(one.stdout);
    const costs = out.strategies[0].bands.cost;
    expect(costs.p95).toBeGreaterThan(costs.p5); // the seeds draw different arrivals and delays
    expect(out.strategies[0].bands.cost.p5).toBeLessThanOrEqual(out.strategies[0].bands.cost.p50);
    const threads = spillway(bin, [burst, '--runs', '6', '--json', '--jobs', '2']);
    expect(threads.code, threads.stderr).toBe(0);
    expect(threads.stdout).toBe(one.stdout);
  }, 120_000);

  it('4 shards of a 6-run study merge into the unsharded --json output, byte for byte', () => {
    const whole = spillway(bin, [burst, '--runs', '6', '--json']);
    expect(whole.code, whole.stderr).toBe(0);
    const parts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = spillway(bin, [burst, '--runs', '6', '--shard', `${i}/4`]);
      expect(r.code, r.stderr).toBe(0);
      const p = JSON.parse(r.stdout);
      expect(p).toMatchObject({ command: 'runs', shard: `${i}/4`, units: { total: 6 } });
      const file = join(dir, `runs-part-${i}.json`);
      writeFileSync(file, r.stdout);
      parts.push(file);
    }
    const merged = spillway(bin, ['merge', ...parts.reverse()]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    // A missing shard is refused with one line.
    const missing = spillway(bin, ['merge', ...parts.slice(1)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('missing shard');
  }, 180_000);

  it('bad --runs values exit 2 with one line', () => {
    for (const bad of ['0', 'x', '1001', '2.5']) {
      const r = spillway(bin, [fixed, '--runs', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`error: --runs: "${bad}" is not a whole number from 1 to 1000`);
    }
    expect(spillway(bin, [fixed, '--runs', '3', '--sweep', 'strategies.1.controlPlanePerHour=1:3:3']).stderr).toContain('--runs and --sweep cannot be combined yet');
  }, 120_000);
});
