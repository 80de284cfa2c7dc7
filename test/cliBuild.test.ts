import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, spillway } from './builtCli.ts';
import { sim } from './runCli.ts';

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 120_000); // builds the CLI and runs processes: slow on a busy machine

describe('npm run build:cli (the spillway command)', () => {
  it('runs with plain Node, outside the source tree, and prints what npm run sim prints', () => {
    // The bundle lives in a temporary folder: no node_modules and no tsx to fall back on.
    expect(bin.startsWith(join(import.meta.dirname, '..'))).toBe(false);
    const built = spillway(bin, ['scenarios/flash-sale-spike.json', '--json']);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toBe(sim('scenarios/flash-sale-spike.json', '--json').stdout);
  });

  it('starts its strategy worker threads from the bundled worker entry, with the same results', () => {
    const one = spillway(bin, ['scenarios/flash-sale-spike.json', '--json', '--jobs', '1']);
    const threads = spillway(bin, ['scenarios/flash-sale-spike.json', '--json', '--jobs', '3']);
    expect(threads.code, threads.stderr).toBe(0);
    expect(threads.stdout).toBe(one.stdout);
    // Without the worker file beside it, --jobs 3 fails (and --jobs 1 does not): the threads really load it.
    const alone = join(mkdtempSync(join(tmpdir(), 'spillway-alone-')), 'spillway.mjs');
    copyFileSync(bin, alone);
    expect(spillway(alone, ['scenarios/flash-sale-spike.json', '--json', '--jobs', '1']).code).toBe(0);
    expect(spillway(alone, ['scenarios/flash-sale-spike.json', '--json', '--jobs', '3']).code).not.toBe(0);
  });

  it('declares the spillway bin where the build writes it, and prints one-line errors', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ spillway: 'dist-cli/spillway.mjs' });
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = spillway(bin, ['no-such.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: no-such.json: cannot read scenario: no such file');
  });
});
