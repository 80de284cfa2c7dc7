/**
 * npm run bench -- --ab [--rounds 6] [--sizes 1m] ARM ARM ...     (ARM: REF:CASE, e.g. c857ba1:nodes)
 *
 * Alternating A/B rounds between builds of the engine: each arm is a commit (or `.`, the working
 * tree as it is now) and a bench case. Every round runs each arm once, in order, as its own
 * process (`--in-process --sizes S --kinds CASE --repeat 1 --json`), so slow and fast spells of
 * a shared machine fall on all arms alike. Per arm: the median ratio of the replay's CPU to the
 * reference loop's in the same process (issue 14's measure), the replay's CPU, and its other
 * threads' CPU (V8's background compiler; builds before 4c5a18e do not report it).
 *
 * Each commit is bundled from a temporary git worktree; single runs on a 2-core VM spread by
 * +-20%, so compare medians over 5 rounds or more and say how many.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

export interface Arm {
  /** A commit (as given), or `.` for the working tree. */
  ref: string;
  kind: string;
}

export interface ArmResult extends Arm {
  ratios: number[];
  cpuMs: number[];
  otherThreadsMs: Array<number | null>;
}

/** "c857ba1:nodes" -> { ref: 'c857ba1', kind: 'nodes' }; throws a one-line message otherwise. */
export function parseArm(text: string): Arm {
  const at = text.lastIndexOf(':');
  if (at <= 0 || at === text.length - 1) throw new Error(`--ab: "${text}" is not REF:CASE (for example c857ba1:nodes, or .:mixed for the working tree)`);
  return { ref: text.slice(0, at), kind: text.slice(at + 1) };
}

/**
 * The short hash of the commit `ref` names, or `.` for the working tree; throws a one-line
 * message when it names no commit of this repository.
 */
export function resolveRef(ref: string): string {
  if (ref === '.') return '.';
  const p = spawnSync('git', ['rev-parse', '--verify', '--quiet', '--short', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`--ab: "${ref}" is not a commit of this repository`);
  return p.stdout.trim();
}

/** Bundles bench/run.ts of commit `commit` (a short hash from `resolveRef`, or `.`) into `dir`; returns the file. */
async function bundle(commit: string, dir: string): Promise<string> {
  const out = join(dir, `bench-${commit === '.' ? 'worktree' : commit}.mjs`);
  const tree = commit === '.' ? root : join(dir, `tree-${commit}`);
  if (commit !== '.') {
    execFileSync('git', ['worktree', 'add', '--detach', tree, commit], { cwd: root, stdio: 'pipe' });
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  }
  try {
    await build({ entryPoints: [join(tree, 'bench/run.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
  } finally {
    if (commit !== '.') execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'pipe' });
  }
  return out;
}

interface BenchRow {
  kind: string;
  cpuMs: number;
  otherThreadsCpuMs?: number | null;
}

function runOnce(file: string, arm: Arm, size: string): { ratio: number; cpuMs: number; otherMs: number | null } {
  const p = spawnSync(process.execPath, [file, '--in-process', '--sizes', size, '--kinds', arm.kind, '--repeat', '1', '--no-csv', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (p.status !== 0) throw new Error(`${arm.ref}:${arm.kind} failed: ${(p.stderr || p.stdout).trim().split('\n').pop()}`);
  const rows = (JSON.parse(p.stdout) as { rows: BenchRow[] }).rows;
  const ref = rows.find((r) => r.kind === 'reference');
  const row = rows.find((r) => r.kind === arm.kind);
  if (!ref || !row) throw new Error(`${arm.ref}:${arm.kind}: no reference or no ${arm.kind} row in the bench output`);
  return { ratio: row.cpuMs / ref.cpuMs, cpuMs: row.cpuMs, otherMs: row.otherThreadsCpuMs ?? null };
}

/** `arms` with their refs resolved (`resolveRef`): each commit is bundled once, however it is named. */
export async function measureAb(arms: Arm[], rounds: number, size: string, log: (line: string) => void): Promise<ArmResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-ab-'));
  try {
    const files = new Map<string, string>();
    for (const a of arms) if (!files.has(a.ref)) files.set(a.ref, await bundle(a.ref, dir));
    const results: ArmResult[] = arms.map((a) => ({ ...a, ratios: [], cpuMs: [], otherThreadsMs: [] }));
    for (let r = 1; r <= rounds; r++) {
      arms.forEach((a, i) => {
        const m = runOnce(files.get(a.ref) as string, a, size);
        results[i].ratios.push(m.ratio);
        results[i].cpuMs.push(m.cpuMs);
        results[i].otherThreadsMs.push(m.otherMs);
        log(`round ${r}  ${a.ref}:${a.kind}  ratio ${m.ratio.toFixed(2)}  cpu ${Math.round(m.cpuMs)} ms  other threads ${m.otherMs ?? '-'} ms  load ${loadavg()[0].toFixed(2)}`);
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
