import type { Scenario } from '../scenario/scenario.ts';
import { fingerprintRows, type Fingerprint } from './fingerprint.ts';

/** Inline trace rows up to this many characters of JSON stay in a link; bigger ones become references. */
export const INLINE_TRACE_BUDGET = 1500;

export interface TraceReference {
  /** Index into scenario.workload. */
  index: number;
  name: string;
  fingerprint: Fingerprint;
}

/**
 * Replaces inline traces too big for a link by `{type: 'trace', name, fingerprint}` (plus offset
 * and mapping, which say how to place and re-read the file). Whoever opens the link is asked for
 * the file, and the fingerprint proves it is the same trace.
 */
export async function referenceLargeTraces(scenario: Scenario, budget = INLINE_TRACE_BUDGET): Promise<{ scenario: Scenario; references: TraceReference[] }> {
  const references: TraceReference[] = [];
  const workload = await Promise.all(
    scenario.workload.map(async (source, index) => {
      if (source.type !== 'trace' || !source.rows || JSON.stringify(source.rows).length <= budget) return source;
      const fingerprint = await fingerprintRows(source.rows);
      references.push({ index, name: source.name, fingerprint });
      const { rows: _rows, path: _path, ...rest } = source;
      return { ...rest, fingerprint };
    }),
  );
  return { scenario: { ...scenario, workload }, references: references.sort((a, b) => a.index - b.index) };
}
