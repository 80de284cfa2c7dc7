/** Scenario files (the same JSON the CLI reads): export as text, import with schema validation. */
import { safeParseScenario, type FieldIssue } from '../../scenario/parse.ts';
import { jsonToDraft, type Draft } from '../draft.ts';

export type ImportResult = { ok: true; doc: Draft; name: string } | { ok: false; message: string; issues: FieldIssue[] };

export function scenarioFileText(doc: Draft): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Reads a scenario file's text: JSON errors name line and column, schema errors name the field path. */
export function importScenarioText(text: string, fileName: string): ImportResult {
  const json = jsonToDraft(text);
  if (!json.ok) return { ok: false, message: `${fileName}: ${json.message}`, issues: [] };
  const parsed = safeParseScenario(json.doc);
  if (!parsed.ok) return { ok: false, message: `${fileName} is not a valid scenario (${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}):`, issues: parsed.issues };
  return { ok: true, doc: json.doc, name: parsed.scenario.name };
}
