import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ScenarioError, parseScenarioText } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { simulate } from '../sim/simulate.ts';
import { buildWorkload, WorkloadError } from '../workload/build.ts';
import type { PodTable } from '../workload/podTable.ts';
import { NodeShapeError } from '../models/nodeShape.ts';
import { TraceImportError } from '../trace/errors.ts';
import { readTraceFile } from '../trace/readFile.node.ts';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { toJson, toTable } from './report.ts';

/** A problem with what the user gave us: printed as one line, exit code 2, no stack trace. */
class InputError extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new InputError(`${path}: cannot read ${what}: ${why}`);
  }
}

function loadTraces(scenario: Scenario, scenarioPath: string, tracePath?: string): { scenario: Scenario; traces: Map<string, PodTable> } {
  const traces = new Map<string, PodTable>();
  if (tracePath) {
    readText(tracePath, 'trace'); // clear message for a missing file before the importer runs
    const { table } = readTraceFile(tracePath, undefined, { strict: false });
    const name = tracePath;
    return { scenario: { ...scenario, workload: [{ type: 'trace', name, path: tracePath, offset: 0 }] }, traces: new Map([[name, table]]) };
  }
  scenario.workload.forEach((source) => {
    if (source.type === 'trace' && source.path && !source.rows) {
      const path = resolve(dirname(scenarioPath), source.path);
      readText(path, `trace "${source.name}"`);
      const { table } = readTraceFile(path, source.mapping as never, { strict: false });
      traces.set(source.name, table);
    }
  });
  return { scenario, traces };
}

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (args.help || !args.scenario) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  let scenario = parseScenarioText(readText(args.scenario, 'scenario'), args.scenario);
  if (args.seed !== undefined) scenario = { ...scenario, seed: args.seed };
  const loaded = loadTraces(scenario, args.scenario, args.trace);
  scenario = loaded.scenario;
  const t0 = performance.now();
  const pods = buildWorkload(scenario, loaded.traces);
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
