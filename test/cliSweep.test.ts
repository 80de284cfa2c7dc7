import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim } from './runCli.ts';



/** Two strategies whose costs are known: a fixed pool of N servers at $0.50/h vs a flat $2/h fee. */
const dir = mkdtempSync(join(tmpdir(), 'spillway-sweep-'));
const fixed = join(dir, 'fixed.json');
writeFileSync(
  fixed,
  JSON.stringify({
    schemaVersion: 1,
    name: 'fixed pool vs flat fee',
    horizon: '10h',
    workload: [{ type: 'trace', name: 'one pod', rows: [[60, 600, 500, 512]] }],
    strategies: [
      { kind: 'nodes', name: 'pool', controlPlanePerHour: 0, nodePool: { instanceTypes: [{ name: 'server', vcpu: 8, memoryGiB: 32, pricePerHour: 0.5 }], minNodes: 1, maxNodes: 100, initialNodes: 1, autoscaler: null } },
      { kind: 'nodes', name: 'flat', controlPlanePerHour: 2, nodePool: { instanceTypes: [{ name: 'free', vcpu: 8, memoryGiB: 32, pricePerHour: 0 }], minNodes: 1, maxNodes: 1, autoscaler: null } },
    ],
  }),
);

describe('npm run sim -- --sweep', () => {
  it('prints rows and break-even points as JSON', () => {
    // pool costs N x 0.5 x 10 = 5N, flat costs 2 x 10 = 20: equal at N = 4.
    const r = sim(fixed, '--sweep', 'strategies.0.nodePool.initialNodes=1:7:4', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.params).toEqual([{ path: 'strategies.0.nodePool.initialNodes', integer: true, values: [1, 3, 5, 7] }]);
    expect(out.rows.map((row: { values: number[] }) => row.values)).toEqual([[1], [3], [5], [7]]);
    expect(out.rows.map((row: { strategies: Array<{ cost: number }> }) => row.strategies.map((s) => Math.round(s.cost * 1e6) / 1e6))).toEqual([
      [5, 20],
      [15, 20],
      [25, 20],
      [35, 20],
    ]);
    expect(out.breakEven).toHaveLength(1);
    expect(out.breakEven[0]).toMatchObject({ a: 'pool', b: 'flat', metric: 'cost', points: [{ lowerAfter: 'flat' }] });
    expect(out.breakEven[0].points[0].at).toBeCloseTo(4, 9);
    expect(out.breakEven[0].points[0].metric).toBeCloseTo(20, 9);
  });

  it('prints a readable table and a grid', () => {
    const r = sim(fixed, '--sweep', 'strategies.0.nodePool.initialNodes=1:7:4', '--sweep', 'strategies.1.controlPlanePerHour=1:3:2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cost / pending p95');
    // flat at $1/h (10): pool crosses at N = 2; at $3/h (30): at N = 6.
    expect(r.stdout).toMatch(/break-even pool vs flat \(strategies\.1\.controlPlanePerHour = 1\): strategies\.0\.nodePool\.initialNodes ≈ 2 \(cost 10\.00, flat cheaper above\)/);
    expect(r.stdout).toMatch(/break-even pool vs flat \(strategies\.1\.controlPlanePerHour = 3\): strategies\.0\.nodePool\.initialNodes ≈ 6 \(cost 30\.00, flat cheaper above\)/);
  });

  it.each([
    [['--sweep', 'workload.0.podsPerSession=1:2:2'], /^error: sweep workload\.0\.podsPerSession: no such field \(workload\.0 has type, name, path, rows, offset/],
    [['--sweep', 'strategies.0.nodePool.initialNodes=one:7:4'], /^error: --sweep strategies\.0\.nodePool\.initialNodes: from "one" is not a number$/],
    [['--sweep', 'strategies.0.nodePool.initialNodes=1:7:1'], /^error: sweep strategies\.0\.nodePool\.initialNodes: steps must be an integer >= 2, got 1$/],
    [['--sweep', 'strategies.0.nodePool.initialNodes'], /^error: --sweep "strategies\.0\.nodePool\.initialNodes": expected path=from:to:steps/],
    [['--sweep', 'strategies.0.name=1:2:2'], /^error: sweep strategies\.0\.name: not a number field$/],
    [['--sweep', 'strategies.0.nodePool.initialNodes=500:600:2'], /^error: sweep: no valid variant \(first: strategies\.0\.nodePool\.initialNodes: must be <= maxNodes \(100\)\)$/],
  ])('rejects a bad sweep %j with one line and exit 2', (args, message) => {
    const r = sim(fixed, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
