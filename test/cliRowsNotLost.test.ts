import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 18 items 4 and 7, issue 13 item 7, on the CLI: rows are not lost or moved without a word,
 * zero-duration pods follow one rule everywhere, and what the importer warns about reaches stderr.
 */
const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'spillway-rows-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const serverlessOnly = [{ kind: 'serverless', name: 'Fargate', serverless: { preset: 'aws-fargate' } }];
const scenario = (name: string, workload: unknown[]) => file(name, JSON.stringify({ schemaVersion: 1, name, horizon: '1d', workload, strategies: serverlessOnly }));
const podsTotal = (stdout: string): number => JSON.parse(stdout).strategies[0].pods.total;
const pod = { cpuMillicores: 500, memoryMiB: 512 };

describe('trace files on the CLI', () => {
  it('a CRLF header and LF rows replays every row (was 1 pod)', () => {
    const csv = file('mixed.csv', 'arrival_s,duration_s,cpu_m,mem_mib,class\r\n0,600,500,1024,web\n10,600,500,1024,web\n20,600,500,1024,web\n');
    const r = sim('scenarios/steady-web-service.json', '--trace', csv, '--json');
    expect(r.code).toBe(0);
    expect(podsTotal(r.stdout)).toBe(3);
  });

  it('a canonical file without mem_mib stops with one line naming the column (was 2048 MiB for every pod)', () => {
    const csv = file('nomem.csv', 'arrival_s,duration_s,cpu_m\n0,600,500\n10,600,500\n');
    const r = sim('scenarios/steady-web-service.json', '--trace', csv, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: .*nomem\.csv: .*no "mem_mib" column/);
  });

  it('negative starts: a warning says how many rows and by how much the trace moved', () => {
    const csv = file('neg.csv', 'arrival_s,duration_s,cpu_m,mem_mib\n-45,600,500,1024\n0,600,500,1024\n');
    const r = sim('scenarios/steady-web-service.json', '--trace', csv, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*neg\.csv: 1 row: negative start time: every pod was moved 45 s later, so that the trace starts at 0 \(first at line 2\)/);
  });

  it("the importer's own warnings reach stderr with counts", () => {
    const csv = file('zero.csv', 'arrival_s,duration_s,cpu_m,mem_mib\n0,0,500,512\n10,0,500,512\n20,60,500,0\n');
    const r = sim('scenarios/steady-web-service.json', '--trace', csv, '--json');
    expect(r.code).toBe(0);
    expect(podsTotal(r.stdout)).toBe(3);
    expect(r.stderr).toMatch(/zero\.csv: 2 rows: zero duration \(first at line 2\)/);
    expect(r.stderr).toMatch(/zero\.csv: 1 row: zero memory \(first at line 4\)/);
  });

  it('0x10 is a bad row: exit 2 naming the line (was read as 16)', () => {
    const csv = file('hex.csv', 'arrival_s,duration_s,cpu_m,mem_mib\n0,60,500,512\n5,60,0x10,512\n');
    const r = sim('scenarios/steady-web-service.json', '--trace', csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hex\.csv:3: cpu not a number/);
  });
});

describe('zero-duration pods: accepted everywhere, counted, reported', () => {
  it('inline rows accept duration 0 like CSV rows (was an error)', () => {
    const s = scenario('inline.json', [{ type: 'trace', name: 'rows', rows: [[0, 0, 500, 512], [5, 60, 500, 512]] }]);
    const r = sim(s, '--json');
    expect(r.code).toBe(0);
    expect(podsTotal(r.stdout)).toBe(2);
    expect(r.stderr).toMatch(/warning: workload\.0 "rows": 1 pod has zero duration/);
  });

  it('a burst with sessionLength 0 keeps its pods (was: all 10 vanished)', () => {
    // No herd, no jitter: all 10 pods arrive at 19:00 and the session ends at 19:00.
    const s = scenario('burst0.json', [{ type: 'burst', name: 'class', sessionStarts: ['19:00'], podsPerSession: 10, herdWidth: 0, endJitter: 0, sessionLength: 0, pod }]);
    const r = sim(s, '--json');
    expect(r.code).toBe(0);
    expect(podsTotal(r.stdout)).toBe(10);
    expect(r.stderr).toMatch(/warning: workload\.0 "class": 10 pods have zero duration/);
  });

  it('zero-runtime batch jobs are replayed and counted (were dropped)', () => {
    const s = scenario('batch0.json', [{ type: 'batch', name: 'jobs', jobsPerHour: 10, runtime: { kind: 'constant', seconds: 0 }, pod }]);
    const r = sim(s, '--json');
    expect(r.code).toBe(0);
    const total = podsTotal(r.stdout);
    // Poisson at 10/h for 24 h: 240 expected; every one of them runs 0 s.
    expect(total).toBeGreaterThan(150);
    expect(r.stderr).toContain(`warning: workload.0 "jobs": ${total} pods have zero duration (runtime 0)`);
  });
});
