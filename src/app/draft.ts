/**
 * The editor's draft: the scenario document exactly as the user is writing it (JSON values,
 * durations as "10m" or seconds), valid or not. Edits are immutable updates by field path, so an
 * invalid value is kept in the draft and shown with its message instead of being dropped.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Draft = Record<string, unknown>;

function keyOf(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}

export function splitPath(path: string): (string | number)[] {
  return path === '' ? [] : path.split('.').map(keyOf);
}

export function getIn(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const k of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/**
 * The array at `path`, or [] when the draft holds anything else there. A draft can have any shape
 * (the JSON view, a saved scenario or a link can put `"workload": "x"` in it); the editor renders
 * what it can and the schema's messages say what is wrong, instead of the page failing.
 */
export function listAt(doc: unknown, path: string): unknown[] {
  const v = getIn(doc, path);
  return Array.isArray(v) ? v : [];
}

/** The object at `path`, or {} when the draft holds anything else there (see listAt). */
export function recordAt(doc: unknown, path: string): Record<string, unknown> {
  const v = getIn(doc, path);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Returns a copy of `doc` with `value` at `path`, creating objects (or arrays for numeric keys)
 * on the way. `undefined` removes the key, so a schema default applies again.
 */
export function setIn<T>(doc: T, path: string, value: unknown): T {
  const keys = splitPath(path);
  if (keys.length === 0) return value as T;
  const go = (node: unknown, i: number): unknown => {
    const k = keys[i];
    const container: Record<string | number, unknown> | unknown[] = Array.isArray(node)
      ? [...node]
      : node !== null && typeof node === 'object'
        ? { ...(node as Record<string, unknown>) }
        : typeof k === 'number'
          ? []
          : {};
    const c = container as Record<string | number, unknown>;
    if (i === keys.length - 1) {
      if (value === undefined && !Array.isArray(container)) delete c[k];
      else c[k] = value;
    } else {
      c[k] = go(c[k], i + 1);
    }
    return container;
  };
  return go(doc, 0) as T;
}

/** Removes item `index` of the array at `path`. */
export function removeAt<T>(doc: T, path: string, index: number): T {
  const arr = getIn(doc, path);
  if (!Array.isArray(arr)) return doc;
  return setIn(doc, path, arr.filter((_, i) => i !== index));
}

/** Inserts `item` into the array at `path` at `index` (default: the end). */
export function insertAt<T>(doc: T, path: string, item: unknown, index?: number): T {
  const arr = getIn(doc, path);
  const list = Array.isArray(arr) ? [...arr] : [];
  list.splice(index ?? list.length, 0, item);
  return setIn(doc, path, list);
}

/** A name not in `taken`: "X (copy)", "X (copy 2)", ... */
export function uniqueName(base: string, taken: readonly string[]): string {
  const stem = `${base} (copy)`;
  if (!taken.includes(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.includes(`${base} (copy ${n})`)) return `${base} (copy ${n})`;
}

/** The draft as the advanced JSON view shows it. */
export function draftToJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2);
}

export type JsonParse = { ok: true; doc: Draft } | { ok: false; message: string };

/** Parses the JSON view's text; a syntax error names line and column, and the draft is left alone. */
export function jsonToDraft(text: string): JsonParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      return { ok: false, message: `Not valid JSON at line ${line}, column ${column}: ${msg.replace(/\s*\(line.*$/, '').replace(/ in JSON at position.*$/, '')}` };
    }
    return { ok: false, message: `Not valid JSON: ${msg}` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, message: 'A scenario must be a JSON object ({ ... }).' };
  return { ok: true, doc: doc as Draft };
}
