import type { z } from 'zod';
import { Scenario } from '../scenario/scenario.ts';

export type FieldLookup = { ok: true; integer: boolean; current: number | undefined } | { ok: false; message: string };

type AnySchema = z.core.$ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  innerType?: AnySchema;
  in?: AnySchema;
  items?: AnySchema[];
}
const defOf = (s: AnySchema) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Finds what the Scenario schema says about the field at `path` in this scenario: whether it is a
 * number and whether it must be an integer. Walks the zod schema next to the value, so a
 * discriminated union (strategy kind, workload type, overflow policy) resolves to the branch the
 * scenario uses. This is how a sweep rejects a misspelt path up front instead of the schema
 * silently stripping the unknown key from every variant.
 */
export function numericField(scenario: Scenario, path: string): FieldLookup {
  const keys = path.split('.');
  if (!path || keys.some((k) => k === '')) return { ok: false, message: `"${path}" is not a field path (use dots, e.g. workload.1.podsPerSession)` };
  let schema: AnySchema = Scenario;
  let value: unknown = scenario;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const here = keys.slice(0, i).join('.') || 'the scenario';
    const last = i === keys.length - 1;
    schema = unwrap(schema);
    const def = defOf(schema);
    if (def.type === 'union') schema = unwrap(branchFor(def, value) ?? schema);
    const d = defOf(schema);
    if (d.type === 'object' && d.shape) {
      if (!Object.hasOwn(d.shape, key)) return { ok: false, message: `${keys.slice(0, i + 1).join('.')}: no such field (${here} has ${Object.keys(d.shape).join(', ')})` };
      schema = d.shape[key];
    } else if (d.type === 'array' && d.element) {
      const length = Array.isArray(value) ? value.length : 0;
      if (!/^\d+$/.test(key) || Number(key) >= length) return { ok: false, message: `${keys.slice(0, i + 1).join('.')}: no such entry (${here} has ${length}, numbered from 0)` };
      schema = d.element;
    } else {
      return { ok: false, message: `${keys.slice(0, i + 1).join('.')}: ${here} is not an object or a list` };
    }
    const next = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (!last && (next === undefined || next === null)) return { ok: false, message: `${keys.slice(0, i + 1).join('.')}: not set in this scenario; set it in the scenario first` };
    value = next;
  }
  const leaf = numberKind(schema);
  if (!leaf) return { ok: false, message: `${path}: not a number field` };
  if (value !== undefined && typeof value !== 'number') return { ok: false, message: `${path}: not a number in this scenario` };
  return { ok: true, integer: leaf === 'integer', current: value as number | undefined };
}

/**
 * Strips wrappers that do not change what a value is: default, optional, nullable, readonly, and
 * a transform's input side (the node pool's, which only normalises the parsed value).
 */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const d = defOf(s);
    if (d.innerType && ['default', 'optional', 'nullable', 'readonly', 'prefault', 'catch', 'nonoptional'].includes(d.type)) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** The union member this value is: by discriminator, else the first object or list member. */
function branchFor(def: Def, value: unknown): AnySchema | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (!def.discriminator) return def.options?.find((o) => defOf(unwrap(o)).type === (Array.isArray(value) ? 'array' : 'object'));
  const tag = (value as Record<string, unknown>)[def.discriminator];
  return def.options?.find((o) => {
    const lit = defOf(unwrap(o)).shape?.[def.discriminator!];
    const values = lit ? (defOf(lit) as unknown as { values?: unknown[] }).values : undefined;
    return values?.includes(tag);
  });
}

/** 'integer' for z.number().int(), 'number' for other numbers and durations (number | "10m"). */
function numberKind(schema: AnySchema): 'integer' | 'number' | undefined {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'number') return (s as unknown as { isInt?: boolean }).isInt ? 'integer' : 'number';
  if (d.type === 'pipe' && d.in) return numberKind(d.in);
  if (d.type === 'union' && d.options?.some((o) => numberKind(o))) return 'number';
  return undefined;
}
