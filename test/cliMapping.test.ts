import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const FIXTURE = 'test/fixtures/trace/cores-gib-pods.csv';
const SCENARIO = 'scenarios/steady-web-service.json';

/** Runs the CLI and keeps stderr whatever the exit code (test/runCli.ts drops it on success). */
function run(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'spillway-mapping-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const MILLI_MIB = {
  kind: 'pods',
  start: { column: 'created', format: 'datetime' },
  end: { column: 'finished', format: 'datetime' },
  cpu: { column: 'cpu_request', unit: 'millicores' },
  memory: { column: 'memory_request', unit: 'MiB' },
  class: { column: 'priority' },
};

// Each test spawns the CLI a few times; on a loaded machine one spawn takes up to ~20 s.
describe('CLI: the trace mapping on stderr, and --mapping', { timeout: 180_000 }, () => {
  it('prints one line per column with its unit and reason before running a cores / GiB pod list', () => {
    const r = run(SCENARIO, '--trace', FIXTURE, '--json');
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines).toContain(`${FIXTURE}: mode: pod list, one pod per row (detected layout generic-pods)`);
    expect(lines).toContain('  start: "created" in datetime (read as UTC when no zone is given)');
    expect(lines.find((l) => l.startsWith('  CPU: '))).toMatch(/^  CPU: "cpu_request" in cores \(the first 8 values \(2 to 48\): .*; high confidence\)$/);
    expect(lines.find((l) => l.startsWith('  memory: '))).toMatch(/^  memory: "memory_request" in GiB \(the first 8 values \(8 to 120\): .*; high confidence\)$/);
    expect(lines).toContain(`${FIXTURE}: 8 of 8 rows accepted, 0 rejected`);
    // Printed before the run: the results go to stdout, untouched.
    expect(JSON.parse(r.stdout).strategies[0].pods.total).toBe(8);
  });

  it('--mapping overrides the detected units; the mapping lines say where they came from; pod sizes warn', () => {
    const mapping = file('milli.json', JSON.stringify(MILLI_MIB));
    const r = run(SCENARIO, '--trace', FIXTURE, '--mapping', mapping, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${FIXTURE}: mode: pod list, one pod per row (as the given mapping says)`);
    expect(r.stderr).toContain(`  CPU: "cpu_request" in millicores (from ${mapping})`);
    expect(r.stderr).toContain(`  memory: "memory_request" in MiB (from ${mapping})`);
    // Read as MiB, the median pod (sizes 8..120, middle value 48) is 48 MiB: no warning; as millicores 12m: none either.
    // A unit that makes the median pod tiny does warn, naming the column and the unit that fixes it.
    const tiny = file('tiny.json', JSON.stringify({ ...MILLI_MIB, memory: { column: 'memory_request', unit: 'bytes' } }));
    const t = run(SCENARIO, '--trace', FIXTURE, '--mapping', tiny, '--json');
    expect(t.code).toBe(0);
    expect(t.stderr).toMatch(/warning: test\/fixtures\/trace\/cores-gib-pods\.csv: memory column "memory_request" \(bytes\): the median pod requests [0-9.e-]+ MiB memory, under 16 MiB; if the column is in MiB, set its unit to MiB/);
  });

  it('reads a whole saved trace source ({ type, mapping }) as a mapping file too', () => {
    const source = file('source.json', JSON.stringify({ type: 'trace', name: 'x', mapping: MILLI_MIB }));
    const r = run(SCENARIO, '--trace', FIXTURE, '--mapping', source, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('  CPU: "cpu_request" in millicores');
  });

  it('refuses a bad mapping file with one line, file: path: message, exit 2', () => {
    const bad = file('bad.json', JSON.stringify({ ...MILLI_MIB, cpu: { column: 'cpu_request', unit: 'kilocores' } }));
    const r = run(SCENARIO, '--trace', FIXTURE, '--mapping', bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${bad}: cpu.unit: Invalid option: expected one of "cores"|"millicores"`);
    const nested = file('nested.json', JSON.stringify({ type: 'trace', mapping: { ...MILLI_MIB, end: undefined } }));
    expect(run(SCENARIO, '--trace', FIXTURE, '--mapping', nested).stderr.trim()).toBe(`error: ${nested}: mapping.end: give exactly one of end and duration`);
    const syntax = file('syntax.json', '{\n  "kind": "pods",\n  "start": }\n');
    const s = run(SCENARIO, '--trace', FIXTURE, '--mapping', syntax);
    expect(s.code).toBe(2);
    expect(s.stderr.trim()).toBe(`error: ${syntax}: not valid JSON (unexpected "}" at line 3, column 12)`);
    const missing = run(SCENARIO, '--trace', FIXTURE, '--mapping', join(dir, 'nope.json'));
    expect(missing.stderr.trim()).toBe(`error: ${join(dir, 'nope.json')}: cannot read mapping: no such file`);
    expect(run(SCENARIO, '--mapping', bad).stderr).toMatch(/^error: --mapping needs --trace/);
  });

  it('refuses a column whose unit the values leave open, naming it and the way out', () => {
    const mixed = file('mixed.csv', 'start,duration,cpu,memory\n0,60,2,1024\n1,60,2000,2048\n');
    const r = run(SCENARIO, '--trace', mixed);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`error: ${mixed}: column "cpu": the unit is unclear (cores or millicores?)`);
    expect(r.stderr).toContain('--mapping FILE');
    const fixed = file('mixed.json', JSON.stringify({ kind: 'pods', start: { column: 'start', format: 'seconds' }, duration: { column: 'duration', unit: 'seconds' }, cpu: { column: 'cpu', unit: 'millicores' }, memory: { column: 'memory', unit: 'MiB' } }));
    expect(run(SCENARIO, '--trace', mixed, '--mapping', fixed, '--json').code).toBe(0);
  });
});
