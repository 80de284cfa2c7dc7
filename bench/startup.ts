/**
 * npm run bench -- --startup [--repeat 7] [--json]
 *
 * Start-up of the command line: the whole process, from spawn to exit, for a tiny scenario (one
 * pod, two fixed pools, so the simulation itself takes well under a millisecond). Compares the
 * built CLI (`npm run build:cli`, plain Node) with tsx (`node --import tsx src/cli/main.ts`, what
 * `npm run sim` runs) and with `npm run sim` itself (npm + tsx), next to bare `node -e 0`.
 * The commands run in turn within each repeat (not all of one, then all of the next), so a busy
 * moment on the machine hits them alike; medians over the repeats.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..');

const TINY = {
  schemaVersion: 1,
  name: 'start-up probe',
  horizon: '1h',
  workload: [{ type: 'trace', name: 'one pod', rows: [[60, 600, 500, 512]] }],
  strategies: [
    { kind: 'nodes', name: 'pool', nodePool: { instanceTypes: [{ name: 'server', vcpu: 8, memoryGiB: 32, pricePerHour: 0.5 }], minNodes: 1, maxNodes: 1, autoscaler: null } },
  ],
};

export interface StartupRow {
  command: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runsMs: number[];
}

export function measureStartup(repeat: number): { rows: StartupRow[]; sameOutput: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-startup-'));
  const scenario = join(dir, 'tiny.json');
  writeFileSync(scenario, JSON.stringify(TINY));
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), dir], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build:cli failed: ${built.stderr}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const commands: Array<{ name: string; file: string; args: string[] }> = [
    { name: 'node -e 0 (Node alone)', file: process.execPath, args: ['-e', '0'] },
    { name: 'built CLI: node dist-cli/spillway.mjs', file: process.execPath, args: [join(dir, 'spillway.mjs'), scenario, '--json'] },
    { name: 'tsx: node --import tsx src/cli/main.ts', file: process.execPath, args: ['--import', 'tsx', join(root, 'src/cli/main.ts'), scenario, '--json'] },
    { name: 'npm run sim (npm + tsx)', file: npm, args: ['run', '-s', 'sim', '--', scenario, '--json'] },
  ];
  const times = commands.map(() => [] as number[]);
  const outputs = commands.map(() => '');
  for (let r = 0; r < repeat + 1; r++) {
    commands.forEach((c, i) => {
      const t0 = performance.now();
      const p = spawnSync(c.file, c.args, { cwd: root, encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (p.status !== 0) throw new Error(`${c.name} failed (${p.status}): ${p.stderr}`);
      outputs[i] = p.stdout;
      if (r > 0) times[i].push(ms); // the first round warms the file cache and tsx's transform cache
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  return {
    rows: commands.map((c, i) => ({ command: c.name, medianMs: median(times[i]), minMs: Math.min(...times[i]), maxMs: Math.max(...times[i]), runsMs: times[i] })),
    sameOutput: outputs[1] === outputs[2] && outputs[2] === outputs[3],
  };
}
