import { performance } from 'node:perf_hooks';
import { coarseItems } from '../recommend/search.ts';
import type { RunPoint } from '../runs/bands.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { z } from '../scenario/zod.ts';
import { ScenarioError } from '../scenario/parse.ts';
import { TraceImportError } from '../trace/errors.ts';
import { buildWorkload } from '../workload/build.ts';
import { estimateWork } from '../workload/workEstimate.ts';
import type { PodTable } from '../workload/podTable.ts';
import { InputError, loadScenarioFile } from './loadScenarioFile.ts';
import { computeRunUnits, finishRuns, RunsHeadSchema, RunUnitSchema, type RunsHead, type RunUnit } from './monteCarlo.ts';
import { defaultJobs, simulateInParallel, StrategyPool } from './parallelSimulate.ts';
import { makePartial, scenarioHash, type PartialResult } from './partial.ts';
import { recommendationJson, replayer, runRecommend } from './recommendCli.ts';
import { toJson } from './report.ts';
import { shardUnits, type Shard } from './shard.ts';

/**
 * `--recommend --shard i/n`. Most of a search is its coarse grid (every strategy's knob
 * combinations, each screened with a few seeds), which is known before anything is replayed;
 * what follows (bisection, midpoints, the final check with every run) depends on the grid's
 * results. So the work units split among shards are: first the command's own result (the single
 * run, or each run of `--runs N`), then every replay of the coarse grid. `spillway merge` puts
 * the grid's points back in order and finishes the search (refinement and check) in its own
 * process, which then prints what the unsharded `--recommend --json` prints.
 */

/** How the shards read the scenario (as given on their command line): merge reads it again only when the search needs trace files. */
export interface RecommendLoad {
  file: string;
  trace?: string;
  mapping?: string;
  seed?: number;
  horizon?: number | 'trace';
  traceWindow?: { from: number; to?: number };
  skipBadRows: boolean;
}

/** What every shard of a search plans alike. */
export interface RecommendHead {
  scenario: string;
  /** The runs that decide (--runs N, else the default 10). */
  runs: number;
  /** Present with --runs N: the command's result is the Monte Carlo study, units 0..runs-1. Else unit 0 is the single run. */
  study: RunsHead | null;
  /** Work units before the coarse grid's: 1 (the single run) or the study's runs. */
  own: number;
  /** Replays of the coarse grid (configurations x screening seeds): units own..own+coarse-1. */
  coarse: number;
  /** The scenario file as written: the recommendation's patched scenario is this with the changes. */
  doc: unknown;
  /** The scenario as run (after --seed, --horizon, --trace), when it survives JSON exactly and reads no trace file; else null and merge reads `load` again. */
  asRun: unknown;
  /** Trace files the workload reads (the merge needs them to replay the refinement). */
  traceFiles: string[];
  load: RecommendLoad;
}

/** One unit's result: the single run's document, one run of the study, or one replay of the grid. */
export type RecommendUnit = { single: Record<string, unknown> } | { run: RunUnit } | { point: EncodedPoint };

/**
 * A RunPoint as JSON: numbers JSON cannot hold (an infinite or undefined pending p95, -0) as
 * strings, so the search in the merging process compares exactly what the unsharded one did
 * (`null <= slo` would be true where `Infinity <= slo` is false).
 */
type EncodedPoint = Record<keyof RunPoint, number | string>;

const SPECIAL = ['Infinity', '-Infinity', 'NaN', '-0'] as const;

function encodeNumber(v: number): number | string {
  if (Object.is(v, -0)) return '-0';
  return Number.isFinite(v) ? v : String(v);
}

const decodeNumber = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

export const encodePoint = (p: RunPoint): EncodedPoint => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, encodeNumber(v)])) as EncodedPoint;
export const decodePoint = (p: EncodedPoint): RunPoint => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, decodeNumber(v)])) as unknown as RunPoint;

/** True when JSON gives back the same value: no infinite or NaN number, no -0, no undefined in an array. */
function jsonExact(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => x !== undefined && jsonExact(x));
  if (v && typeof v === 'object') return Object.values(v).every((x) => x === undefined || jsonExact(x));
  return true;
}

export function recommendHead(scenario: Scenario, traces: ReadonlyMap<string, PodTable>, doc: unknown, runs: number, study: RunsHead | null, load: RecommendLoad): RecommendHead {
  const own = study ? study.runs : 1;
  const traceFiles = [...traces.keys()];
  return {
    scenario: scenario.name,
    runs,
    study,
    own,
    coarse: coarseItems(scenario, runs).length,
    doc,
    asRun: traceFiles.length === 0 && jsonExact(scenario) ? scenario : null,
    traceFiles,
    load,
  };
}

/** `--recommend --shard i/n`: this shard's units (of the command's own result, then of the coarse grid) as a partial result. */
export async function recommendShard(
  scenario: Scenario,
  traces: ReadonlyMap<string, PodTable>,
  head: RecommendHead,
  shard: Shard,
  jobs: number,
  warn: (m: string) => void,
): Promise<PartialResult<RecommendHead, RecommendUnit>> {
  const t0 = performance.now();
  const indices = shardUnits(head.own + head.coarse, shard);
  const own = indices.filter((u) => u < head.own);
  const grid = indices.filter((u) => u >= head.own).map((u) => u - head.own);
  const results: RecommendUnit[] = [];
  // Through JSON, as merge reads them, so the merged document is the unsharded one's bytes.
  const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  if (head.study) {
    for (const run of await computeRunUnits(scenario, traces, head.study, own, jobs, warn)) results.push({ run: viaJson(run) });
  } else if (own.length) {
    const notices: string[] = [];
    const pods = buildWorkload(scenario, traces, notices);
    notices.forEach(warn);
    results.push({ single: viaJson(toJson(await simulateInParallel(scenario, pods, jobs))) as Record<string, unknown> });
  }
  if (grid.length) {
    const all = coarseItems(scenario, head.runs);
    const pool = jobs > 1 ? await StrategyPool.borrow(jobs) : null;
    try {
      const points = await replayer(traces, pool)(grid.map((i) => all[i]));
      for (const p of points) results.push({ point: encodePoint(p) });
    } finally {
      await pool?.release();
    }
  }
  console.error(`recommend shard ${shard.index}/${shard.count}: ${head.study ? `${own.length} of the study's ${head.own} runs` : own.length ? 'the single run' : 'not the single run'}, ${grid.length} of the coarse grid's ${head.coarse} replays in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return makePartial('recommend', { scenario, traces }, shard, head.own + head.coarse, indices, head, results);
}

const numberOrSpecial = z.union([z.number(), z.enum(SPECIAL)]);
const PointSchema = z.object({ cost: numberOrSpecial, pendingP95: numberOrSpecial, utilizationCpu: numberOrSpecial, sloViolations: numberOrSpecial, neverStarted: numberOrSpecial, podsTotal: numberOrSpecial });

export const RecommendHeadSchema = z.object({
  scenario: z.string(),
  runs: z.number().int().min(1),
  study: RunsHeadSchema.nullable(),
  own: z.number().int().min(1),
  coarse: z.number().int().nonnegative(),
  doc: z.unknown(),
  asRun: z.unknown(),
  traceFiles: z.array(z.string()),
  load: z.object({
    file: z.string(),
    trace: z.string().optional(),
    mapping: z.string().optional(),
    seed: z.number().int().nonnegative().optional(),
    horizon: z.union([z.number(), z.literal('trace')]).optional(),
    traceWindow: z.object({ from: z.number(), to: z.number().optional() }).optional(),
    skipBadRows: z.boolean(),
  }),
});

// One key of the three (not a union: a damaged number is then reported at its own path).
export const RecommendUnitSchema = z
  .strictObject({ single: z.looseObject({ strategies: z.array(z.unknown()) }).optional(), run: RunUnitSchema.optional(), point: PointSchema.optional() })
  .refine((u) => Object.keys(u).length === 1, 'expected one of "single", "run" or "point"');

/** Files given to merge in place of those the shards read (a Job's pods read theirs under /spillway/input). */
export interface MergeInputs {
  scenario?: string;
  trace?: string;
  mapping?: string;
  jobs?: number;
}

/**
 * Finishes the search from every unit: the command's own document, then the search with the
 * coarse grid's points given, the refinement and check replayed here. Returns the document the
 * unsharded `--recommend --json` prints. `fail` makes the one-line error for a set of parts that
 * does not fit.
 */
export async function finishRecommend(
  head: RecommendHead,
  seed: number,
  units: RecommendUnit[],
  { hash, inputs, fileOf, fail }: { hash: string; inputs: MergeInputs; fileOf: (unit: number) => string; fail: (message: string) => Error },
): Promise<object> {
  const kind = (u: number) => (u < head.own ? (head.study ? 'run' : 'single') : 'point');
  const wrong = units.findIndex((unit, u) => !(kind(u) in unit));
  if (wrong >= 0) throw fail(`merge: ${fileOf(wrong)}: damaged partial result: unit ${wrong} should be ${kind(wrong) === 'point' ? 'a replay of the coarse grid' : kind(wrong) === 'run' ? `run ${wrong} of the study` : 'the single run'}`);
  const { scenario, traces } = loadForMerge(head, hash, inputs, fail);
  const grid = coarseItems(scenario, head.runs).length;
  if (head.own !== (head.study ? head.study.runs : 1) || head.coarse !== grid) throw fail(`merge: ${fileOf(0)}: damaged partial result: its plan has ${head.own} runs of the command and ${head.coarse} replays of the coarse grid; the scenario's search has ${head.study ? head.study.runs : 1} and ${grid}`);
  // The command's own document first: a damaged run is reported before the search replays anything.
  let doc: object;
  if (head.study) {
    const runs = units.slice(0, head.own).map((u) => (u as { run: RunUnit }).run);
    if (!runs[0].first) throw fail(`merge: ${fileOf(0)}: damaged partial result: run 0 (the scenario's own seed) has no summary`);
    const bad = runs.findIndex((r, k) => r.seed !== head.study!.seeds[k] || r.points.length !== scenario.strategies.length);
    if (bad >= 0) throw fail(`merge: ${fileOf(bad)}: damaged partial result: run ${bad} has seed ${runs[bad].seed} and ${runs[bad].points.length} strategies, the plan says seed ${head.study.seeds[bad]} and ${scenario.strategies.length}`);
    doc = finishRuns(head.study, seed, runs);
  } else doc = (units[0] as { single: Record<string, unknown> }).single;
  const coarse = units.slice(head.own).map((u) => decodePoint((u as { point: EncodedPoint }).point));
  const t0 = performance.now();
  // Threads as the unsharded command would use for the search.
  const pods = estimateWork([scenario], new Map([...traces].map(([name, t]) => [name, t.count] as const))).pods;
  const jobs = inputs.jobs ?? defaultJobs(scenario.strategies.length * head.runs, pods * head.runs);
  const result = await runRecommend(scenario, traces, head.runs, jobs, undefined, coarse);
  // Configurations of the coarse grid that make a valid scenario: one item each with one seed.
  const refined = { configurations: result.configurations - coarseItems(scenario, head.runs, 1).length, replays: result.replays - head.coarse };
  console.error(`merge: recommend: ${result.configurations} configurations, ${result.replays} replays in all; ${head.coarse} replays of the coarse grid from the parts, refinement and check here: ${refined.configurations} more configurations, ${refined.replays} replays in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { ...doc, ...recommendationJson(result, head.doc) };
}

/**
 * The scenario and traces the search replays: the one carried in the parts when it needs no
 * file, else read again the way the shards read it (or from the files given to merge), and
 * checked against the parts' scenario hash.
 */
function loadForMerge(head: RecommendHead, hash: string, inputs: MergeInputs, fail: (message: string) => Error): { scenario: Scenario; traces: ReadonlyMap<string, PodTable> } {
  if (head.asRun !== null && inputs.scenario === undefined) {
    const scenario = head.asRun as Scenario;
    if (scenarioHash(scenario, new Map()) !== hash) throw fail('merge: damaged partial result: the scenario it carries does not match its scenario hash');
    return { scenario, traces: new Map() };
  }
  const file = inputs.scenario ?? head.load.file;
  const trace = inputs.trace ?? head.load.trace;
  let loaded: ReturnType<typeof loadScenarioFile>;
  try {
    loaded = loadScenarioFile(file, {
      trace,
      mapping: inputs.mapping ?? head.load.mapping,
      seed: head.load.seed,
      strict: !head.load.skipBadRows,
      horizon: head.load.horizon,
      traceWindow: head.load.traceWindow,
    });
  } catch (e) {
    if (!(e instanceof InputError || e instanceof ScenarioError || e instanceof TraceImportError)) throw e;
    throw fail(`merge: the search's refinement replays the workload, which reads ${head.traceFiles.join(', ') || file}; reading it here failed (${e.message.replace(/\s*[\r\n]+\s*/g, ' ')}): give --scenario FILE${head.load.trace ? ' --trace FILE' : ''} where the files are on this machine`);
  }
  if (scenarioHash(loaded.scenario, loaded.traces) !== hash) throw fail(`merge: ${file}${trace ? ` with ${trace}` : ''} is not what the shards ran (different scenario hash); give the scenario and trace files the shards read`);
  return loaded;
}
