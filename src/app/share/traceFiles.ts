/**
 * Traces a link refers to by fingerprint: which sources need a file, and turning a verified
 * canonical CSV back into inline rows.
 */
import type { Scenario } from '../../scenario/scenario.ts';
import type { Fingerprint } from '../../share/index.ts';

export interface MissingTrace {
  index: number;
  name: string;
  fingerprint: Fingerprint;
}

/** Trace sources with a fingerprint and neither inline rows nor a path: the file must come from the user. */
export function missingTraces(scenario: Scenario): MissingTrace[] {
  return scenario.workload.flatMap((w, index) => (w.type === 'trace' && !w.rows && !w.path && w.fingerprint ? [{ index, name: w.name, fingerprint: w.fingerprint }] : []));
}

type Row = [number, number, number, number, ...(string | number)[]];

/**
 * Rows of a canonical CSV (`arrival_s,duration_s,cpu_m,mem_mib[,class]`). Only used on text that
 * verifyTraceFile has matched against a fingerprint, i.e. text Spillway wrote itself; a class
 * with a comma or quote is CSV-quoted there and unquoted here.
 */
export function canonicalCsvRows(text: string): Row[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const cells = splitCsvLine(line);
    const nums = cells.slice(0, 4).map(Number) as [number, number, number, number];
    if (nums.some((n) => !Number.isFinite(n))) throw new Error(`line ${i + 1}: expected four numbers`);
    rows.push(cells.length > 4 ? [...nums, cells[4]] : nums);
  }
  return rows;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The scenario with the trace at `index` given its rows (the fingerprint stays as a record of the file). */
export function withTraceRows(scenario: Scenario, index: number, rows: Row[]): Scenario {
  return { ...scenario, workload: scenario.workload.map((w, i) => (i === index && w.type === 'trace' ? { ...w, rows } : w)) };
}
