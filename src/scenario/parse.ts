import type { z } from 'zod';
import { Scenario } from './scenario.ts';
import { migrate, MigrationError } from './migrations.ts';
import { jsonErrorPosition } from './jsonErrorPosition.ts';

/** A problem in user input, with where it is (field path, or file and line); never a crash. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  constructor(
    readonly issues: FieldIssue[],
    readonly source?: string,
  ) {
    super(formatIssuesLine(issues, source));
    this.name = 'ScenarioError';
  }
}

/** Issues shown in full in a one-line message; the rest are counted. */
const LINE_ISSUES = 5;

/**
 * Issues as one line, `file: path: message; path: message`, for a terminal or a log: a message
 * split over lines breaks `grep` and tools that read the first line. The first few issues in
 * full, then how many more there are.
 */
export function formatIssuesLine(issues: FieldIssue[], source?: string): string {
  const where = source ? `${source}: ` : '';
  const shown = issues.slice(0, LINE_ISSUES).map((i) => `${i.path ? i.path + ': ' : ''}${i.message}`.replace(/\s*[\r\n]+\s*/g, ' '));
  const more = issues.length > LINE_ISSUES ? ` (and ${issues.length - LINE_ISSUES} more problems)` : '';
  return `${where}${shown.join('; ')}${more}`;
}

export function formatIssues(issues: FieldIssue[], source?: string): string {
  const where = source ? `${source}: ` : '';
  return issues.map((i) => `${where}${i.path ? i.path + ': ' : ''}${i.message}`).join('\n');
}

export function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => describeIssue(issue, []));
}

/**
 * An issue as field issues. A union whose value matched the type of exactly one option (an object
 * where a name or an object is allowed) reports that option's issues, with their own paths, instead
 * of zod's bare "Invalid input".
 */
function describeIssue(issue: z.core.$ZodIssue, prefix: ReadonlyArray<PropertyKey>): FieldIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const typeMismatch = (list: z.core.$ZodIssue[]) => list.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
    const matching = issue.errors.filter((list) => list.length > 0 && !typeMismatch(list));
    if (matching.length === 1) return matching[0].flatMap((i) => describeIssue(i, path));
  }
  return [{ path: pathOf(path), message: issue.message }];
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: FieldIssue[] };

/** Validates (and migrates) a scenario object; returns field-path issues instead of throwing. */
export function safeParseScenario(doc: unknown): ParseResult {
  let migrated: unknown;
  try {
    migrated = migrate(doc);
  } catch (e) {
    if (e instanceof MigrationError) {
      const [path, ...rest] = e.message.split(': ');
      return { ok: false, issues: [{ path, message: rest.join(': ') }] };
    }
    throw e;
  }
  const r = Scenario.safeParse(migrated);
  if (r.success) return { ok: true, scenario: r.data };
  return { ok: false, issues: issuesFromZod(r.error) };
}

export function parseScenario(doc: unknown, source?: string): Scenario {
  const r = safeParseScenario(doc);
  if (!r.ok) throw new ScenarioError(r.issues, source);
  return r.scenario;
}

/** Parses JSON text, naming the line and column of a syntax error. */
export function parseScenarioText(text: string, source = 'scenario'): Scenario {
  // A byte order mark, which some editors on Windows write, is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([{ path: '', message: `not valid JSON (${jsonErrorWhere(text, e)})` }], source);
  }
  return parseScenario(doc, source);
}

function jsonErrorWhere(text: string, e: unknown): string {
  const pos = jsonErrorPosition(text);
  if (pos < 0) return e instanceof Error ? e.message : String(e);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const found = pos >= text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(text[pos])}`;
  return `${found} at line ${line}, column ${column}`;
}
