import { performance } from 'node:perf_hooks';
import { NodeShapeError } from '../models/nodeShape.ts';
import { ScenarioError } from '../scenario/parse.ts';
import { simulate } from '../sim/simulate.ts';
import { TraceImportError } from '../trace/errors.ts';
import { buildWorkload, WorkloadError } from '../workload/build.ts';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { InputError, loadScenarioFile } from './loadScenarioFile.ts';
import { toJson, toTable } from './report.ts';

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (args.help || !args.scenario) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  const { scenario, traces } = loadScenarioFile(args.scenario, {
    trace: args.trace,
    seed: args.seed,
    strict: !args.skipBadRows,
    warn: (m) => console.error(`warning: ${m}`),
  });
  const t0 = performance.now();
  const pods = buildWorkload(scenario, traces);
  const result = simulate(scenario, pods);
  const wall = performance.now() - t0;
  console.log(args.json ? JSON.stringify(toJson(result), null, 2) : toTable(result, wall));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`error: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (e instanceof InputError || e instanceof ScenarioError || e instanceof WorkloadError || e instanceof NodeShapeError || e instanceof TraceImportError) {
    console.error(`error: ${e.message}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
