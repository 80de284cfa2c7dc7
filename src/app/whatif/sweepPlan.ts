/**
 * Sweeps from the app: a parameter is a what-if knob (applied like the slider, to every pool or
 * strategy it concerns) or any numeric schema path (as `npm run sim -- --sweep path=from:to:steps`).
 * The plan has the sweep library's shape, so break-even points, the Pareto front and the CSV come
 * from src/sweep unchanged.
 */
import { safeParseScenario } from '../../scenario/parse.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { checkParam, linearValues, numericField, SweepSpecError, type SweepPlan } from '../../sweep/index.ts';
import { setIn, type Draft } from '../draft.ts';
import { applyKnobs, NEUTRAL_KNOBS, type KnobKey, type Knobs } from './knobs.ts';

export type SweepKnob = Exclude<KnobKey, 'instanceType'>;

export type SweepTarget = { kind: 'knob'; key: SweepKnob } | { kind: 'path'; path: string };

export interface AppSweepParam {
  target: SweepTarget;
  from: number;
  to: number;
  steps: number;
}

const INTEGER_KNOBS: ReadonlySet<SweepKnob> = new Set(['minNodes', 'maxNodes', 'headroomPods']);

/** How a knob is named in the plan (the CSV header and chart axis): "knob:burstScale". */
export function targetLabel(t: SweepTarget): string {
  return t.kind === 'knob' ? `knob:${t.key}` : t.path;
}

/**
 * Validated variants of `doc` (the draft) for one or two parameters; the first varies slowest.
 * Throws SweepSpecError for a bad parameter (unknown path, not a number, too few steps).
 */
export function planAppSweep(doc: Draft, scenario: Scenario, params: readonly AppSweepParam[]): SweepPlan {
  if (params.length < 1 || params.length > 2) throw new SweepSpecError('a sweep has one or two parameters');
  if (params.length === 2 && targetLabel(params[0].target) === targetLabel(params[1].target)) throw new SweepSpecError(`sweep ${targetLabel(params[0].target)}: the same parameter twice`);
  const planned = params.map((p) => {
    const path = targetLabel(p.target);
    checkParam({ path, from: p.from, to: p.to, steps: p.steps });
    let integer: boolean;
    if (p.target.kind === 'knob') integer = INTEGER_KNOBS.has(p.target.key);
    else {
      const field = numericField(scenario, p.target.path);
      if (!field.ok) throw new SweepSpecError(`sweep ${field.message}`);
      integer = field.integer;
    }
    return { path, integer, values: linearValues({ path, from: p.from, to: p.to, steps: p.steps }, integer) };
  });
  const combos = planned.length === 1 ? planned[0].values.map((v) => [v]) : planned[0].values.flatMap((a) => planned[1].values.map((b) => [a, b]));
  const plan: SweepPlan = { params: planned, variants: [], invalid: [] };
  for (const values of combos) {
    const knobs: Knobs = { ...NEUTRAL_KNOBS };
    params.forEach((p, i) => {
      if (p.target.kind === 'knob') knobs[p.target.key] = values[i];
    });
    // Knobs read the draft's values through the parsed scenario; paths then write on top.
    let draft = applyKnobs(doc, scenario, knobs);
    params.forEach((p, i) => {
      if (p.target.kind === 'path') draft = setParsedPath(draft, scenario, p.target.path, values[i]);
    });
    const r = safeParseScenario(draft);
    if (r.ok) plan.variants.push({ values, scenario: r.scenario });
    else plan.invalid.push({ values, issues: r.issues });
  }
  return plan;
}

/**
 * Sets a schema path on the draft. A field the draft leaves to a default (e.g. a pool's
 * provisioningDelay) is first copied from the parsed scenario, so its siblings keep their values.
 */
function setParsedPath(doc: Draft, scenario: Scenario, path: string, value: number): Draft {
  const keys = path.split('.');
  let out = doc;
  let draftNode: unknown = doc;
  let parsedNode: unknown = scenario;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    parsedNode = (parsedNode as Record<string, unknown> | undefined)?.[k];
    const next = draftNode && typeof draftNode === 'object' ? (draftNode as Record<string, unknown>)[k] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') {
      out = setIn(out, keys.slice(0, i + 1).join('.'), structuredClone(parsedNode));
      break;
    }
    draftNode = next;
  }
  return setIn(out, path, value);
}
