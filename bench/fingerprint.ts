/**
 * Full-precision results of every built-in scenario and of the bench workload on each strategy
 * kind, one JSON line per strategy: a check that an engine change meant to keep results does.
 *
 *   npx tsx bench/fingerprint.ts [size] > before.jsonl     (default size 100k)
 *   ... change the engine ...
 *   npx tsx bench/fingerprint.ts [size] > after.jsonl
 *   npx tsx bench/fingerprint.ts --compare before.jsonl after.jsonl
 *
 * The comparison prints the largest relative difference of any number (event counts listed
 * apart: an engine change may do the same work with fewer events) and exits 1 on other changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadScenarioFile } from '../src/cli/loadScenarioFile.ts';
import { simulate } from '../src/replay/simulate.ts';
import { StrategyRun } from '../src/replay/strategyRun.ts';
import { buildWorkload } from '../src/workload/build.ts';
import { benchScenario, parseSize, STRATEGY_KINDS } from './scenario.ts';

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x)));

function fingerprint(size: number): void {
  for (const f of readdirSync('scenarios').filter((f) => f.endsWith('.json')).sort()) {
    const { scenario, traces } = loadScenarioFile(`scenarios/${f}`);
    for (const s of simulate(scenario, buildWorkload(scenario, traces)).strategies) console.log(JSON.stringify({ f, ...(plain(s) as object) }));
  }
  const pods = buildWorkload(benchScenario(size, ['serverless']));
  for (const kind of STRATEGY_KINDS) {
    const sc = benchScenario(size, [kind]);
    console.log(JSON.stringify({ f: `bench-${size}`, ...(plain(new StrategyRun(sc, sc.strategies[0], pods, 0).result()) as object) }));
  }
}

function compare(a: string, b: string): number {
  const read = (p: string) => readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const before = read(a);
  const after = read(b);
  let worst = { rel: 0, path: '' };
  const other: string[] = [];
  const events: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (typeof x === 'number' && typeof y === 'number') {
      const rel = x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      if (path.endsWith('.events')) {
        if (x !== y) events.push(`${path}: ${x} -> ${y}`);
      } else if (rel > worst.rel) worst = { rel, path: `${path}: ${x} -> ${y}` };
    } else if (x && y && typeof x === 'object' && typeof y === 'object') {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
    } else if (x !== y) other.push(`${path}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
  };
  if (before.length !== after.length) other.push(`${before.length} strategies before, ${after.length} after`);
  before.forEach((r, i) => walk(r, after[i], `${r.f}:${r.name}`));
  console.log(`largest relative difference: ${worst.rel === 0 ? 'none' : `${worst.rel.toExponential(2)} (${worst.path})`}`);
  for (const e of events) console.log(`events ${e}`);
  for (const o of other) console.log(`changed ${o}`);
  return other.length > 0 || worst.rel > 1e-9 ? 1 : 0;
}

const args = process.argv.slice(2);
if (args[0] === '--compare') process.exitCode = compare(args[1], args[2]);
else fingerprint(parseSize(args[0] ?? '100k'));
