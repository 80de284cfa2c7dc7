/**
 * Pure helpers between an accepted import and the draft scenario: the source's name, adding or
 * replacing the `trace` workload source, and which built-in CSV a scenario's `path` means.
 */
import type { TraceMappingInput } from '../../trace/index.ts';
import { parseDurationText } from '../../scenario/duration.ts';
import { getIn, setIn, type Draft } from '../draft.ts';

/** "openb pods 2023.csv" -> "openb pods 2023"; the default name of a new trace source. */
export function sourceNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv|txt)$/i, '').trim();
  return (base || 'trace').slice(0, 200);
}

/** Names of the trace sources in a draft (any shape the draft is in). */
export function traceSourceNames(doc: Draft): string[] {
  const workload = getIn(doc, 'workload');
  if (!Array.isArray(workload)) return [];
  return workload.flatMap((w) => (w && typeof w === 'object' && (w as { type?: unknown }).type === 'trace' && typeof (w as { name?: unknown }).name === 'string' ? [(w as { name: string }).name] : []));
}

/** Why `name` cannot name a new or replacing trace source, or null when it can. */
export function sourceNameProblem(doc: Draft, name: string, use: TraceUse = 'add'): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'give the source a name';
  if (trimmed.length > 200) return 'at most 200 characters';
  // The trace becomes the whole workload: no other source is left to clash with.
  if (use === 'replace') return null;
  const workload = getIn(doc, 'workload');
  const clash = Array.isArray(workload) && workload.some((w) => w && typeof w === 'object' && (w as { type?: unknown }).type !== 'trace' && (w as { name?: unknown }).name === trimmed);
  return clash ? `a generator is already named "${trimmed}"; choose another name` : null;
}

export interface AcceptedTrace {
  name: string;
  mapping: TraceMappingInput;
  fingerprint: { rows: number; sha256: string };
  /** The part of the trace to replay (seconds after its time 0); absent: all of it. */
  window?: { from: number; to?: number };
}

/**
 * How an imported trace joins the scenario: `replace`, the trace becomes the whole workload (what
 * a user importing their own pods means, so the dialog's default for a new import); `add`, it
 * joins the other sources (or replaces the trace source of the same name in place).
 */
export type TraceUse = 'replace' | 'add';

function sameNamedTrace(list: unknown[], name: string): number {
  return list.findIndex((w) => w !== null && typeof w === 'object' && (w as { type?: unknown }).type === 'trace' && (w as { name?: unknown }).name === name);
}

/**
 * The draft with a `trace` source for an accepted import. `replace`: the workload is that source
 * alone. `add`: a new source at the end of the workload, or, when a trace source has that name,
 * that source replaced in place. Either way a trace source of the same name that is replaced
 * gives its offset (where the user placed it) to the new one, but not its path, inline rows or
 * window: the data now comes from the imported file, which the fingerprint identifies.
 */
export function withTraceSource(doc: Draft, accepted: AcceptedTrace, use: TraceUse = 'add'): Draft {
  const workload = getIn(doc, 'workload');
  const list: unknown[] = Array.isArray(workload) ? workload : [];
  const index = sameNamedTrace(list, accepted.name);
  const previous = index >= 0 ? (list[index] as Record<string, unknown>) : null;
  const source: Record<string, unknown> = {
    type: 'trace',
    name: accepted.name,
    ...(previous && previous.offset !== undefined ? { offset: previous.offset } : {}),
    ...(accepted.window ? { window: accepted.window } : {}),
    mapping: accepted.mapping,
    fingerprint: accepted.fingerprint,
  };
  if (use === 'replace') return setIn(doc, 'workload', [source]);
  return setIn(doc, 'workload', index >= 0 ? list.map((w, i) => (i === index ? source : w)) : [...list, source]);
}

/** The names of the draft's workload sources (what a `replace` import removes), "source N" where a name is missing. */
export function workloadNames(doc: Draft): string[] {
  const workload = getIn(doc, 'workload');
  if (!Array.isArray(workload)) return [];
  return workload.map((w, i) => (w && typeof w === 'object' && typeof (w as { name?: unknown }).name === 'string' ? (w as { name: string }).name : `source ${i + 1}`));
}

/** Seconds from a draft's duration value (a number or text such as "19h"), or undefined. */
export function draftSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : parseDurationText(t);
}

/** Where the imported trace's time 0 will be on the scenario's clock: the offset of the trace source it replaces, else 0. */
export function importedOffset(doc: Draft, name: string): number {
  const workload = getIn(doc, 'workload');
  const list: unknown[] = Array.isArray(workload) ? workload : [];
  const index = sameNamedTrace(list, name);
  return index >= 0 ? (draftSeconds((list[index] as { offset?: unknown }).offset) ?? 0) : 0;
}

/**
 * The key of a built-in trace file for a scenario's `path` (relative to scenarios/):
 * "traces/openb-7d.csv" and "./traces/openb-7d.csv" are "/scenarios/traces/openb-7d.csv".
 * Null for paths that leave scenarios/ or are absolute (the app has no file system).
 */
export function builtinTraceKey(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  if (path.startsWith('/') || parts.length === 0) return null;
  return `/scenarios/${parts.join('/')}`;
}

export interface TraceAttribution {
  /** The section's title, e.g. "derived from the Alibaba GPU-sharing cluster trace (openb pod list)". */
  title: string;
  /** The "Please cite: ..." sentence, whitespace folded. */
  citation: string;
}

/**
 * The attribution of a shipped trace from scenarios/traces/README.md: the `## <file> — <title>`
 * section and its "Please cite:" sentence (up to the first full stop after the venue).
 */
export function attributionFor(fileName: string, readme: string): TraceAttribution | null {
  const sections = readme.split(/^## /m).slice(1);
  const section = sections.find((s) => s.startsWith(fileName));
  if (!section) return null;
  const title = section.split('\n')[0].slice(fileName.length).replace(/^\s*[—–-]\s*/, '').trim();
  const body = section.replace(/\s+/g, ' ');
  const m = /Please cite: (.*?\.)(?= [A-Z][a-z]+ |$)/.exec(body) ?? /Please cite: ([^]*?)(?:$)/.exec(body);
  return { title, citation: m ? m[1].replace(/^"|"$/g, '').trim() : '' };
}
