import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseScenarioText } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { importLines } from '../trace/importLines.ts';
import { readTraceFile } from '../trace/readFile.node.ts';
import type { PodTable } from '../workload/podTable.ts';

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
  seed?: number;
  /** Stop at the first bad trace row (default) or skip bad rows, reporting them through `warn`. */
  strict?: boolean;
  warn?: (message: string) => void;
  /** How each trace was read (mode and why, counts): one line each, for stderr. */
  info?: (message: string) => void;
}

/**
 * Reads a scenario file and the trace files it names (paths relative to the scenario file).
 * Throws ScenarioError, TraceImportError or InputError with the file and field or line.
 */
export function loadScenarioFile(path: string, options: LoadOptions = {}): { scenario: Scenario; traces: Map<string, PodTable> } {
  let scenario = parseScenarioText(readText(path, 'scenario'), path);
  if (options.seed !== undefined) scenario = { ...scenario, seed: options.seed };
  const strict = options.strict ?? true;
  const read = (file: string, mapping?: unknown) => {
    readText(file, 'trace');
    const result = readTraceFile(file, mapping as Parameters<typeof readTraceFile>[1], { strict });
    const report = result.report;
    for (const line of importLines(report)) options.info?.(`${file}: ${line}`);
    if (report.rejected && options.warn) {
      const reasons = report.rejections.map((i) => `${i.count} x ${i.reason} (first at line ${i.examples[0]?.line ?? '?'})`).join('; ');
      options.warn(`${file}: skipped ${report.rejected} bad rows: ${reasons}`);
    }
    return result.table;
  };
  const traces = new Map<string, PodTable>();
  if (options.trace) {
    traces.set(options.trace, read(options.trace));
    return { scenario: { ...scenario, workload: [{ type: 'trace', name: options.trace, path: options.trace, offset: 0 }] }, traces };
  }
  for (const source of scenario.workload) {
    if (source.type === 'trace' && source.path && !source.rows) traces.set(source.name, read(resolve(dirname(path), source.path), source.mapping));
  }
  return { scenario, traces };
}
