import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import viteConfig from '../vite.config';

/**
 * Issue 18 item 8. The whole `d3` package pulls in d3-dsv, and with it commander, iconv-lite and rw,
 * none of which the app uses; the charts need only d3-scale and d3-shape. And the production build
 * shipped 4.4 MB of source maps in dist/. Both are easy to bring back by accident.
 */
const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe('supply chain', () => {
  it('depends on d3 submodules, not the whole d3 bundle', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(all).not.toHaveProperty('d3');
    expect(all).not.toHaveProperty('@types/d3');
    expect(all).toHaveProperty('d3-scale');
    expect(all).toHaveProperty('d3-shape');
  });

  it('no source file imports the whole d3 bundle', () => {
    const offenders = ['src', 'workers', 'test', 'bench']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) => /from\s+['"]d3['"]/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the production build writes no source maps unless SPILLWAY_SOURCEMAP=1', () => {
    const saved = process.env.SPILLWAY_SOURCEMAP;
    try {
      delete process.env.SPILLWAY_SOURCEMAP;
      const config = typeof viteConfig === 'function' ? viteConfig({ command: 'build', mode: 'production' }) : viteConfig;
      expect(config).not.toBeInstanceOf(Promise);
      expect((config as { build?: { sourcemap?: unknown } }).build?.sourcemap).toBe(false);
    } finally {
      if (saved !== undefined) process.env.SPILLWAY_SOURCEMAP = saved;
    }
  });
});
