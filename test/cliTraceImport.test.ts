import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** `npm run sim -- ...args` with stderr kept on success too (the import lines go there). */
function sim(...args: string[]) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI --trace says how it read the file', () => {
  it('request log: mode and why, counts, and what the HPA model made of it, on stderr', () => {
    const r = sim('scenarios/steady-web-service.json', '--trace', 'test/fixtures/trace/request-log.csv', '--json');
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('test/fixtures/trace/request-log.csv: '));
    expect(lines).toEqual([
      'test/fixtures/trace/request-log.csv: mode: request log, one request per row at "TIMESTAMP" (no end or duration), counted per 60 s into a rate the HPA model serves (detected layout request-log)',
      'test/fixtures/trace/request-log.csv: 8 of 8 rows accepted, 0 rejected',
      'test/fixtures/trace/request-log.csv: 8 requests in 4 intervals of 60 s (busiest: 4 at +1 min); HPA model: 1 request/s per pod, pods of 1,000m / 2,048 MiB: 1 pod, at most 1 at once',
    ]);
    expect(JSON.parse(r.stdout).strategies[0].pods.total).toBe(1);
  });

  it('kubectl snapshot (JSON): mode, counts and simplifications on stderr; the bad pod stops a strict run, naming it', () => {
    const file = 'test/fixtures/cluster/kubectl-pods.json';
    const strict = sim('scenarios/steady-web-service.json', '--trace', file);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`error: ${file}: pod shop/typo-h, container "app": memory request "512m" is not a quantity`);
    const r = sim('scenarios/steady-web-service.json', '--trace', file, '--skip-bad-rows', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${file}: 4 of 7 items accepted as pods, 1 rejected, 2 filtered out`);
    expect(r.stderr).toContain(`warning: ${file}: skipped 1 bad rows: 1 x memory request "512m" is not a quantity (first: pod shop/typo-h, container "app")`);
    expect(JSON.parse(r.stdout).strategies[0].pods.total).toBe(4);
  });
});
