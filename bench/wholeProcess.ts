/**
 * npm run bench -- --whole-process [--sizes 1m] [--repeat 5] [--json]
 *
 * Issue 17's target as whole processes, spawn to exit: the built CLI replaying the bench scenario
 * (its three strategies, 7 days, as `spillway <file> --json` runs it: strategies on the main
 * thread and worker threads, at most one thread per core) against the reference loop's own process (bench/referenceProcess.ts,
 * bundled the same way: plain Node, one file), which builds the same workload and runs the floor
 * once. Both build the workload from the same generators; neither reads a trace. The two alternate
 * within each repeat; the first round is a warm-up. Wall and CPU (user + sys of the child) per run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { benchScenario } from './scenario.ts';

const root = join(import.meta.dirname, '..');

export interface WholeProcessRow {
  command: string;
  wallMs: number[];
  cpuMs: number[];
}

const TIME = '/usr/bin/time';

/**
 * Runs `file args`: wall ms, and the child's CPU ms (user + sys) from GNU time when the machine
 * has it (Node's spawnSync reports none; NaN without it).
 */
function timed(file: string, args: string[]): { wallMs: number; cpuMs: number; stdout: string } {
  const withTime = existsSync(TIME);
  const t0 = performance.now();
  const p = withTime ? spawnSync(TIME, ['-f', '%U %S', file, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(file, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  if (p.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (${p.status}): ${p.stderr.slice(-500)}`);
  if (!withTime) return { wallMs, cpuMs: Number.NaN, stdout: p.stdout };
  const [user, sys] = (p.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wallMs, cpuMs: (user + sys) * 1000, stdout: p.stdout };
}

export async function measureWholeProcess(pods: number, repeat: number): Promise<{ rows: WholeProcessRow[]; strategyCosts: number[]; referenceCost: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-whole-'));
  const scenario = join(dir, 'bench.json');
  writeFileSync(scenario, JSON.stringify(benchScenario(pods)));
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), dir], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build:cli failed: ${built.stderr}`);
  const reference = join(dir, 'reference.mjs');
  await build({ entryPoints: [join(root, 'bench/referenceProcess.ts')], bundle: true, platform: 'node', format: 'esm', outfile: reference, logLevel: 'warning' });
  const commands = [
    { command: 'reference loop (one pass, whole process)', args: [reference, String(pods)] },
    { command: 'built CLI, three strategies (spillway --json)', args: [join(dir, 'spillway.mjs'), scenario, '--json'] },
  ];
  const rows: WholeProcessRow[] = commands.map((c) => ({ command: c.command, wallMs: [], cpuMs: [] }));
  const out = ['', ''];
  for (let r = 0; r < repeat + 1; r++) {
    commands.forEach((c, i) => {
      const t = timed(process.execPath, c.args);
      out[i] = t.stdout;
      if (r > 0) {
        rows[i].wallMs.push(t.wallMs);
        rows[i].cpuMs.push(t.cpuMs);
      }
    });
  }
  const strategyCosts = (JSON.parse(out[1]) as { strategies: Array<{ cost: { total: number } }> }).strategies.map((s) => s.cost.total);
  return { rows, strategyCosts, referenceCost: (JSON.parse(out[0]) as { cost: number }).cost };
}
