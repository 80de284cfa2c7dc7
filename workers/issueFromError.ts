import type { FieldIssue } from '../src/scenario/parse.ts';

/**
 * Turns an engine error into a field issue. Engine messages start with the path they are about
 * ("workload.1: trace ... is not loaded"); anything else becomes an issue on the whole scenario.
 */
export function issueFromError(error: unknown): FieldIssue {
  const message = error instanceof Error ? error.message : String(error);
  const m = /^((?:workload|strategies)(?:\.[A-Za-z0-9_]+)*):\s*(.*)$/s.exec(message);
  return m ? { path: m[1], message: m[2] } : { path: '', message };
}
