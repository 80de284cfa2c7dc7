import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Builds the CLI (`npm run build:cli`) into a fresh folder, so test files never share or race on dist-cli/. */
export function buildCli(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-cli-'));
  execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), dir], { cwd: root, stdio: 'pipe' });
  return join(dir, 'spillway.mjs');
}

/** Runs the built CLI with plain Node (no tsx), like `npx spillway ...`. */
export function spillway(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
