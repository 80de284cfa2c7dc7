/**
 * The CSV files shipped next to the built-in scenarios (scenarios/traces/), found at build time
 * and served as assets, with their attribution from scenarios/traces/README.md.
 */
import readme from '/scenarios/traces/README.md?raw';
import { attributionFor, builtinTraceKey, type TraceAttribution } from './traceSource.ts';

const URLS = import.meta.glob('/scenarios/traces/*.csv', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export interface BuiltinTrace {
  /** "/scenarios/traces/openb-7d.csv" */
  key: string;
  fileName: string;
  url: string;
  attribution: TraceAttribution | null;
}

/** The shipped trace a scenario's `path` names, or null when the app does not ship that file. */
export function builtinTrace(path: string): BuiltinTrace | null {
  const key = builtinTraceKey(path);
  if (!key || !(key in URLS)) return null;
  const fileName = key.replace(/^.*\//, '');
  return { key, fileName, url: URLS[key], attribution: attributionFor(fileName, readme) };
}
