import type { z } from 'zod';
import { InputError, readText } from './loadScenarioFile.ts';
import { PARTIAL_START, PartialEnvelope } from './partial.ts';
import { formatShard, parseShard, shardUnits, ShardError, type Shard } from './shard.ts';
import { finishSweep, SweepHeadSchema, SweepRowSchema, type SweepHead } from './sweepShard.ts';
import type { SweepRow } from '../sweep/index.ts';
import { finishRuns, RunsHeadSchema, RunUnitSchema, type RunsHead, type RunUnit } from './monteCarlo.ts';
import { finishRecommend, RecommendHeadSchema, RecommendUnitSchema, type MergeInputs, type RecommendHead, type RecommendUnit } from './recommendShard.ts';

/** A set of partials that does not make one whole result: one line naming the files. */
export class MergeError extends InputError {}

/** How merge checks and finishes each command's partials. */
interface Finisher {
  head: z.ZodType;
  result: z.ZodType;
  finish(head: unknown, seed: number, results: unknown[], context: FinishContext): unknown;
}

const FINISHERS: Record<string, Finisher> = {
  sweep: { head: SweepHeadSchema, result: SweepRowSchema, finish: (head, seed, rows) => finishSweep(head as SweepHead, seed, rows as SweepRow[]) },
  runs: {
    head: RunsHeadSchema,
    result: RunUnitSchema,
    finish: (head, seed, units) => {
      const h = head as RunsHead;
      const u = units as RunUnit[];
      if (!u[0]?.first) throw new MergeError('merge: damaged partial result: run 0 (the scenario\'s own seed) has no summary');
      const wrong = u.findIndex((unit, k) => unit.seed !== h.seeds[k] || unit.points.length !== u[0].first!.strategies.length);
      if (wrong >= 0) throw new MergeError(`merge: damaged partial result: run ${wrong} has seed ${u[wrong].seed} and ${u[wrong].points.length} strategies, the plan says seed ${h.seeds[wrong]} and ${u[0].first.strategies.length}`);
      return finishRuns(h, seed, u);
    },
  },
  recommend: {
    head: RecommendHeadSchema,
    result: RecommendUnitSchema,
    finish: (head, seed, units, c) => finishRecommend(head as RecommendHead, seed, units as RecommendUnit[], { ...c, fail: (m) => new MergeError(m) }),
  },
};

/** What a finisher may need besides the units: the parts' scenario hash, files given to merge, the part that held unit u. */
interface FinishContext {
  hash: string;
  inputs: MergeInputs;
  fileOf: (unit: number) => string;
}

export const MERGE_USAGE = `usage: spillway merge <part.json>... [--jobs N] [--scenario FILE [--trace FILE] [--mapping FILE]]

  Combines the partial results of a command run with --shard i/n into the JSON the command
  prints without --shard (--json). Every shard 0..n-1 must be there exactly once, from the same
  scenario, seed and Spillway version. Lines around a partial (warnings that kubectl logs mixes
  in) are repeated on stderr.

  Parts of --recommend hold its coarse grid: merge finishes the search (refinement and the final
  check with every run) here, on N worker threads (--jobs). When the workload reads trace files,
  it reads them again where the shards did, or from --scenario/--trace/--mapping (e.g. your copy
  of what a Job's pods read under /spillway/input); they must be what the shards ran.`;

interface Part {
  file: string;
  shard: Shard;
  doc: z.infer<typeof PartialEnvelope>;
}

/** The partial in a file's text: the one line starting {"spillwayPartial":, other lines passed to `note`. */
export function readPart(file: string, text: string, note: (line: string) => void): Part {
  const lines = text.split(/\r?\n/);
  const found = lines.filter((l) => l.startsWith(PARTIAL_START));
  if (found.length === 0) throw new MergeError(`${file}: not a partial result (no line starting ${PARTIAL_START}; is it the output of --shard?)`);
  if (found.length > 1) throw new MergeError(`${file}: holds ${found.length} partial results; give each shard's in its own file`);
  for (const l of lines) if (l.trim() && !l.startsWith(PARTIAL_START)) note(l);
  let raw: unknown;
  try {
    raw = JSON.parse(found[0]);
  } catch (e) {
    throw new MergeError(`${file}: damaged partial result: ${(e as Error).message}`);
  }
  const env = PartialEnvelope.safeParse(raw);
  if (!env.success) throw new MergeError(`${file}: damaged partial result: ${issue(env.error)}`);
  const doc = env.data;
  const finisher = FINISHERS[doc.command];
  if (!finisher) throw new MergeError(`${file}: partial result of "${doc.command}", which this Spillway (${Object.keys(FINISHERS).join(', ')}) cannot merge`);
  let shard: Shard;
  try {
    shard = parseShard(doc.shard);
  } catch (e) {
    if (e instanceof ShardError) throw new MergeError(`${file}: damaged partial result: shard: ${e.message}`);
    throw e;
  }
  const expected = shardUnits(doc.units.total, shard);
  if (expected.length !== doc.units.indices.length || expected.some((u, i) => doc.units.indices[i] !== u)) {
    throw new MergeError(`${file}: damaged partial result: units ${short(doc.units.indices)} are not those of shard ${doc.shard} of ${doc.units.total}`);
  }
  if (doc.results.length !== doc.units.indices.length) throw new MergeError(`${file}: damaged partial result: ${doc.results.length} results for ${doc.units.indices.length} units`);
  const head = finisher.head.safeParse(doc.head);
  if (!head.success) throw new MergeError(`${file}: damaged partial result: head.${issue(head.error)}`);
  doc.results.forEach((r, i) => {
    const ok = finisher.result.safeParse(r);
    if (!ok.success) throw new MergeError(`${file}: damaged partial result: results.${i}.${issue(ok.error)}`);
  });
  return { file, shard, doc };
}

/** Checks that the parts are the shards 0..n-1 of one run, each once, and returns the finished document. */
export async function mergeParts(parts: Part[], inputs: MergeInputs = {}): Promise<unknown> {
  if (!parts.length) throw new MergeError('merge: no partial results given');
  const first = parts[0];
  const same = (what: string, get: (p: Part) => unknown, why: string) => {
    const want = JSON.stringify(get(first));
    for (const p of parts.slice(1)) {
      const got = JSON.stringify(get(p));
      if (got !== want) throw new MergeError(`merge: ${p.file} has ${what} ${clip(got)} but ${first.file} has ${clip(want)} (${why})`);
    }
  };
  same('command', (p) => p.doc.command, 'parts of different commands');
  same('version', (p) => p.doc.version, 'parts from different Spillway versions; rerun all shards with one version');
  same('seed', (p) => p.doc.seed, 'a different random seed');
  same('scenario hash', (p) => p.doc.scenarioHash, 'a different scenario or trace');
  same('shard count', (p) => p.shard.count, 'parts of differently sharded runs');
  same('work units', (p) => p.doc.units.total, 'a different plan');
  same('plan', (p) => p.doc.head, 'a different --sweep, --runs or --recommend');
  const byIndex = new Map<number, Part>();
  for (const p of parts) {
    const twice = byIndex.get(p.shard.index);
    if (twice) throw new MergeError(`merge: ${twice.file} and ${p.file} are both shard ${p.doc.shard} (overlapping parts)`);
    byIndex.set(p.shard.index, p);
  }
  const n = first.shard.count;
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new MergeError(`merge: missing ${missing.length === 1 ? 'shard' : `${missing.length} shards`} ${short(missing.map((i) => formatShard({ index: i, count: n })))} (have ${parts.length} of ${n})`);
  const results: unknown[] = new Array(first.doc.units.total);
  const fileOf: string[] = new Array(first.doc.units.total);
  for (const p of parts) p.doc.units.indices.forEach((u, i) => ((results[u] = p.doc.results[i]), (fileOf[u] = p.file)));
  return FINISHERS[first.doc.command].finish(first.doc.head, first.doc.seed, results, { hash: first.doc.scenarioHash, inputs, fileOf: (u) => fileOf[u] });
}

/** `spillway merge part-*.json`: prints the merged JSON; exit 2 with one line for a bad set of parts. */
export async function runMerge(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(MERGE_USAGE);
    return 0;
  }
  const inputs: MergeInputs = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      files.push(a);
      continue;
    }
    if (!['--scenario', '--trace', '--mapping', '--jobs'].includes(a)) throw new MergeError(`merge: unknown option ${a}`);
    const v = argv[++i];
    if (v === undefined || v.startsWith('--')) throw new MergeError(`merge: ${a} needs a value`);
    if (a === '--jobs') {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) throw new MergeError(`merge: --jobs "${v}" is not a whole number from 1 to 256`);
      inputs.jobs = Number(v);
    } else inputs[a.slice(2) as 'scenario' | 'trace' | 'mapping'] = v;
  }
  if (!files.length) throw new MergeError('merge: no partial results given (spillway merge part-*.json)');
  const parts = files.map((file) => readPart(file, readText(file, 'partial result'), (line) => console.error(`${file}: ${line}`)));
  console.log(JSON.stringify(await mergeParts(parts, inputs), null, 2));
  return 0;
}

function issue(error: z.ZodError): string {
  const i = error.issues[0];
  return `${i.path.join('.') || '(top)'}: ${i.message}`;
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
const short = (xs: Array<number | string>) => (xs.length > 8 ? `${xs.slice(0, 8).join(', ')}, ... (${xs.length})` : xs.join(', '));
