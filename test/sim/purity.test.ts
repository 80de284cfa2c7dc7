import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The kernel and models must be pure and deterministic: same scenario and seed, same bytes out,
 * in the worker, in Node and in tests. tsconfig.sim.json compiles them without DOM or Node types;
 * this lint catches what the compiler cannot (ambient clocks and randomness).
 */
const PURE_DIRS = ['src/sim', 'src/models', 'src/metrics', 'src/workload', 'src/scenario', 'src/pricing'];
const FORBIDDEN: Array<[RegExp, string]> = [
  [/Math\.random\s*\(/, 'Math.random (use the seeded Random)'],
  [/Date\.now\s*\(/, 'Date.now'],
  [/new Date\s*\(/, 'new Date'],
  [/performance\.now\s*\(/, 'performance.now'],
  [/from ['"](react|react-dom|comlink|d3[\w-]*|node:[\w/]+|fs|path)['"]/, 'a DOM, worker or Node import'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('kernel purity', () => {
  const root = join(import.meta.dirname, '..', '..');
  for (const dir of PURE_DIRS) {
    it(`${dir} uses no clock, ambient randomness, DOM, worker or Node API`, () => {
      const problems: string[] = [];
      for (const file of files(join(root, dir))) {
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const [re, what] of FORBIDDEN) if (re.test(line)) problems.push(`${file.slice(root.length + 1)}:${i + 1}: ${what}`);
        });
      }
      expect(problems).toEqual([]);
    });
  }
});
