import { safeParseScenario, type FieldIssue } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { numericField } from './numericField.ts';
import { checkParam, linearValues, SweepSpecError, type SweepSpec } from './spec.ts';

export interface PlannedParam {
  path: string;
  integer: boolean;
  values: number[];
}

export interface Variant {
  /** One value per swept parameter, in spec order. */
  values: number[];
  scenario: Scenario;
}

/** A combination the schema rejects (e.g. minNodes above maxNodes), with the fields it names. */
export interface InvalidVariant {
  values: number[];
  issues: FieldIssue[];
}

export interface SweepPlan {
  params: PlannedParam[];
  variants: Variant[];
  invalid: InvalidVariant[];
}

/**
 * Expands a sweep into validated scenario variants. Throws SweepSpecError when the spec itself is
 * wrong (unknown path, not a number field, too few steps); a variant the schema rejects is listed
 * in `invalid` with its field issues, and the others still run.
 */
export function planSweep(scenario: Scenario, spec: SweepSpec): SweepPlan {
  if (spec.length < 1 || spec.length > 2) throw new SweepSpecError('a sweep has one or two parameters');
  if (spec.length === 2 && spec[0].path === spec[1].path) throw new SweepSpecError(`sweep ${spec[0].path}: the same parameter twice`);
  const params = spec.map((p): PlannedParam => {
    checkParam(p);
    const field = numericField(scenario, p.path);
    if (!field.ok) throw new SweepSpecError(`sweep ${field.message}`);
    return { path: p.path, integer: field.integer, values: linearValues(p, field.integer) };
  });
  const combos = params.length === 1 ? params[0].values.map((v) => [v]) : params[0].values.flatMap((a) => params[1].values.map((b) => [a, b]));
  const plan: SweepPlan = { params, variants: [], invalid: [] };
  for (const values of combos) {
    const doc = JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>;
    params.forEach((p, i) => setPath(doc, p.path, values[i]));
    const r = safeParseScenario(doc);
    if (r.ok) plan.variants.push({ values, scenario: r.scenario });
    else plan.invalid.push({ values, issues: r.issues });
  }
  return plan;
}

/** Sets a number at a dotted path that numericField has already checked (parents exist). */
function setPath(doc: Record<string, unknown>, path: string, value: number): void {
  const keys = path.split('.');
  let node = doc as Record<string, unknown> | unknown[];
  for (const k of keys.slice(0, -1)) node = (node as Record<string, unknown>)[k] as Record<string, unknown>;
  (node as Record<string, unknown>)[keys[keys.length - 1]] = value;
}
