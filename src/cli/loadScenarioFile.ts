import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NodeShapeError, nodeShapes } from '../models/nodeShape.ts';
import { parseScenarioText, ScenarioError, type FieldIssue } from '../scenario/parse.ts';
import { formatSpan } from '../app/import/importFormat.ts';
import { MAX_HORIZON_SECONDS, type Scenario } from '../scenario/scenario.ts';
import { importLines } from '../trace/importLines.ts';
import { traceOriginText } from '../trace/timeOrigin.ts';
import { placeTrace } from '../workload/tracePlacement.ts';
import { traceHorizon, traceNotes, traceTables } from './traceNotes.ts';
import { readTraceFile } from '../trace/readFile.node.ts';
import type { PodTable } from '../workload/podTable.ts';
import { readMappingFile } from './mappingFile.ts';
import { traceMappingReport } from './traceMappingReport.ts';
import { requestRange, requestRangeText } from '../trace/requestRange.ts';

/** A problem with what the user gave us: printed as one line, exit code 2, no stack trace. */
export class InputError extends Error {}

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new InputError(`${path}: cannot read ${what}: ${why}`);
  }
}

export interface LoadOptions {
  /** Replay this CSV instead of the scenario's workload. */
  trace?: string;
  /** A column mapping file (JSON) for `trace`, instead of detecting one. */
  mapping?: string;
  seed?: number;
  /** Stop at the first bad trace row (default) or skip bad rows, reporting them through `warn`. */
  strict?: boolean;
  warn?: (message: string) => void;
  /** How each trace was read (mode and why, counts; for a --trace file also its time 0, span, window and horizon cut): one line each, for stderr. */
  info?: (message: string) => void;
  /** Override the scenario's horizon: seconds, or 'trace' (until the traces' last pod ends, rounded up to an hour). */
  horizon?: number | 'trace';
  /** With `trace`: replay only this part of it, seconds after its first arrival. */
  traceWindow?: { from: number; to?: number };
}

/**
 * Reads a scenario file and the trace files it names (paths relative to the scenario file).
 * Throws ScenarioError, TraceImportError or InputError with the file and field or line.
 */
export function loadScenarioFile(path: string, options: LoadOptions = {}): { scenario: Scenario; traces: Map<string, PodTable> } {
  let scenario = parseScenarioText(readText(path, 'scenario'), path);
  checkNodeShapes(scenario, path);
  if (options.seed !== undefined) scenario = { ...scenario, seed: options.seed };
  const strict = options.strict ?? true;
  const origins = new Map<string, string>();
  const read = (file: string, name: string, mapping?: unknown, mappingFile?: string) => {
    // Streamed in chunks (readTraceFile names the file if it cannot be read): a trace over 512 MB
    // read whole into one string failed with V8's "Cannot create a string longer than ...".
    const result = readTraceFile(file, mapping as Parameters<typeof readTraceFile>[1], { strict });
    const report = result.report;
    // How the file was read (mode, then each column's unit and why), counts, and pod sizes that
    // suggest a misread unit: all before the run starts.
    const [mode, ...rest] = importLines(report);
    options.info?.(`${file}: ${mode}`);
    const said = traceMappingReport(file, report, mappingFile);
    for (const line of said.lines) options.info?.(line);
    for (const line of rest) options.info?.(`${file}: ${line}`);
    for (const w of said.warnings) options.warn?.(w);
    if (report.rejected && options.warn) {
      // JSON exports have no useful line numbers: their examples name the item (line 0).
      const first = (i: (typeof report.rejections)[number]) => (i.examples[0]?.line ? `first at line ${i.examples[0].line}` : `first: ${i.examples[0]?.text ?? '?'}`);
      const reasons = report.rejections.map((i) => `${i.count} x ${i.reason} (${first(i)})`).join('; ');
      options.warn(`${file}: skipped ${report.rejected} bad rows: ${reasons}`);
    }
    // Rows imported but worth a look (zero duration, zero memory, negative start): one line each.
    for (const w of report.warnings) options.warn?.(`${file}: ${w.count} ${w.count === 1 ? 'row' : 'rows'}: ${w.reason} (first at line ${w.examples[0]?.line ?? '?'})`);
    origins.set(name, traceOriginText(report));
    return result.table;
  };
  const traces = new Map<string, PodTable>();
  if (options.trace) {
    const mapping = options.mapping === undefined ? undefined : readMappingFile(options.mapping);
    traces.set(options.trace, read(options.trace, options.trace, mapping, options.mapping));
    const window = options.traceWindow ? { window: options.traceWindow } : {};
    scenario = { ...scenario, workload: [{ type: 'trace', name: options.trace, path: options.trace, offset: 0, ...window }] };
  } else {
    for (const source of scenario.workload) {
      if (source.type === 'trace' && source.path && !source.rows) traces.set(source.name, read(resolve(dirname(path), source.path), source.name, source.mapping));
    }
  }
  if (options.horizon === 'trace') {
    const fit = traceHorizon(scenario, traces);
    if (!fit) throw new InputError(`${path}: --horizon trace: the scenario has no trace to fit; give --trace FILE or a duration`);
    if (fit.horizon > MAX_HORIZON_SECONDS) {
      throw new InputError(`--horizon trace: the last trace pod ends after ${formatSpan(fit.lastEnd)}, longer than the longest horizon (${MAX_HORIZON_SECONDS / 86400} days); replay a part with --trace-window`);
    }
    scenario = { ...scenario, horizon: fit.horizon };
  } else if (options.horizon !== undefined) {
    scenario = { ...scenario, horizon: options.horizon };
  }
  for (const { index, source, table } of traceTables(scenario, traces)) {
    const placed = placeTrace(table, source, scenario.horizon);
    const name = source.rows ? `${source.name} (workload.${index}, inline rows)` : source.name;
    const said = traceNotes(name, placed, scenario.horizon, source, origins.get(source.name));
    // A scenario's own traces are its author's choice: only what they lose is said; a --trace file is new to the scenario: all of it.
    if (options.trace) {
      for (const line of said.notes) options.info?.(line);
      const requests = requestRange(table);
      if (requests) options.info?.(`trace ${name}: requests per pod: ${requestRangeText(requests)}`);
    }
    for (const line of said.warnings) options.warn?.(line);
  }
  return { scenario, traces };
}

/**
 * Resolves every node pool's instance types now, so an unknown type or a node with no room for
 * pods is reported like any other scenario problem (with the file, before any work starts, and
 * the same way whether the strategies then run in this thread or on worker threads).
 */
export function checkNodeShapes(scenario: Scenario, source: string): void {
  const issues: FieldIssue[] = [];
  scenario.strategies.forEach((strategy, i) => {
    if (strategy.kind === 'serverless') return;
    const at = `strategies.${i}.nodePool`;
    try {
      nodeShapes(strategy.nodePool, at);
    } catch (e) {
      if (!(e instanceof NodeShapeError)) throw e;
      // NodeShapeError's message starts with the field path.
      const cut = e.message.indexOf(': ');
      issues.push(cut > 0 ? { path: e.message.slice(0, cut), message: e.message.slice(cut + 2) } : { path: at, message: e.message });
    }
  });
  if (issues.length) throw new ScenarioError(issues, source);
}
