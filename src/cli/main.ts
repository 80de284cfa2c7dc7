import { performance } from 'node:perf_hooks';
import { NodeShapeError } from '../models/nodeShape.ts';
import { ScenarioError } from '../scenario/parse.ts';
import { TraceImportError } from '../trace/errors.ts';
import { parseSweepArg, planSweep, runSweep, SweepSpecError, sweepJson, sweepTable, type SweepSpec } from '../sweep/index.ts';
import { buildWorkload, WorkloadError } from '../workload/build.ts';
import type { PodTable } from '../workload/podTable.ts';
import { DEFAULT_MAX_POD_REPLAYS, estimateWork, recommendRefusal, workRefusal } from '../workload/workEstimate.ts';
import { DEFAULT_RECOMMEND_RUNS, plannedReplays, SCREEN_RUNS } from '../recommend/search.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args.ts';
import { InputError, loadScenarioFile, readText } from './loadScenarioFile.ts';
import { recommendationJson, recommendText, runRecommend } from './recommendCli.ts';
import { runK8sJob } from './k8sJob.ts';
import { runMerge } from './merge.ts';
import { writeOutput } from './output.ts';
import { defaultJobs, simulateInParallel } from './parallelSimulate.ts';
import { partialLine } from './partial.ts';
import { singleRunVerdict, toJson, toTable } from './report.ts';
import { parseShard, shardUnits, ShardError, type Shard } from './shard.ts';
import { recommendHead, recommendShard } from './recommendShard.ts';
import { sweepShard } from './sweepShard.ts';
import { computeRunUnits, finishRuns, runsHead, runsShard, type RunUnit } from './monteCarlo.ts';
import { runsTable, type RunsDocument } from './runsReport.ts';

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return runMerge(argv.slice(1));
  if (argv[0] === 'k8s-job') return runK8sJob(argv.slice(1));
  const args = parseArgs(argv);
  if (args.help || !args.scenario) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  try {
    return await run(args as CliArgs & { scenario: string });
  } catch (e) {
    // These messages start at a field path inside the scenario: name the file too.
    if (e instanceof WorkloadError || e instanceof NodeShapeError) throw new InputError(`${args.scenario}: ${e.message}`);
    throw e;
  }
}

async function run(args: CliArgs & { scenario: string }): Promise<number> {
  // Check the sweep syntax before reading files, so a typo fails fast.
  const sweep = args.sweep.map(parseSweepArg);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (shard && !sweep.length && args.runs === undefined && !args.recommend) throw new ShardError(`--shard ${args.shard}: only a multi-run command (--sweep, --runs, --recommend) has work to split; a single run is one unit`);
  const print = (text: string) => writeOutput(text, args.out);
  const { scenario, traces } = loadScenarioFile(args.scenario, {
    trace: args.trace,
    mapping: args.mapping,
    seed: args.seed,
    strict: !args.skipBadRows,
    warn: (m) => console.error(`warning: ${m}`),
    info: (m) => console.error(m),
    horizon: args.horizon,
    traceWindow: args.traceWindow,
  });
  if (shard && args.recommend) return recommendShardCommand(args, scenario, traces, shard, print);
  if (sweep.length) {
    const plan = planSweep(scenario, sweep as SweepSpec);
    if (!plan.variants.length) throw new SweepSpecError(`sweep: no valid variant (first: ${plan.invalid[0]?.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`);
    checkWork(args, shard ? shardUnits(plan.variants.length, shard).map((i) => plan.variants[i].scenario) : plan.variants.map((v) => v.scenario), traces);
    if (shard) {
      print(partialLine(sweepShard(scenario, traces, plan, shard)));
      return 0;
    }
    const rows = runSweep(plan, { traces });
    print(args.json ? JSON.stringify(sweepJson(scenario.name, scenario.seed, plan, rows), null, 2) : sweepTable(scenario.name, scenario.seed, plan, rows));
    return 0;
  }
  if (args.runs !== undefined) {
    const head = runsHead(scenario, args.runs);
    const indices = shard ? shardUnits(head.runs, shard) : head.seeds.map((_, k) => k);
    checkWork(args, indices.map((k) => ({ ...scenario, seed: head.seeds[k] })), traces, 'runs');
    checkRecommendWork(args, scenario, traces, args.runs);
    const podsGuess = estimateWork([scenario], new Map([...traces].map(([name, t]) => [name, t.count] as const))).pods;
    const jobs = args.jobs ?? defaultJobs(scenario.strategies.length * indices.length, podsGuess * indices.length);
    const warn = (m: string) => console.error(`warning: ${m}`);
    if (shard) {
      print(partialLine(await runsShard(scenario, traces, head, shard, jobs, warn)));
      return 0;
    }
    const t0 = performance.now();
    // Through JSON, as a merge reads the units, so sharded and unsharded documents are the same bytes.
    const units = JSON.parse(JSON.stringify(await computeRunUnits(scenario, traces, head, indices, jobs, warn))) as RunUnit[];
    const doc = finishRuns(head, scenario.seed, units);
    const wall = performance.now() - t0;
    const rec = args.recommend ? await recommendFor(args, scenario, traces, args.runs) : null;
    print(args.json ? JSON.stringify({ ...doc, ...rec?.json }, null, 2) : runsTable(doc as RunsDocument, wall) + (rec ? `\n\n${rec.text}` : ''));
    return 0;
  }
  checkWork(args, [scenario], traces);
  checkRecommendWork(args, scenario, traces, DEFAULT_RECOMMEND_RUNS);
  const t0 = performance.now();
  // The thread count is decided from the estimated pod count, before the pods exist, so the
  // workers start (and load their code) while this thread builds the workload.
  const podsGuess = estimateWork([scenario], new Map([...traces].map(([name, t]) => [name, t.count] as const))).pods;
  const result = await simulateInParallel(
    scenario,
    (shared) => {
      const notices: string[] = [];
      const pods = buildWorkload(scenario, traces, notices, shared);
      for (const n of notices) console.error(`warning: ${n}`);
      return pods;
    },
    args.jobs ?? defaultJobs(scenario.strategies.length, podsGuess),
  );
  const wall = performance.now() - t0;
  const rec = args.recommend ? await recommendFor(args, scenario, traces, DEFAULT_RECOMMEND_RUNS) : null;
  print(args.json ? JSON.stringify({ ...toJson(result), ...rec?.json }, null, 2) : toTable(result, wall, singleRunVerdict(result).sentence) + (rec ? `\n\n${rec.text}` : ''));
  return 0;
}

/**
 * `--recommend --shard i/n`: this shard's part of the command's own result and of the search's
 * coarse grid, as a partial (see recommendShard.ts). It refuses what the unsharded command would.
 */
async function recommendShardCommand(args: CliArgs & { scenario: string }, scenario: Scenario, traces: ReadonlyMap<string, PodTable>, shard: Shard, print: (text: string) => void): Promise<number> {
  const runs = args.runs ?? DEFAULT_RECOMMEND_RUNS;
  const study = args.runs === undefined ? null : runsHead(scenario, args.runs);
  if (study) checkWork(args, study.seeds.map((seed) => ({ ...scenario, seed })), traces, 'runs');
  else checkWork(args, [scenario], traces);
  checkRecommendWork(args, scenario, traces, runs);
  const doc = JSON.parse(readText(args.scenario, 'scenario').replace(/^\uFEFF/, '')) as unknown;
  const load = { file: args.scenario, trace: args.trace, mapping: args.mapping, seed: args.seed, horizon: args.horizon, traceWindow: args.traceWindow, skipBadRows: args.skipBadRows };
  const head = recommendHead(scenario, traces, doc, runs, study, load);
  const pods = estimateWork([scenario], new Map([...traces].map(([name, t]) => [name, t.count] as const))).pods;
  const jobs = args.jobs ?? defaultJobs(scenario.strategies.length * runs, pods * runs);
  print(partialLine(await recommendShard(scenario, traces, head, shard, jobs, (m) => console.error(`warning: ${m}`))));
  return 0;
}


/** `--recommend`: the search, then the JSON fields and the text (diff and patched scenario). */
async function recommendFor(args: CliArgs & { scenario: string }, scenario: Scenario, traces: ReadonlyMap<string, PodTable>, runs: number) {
  const t0 = performance.now();
  const pods = estimateWork([scenario], new Map([...traces].map(([name, t]) => [name, t.count] as const))).pods;
  const jobs = args.jobs ?? defaultJobs(scenario.strategies.length * runs, pods * runs);
  let last = 0;
  const result = await runRecommend(scenario, traces, runs, jobs, (line) => {
    if (performance.now() - last < 2000) return;
    last = performance.now();
    console.error(line);
  });
  console.error(`recommend: ${result.configurations} configurations, ${result.replays} replays in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const doc = JSON.parse(readText(args.scenario, 'scenario').replace(/^\uFEFF/, '')) as unknown;
  return { json: recommendationJson(result, doc), text: recommendText(result, doc, scenario, args.scenario) };
}

/**
 * Refuses, before generating any pod, a run whose estimated work (pods x strategies, over every
 * run of a sweep) is above --max-pods or the default limit: a bad input would otherwise run for
 * minutes or take all the memory.
 */
function checkWork(args: CliArgs & { scenario: string }, scenarios: Scenario[], traces: ReadonlyMap<string, PodTable>, runsAre?: string): void {
  const loadedRows = new Map([...traces].map(([name, table]) => [name, table.count] as const));
  const estimate = estimateWork(scenarios, loadedRows);
  const limit = args.maxPods ?? DEFAULT_MAX_POD_REPLAYS;
  const refusal = workRefusal(estimate, limit, {
    limitName: args.maxPods === undefined ? undefined : `--max-pods ${args.maxPods}`,
    override: `pass --max-pods ${Math.ceil(estimate.podReplays)} to run it anyway`,
    runsAre,
  });
  if (refusal) throw new InputError(`${args.scenario}: workload: ${refusal}`);
}

/** The same limit for --recommend's search, from its planned grid, before anything is replayed. */
function checkRecommendWork(args: CliArgs & { scenario: string }, scenario: Scenario, traces: ReadonlyMap<string, PodTable>, runs: number): void {
  if (!args.recommend) return;
  const pods = estimateWork([scenario], new Map([...traces].map(([name, t]) => [name, t.count] as const))).pods;
  const screenRuns = Math.min(SCREEN_RUNS, runs);
  const plan = { ...plannedReplays(scenario, runs, screenRuns), screenRuns, runs };
  const refusal = recommendRefusal(pods, plan, args.maxPods ?? DEFAULT_MAX_POD_REPLAYS, {
    limitName: args.maxPods === undefined ? undefined : `--max-pods ${args.maxPods}`,
    override: `pass --max-pods ${Math.ceil(pods * plan.replays)} to run it anyway`,
  });
  if (refusal) throw new InputError(`${args.scenario}: --recommend: ${refusal}`);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`error: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (e instanceof InputError || e instanceof ScenarioError || e instanceof TraceImportError || e instanceof SweepSpecError) {
    // One line whatever the message holds, so the error is the one line a script or grep sees.
    console.error(`error: ${e.message.replace(/\s*[\r\n]+\s*/g, ' ')}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
