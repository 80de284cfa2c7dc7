import { formatIssues, safeParseScenario } from '../scenario/parse.ts';
import type { Scenario, ScenarioInput } from '../scenario/scenario.ts';
import { jsonEqual } from './jsonEqual.ts';

/** Kept even when parsing would restore them: the version must travel with the data. */
const PINNED_TOP_LEVEL = new Set(['schemaVersion']);

export class NotCanonicalError extends Error {}

/**
 * The smallest scenario document (greedily) that parses back to exactly `scenario`: every field
 * whose removal the schema would undo with its default is dropped, whole objects first.
 *
 * No list of defaults is kept here; each removal is checked by parsing the document and comparing
 * with `scenario`, so the result round-trips by construction and cannot drift from the schema.
 * Cost: one parse per field tried (a few hundred for a scenario; milliseconds).
 */
export function minimize(scenario: Scenario): ScenarioInput {
  const doc = JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>;
  const same = () => {
    const r = safeParseScenario(doc);
    return r.ok && jsonEqual(r.scenario, scenario);
  };
  if (!same()) {
    const r = safeParseScenario(doc);
    throw new NotCanonicalError(`scenario does not parse back to itself${r.ok ? '' : `: ${formatIssues(r.issues)}`}`);
  }
  prune(doc, same, true);
  return doc as ScenarioInput;
}

function prune(node: Record<string, unknown>, same: () => boolean, topLevel: boolean): void {
  for (const key of Object.keys(node)) {
    if (topLevel && PINNED_TOP_LEVEL.has(key)) continue;
    const value = node[key];
    delete node[key];
    if (same()) continue;
    node[key] = value;
    descend(value, same);
  }
}

function descend(value: unknown, same: () => boolean): void {
  if (Array.isArray(value)) {
    // Elements cannot be dropped (position matters), but objects inside them can shrink. Arrays
    // of primitives or tuples (trace rows) have nothing to drop and are skipped without parsing.
    for (const item of value) if (isPlainObject(item)) prune(item, same, false);
  } else if (isPlainObject(value)) {
    prune(value, same, false);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
