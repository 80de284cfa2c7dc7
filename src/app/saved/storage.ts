/**
 * Saved scenarios in the browser's localStorage, under one versioned key. Pure functions over a
 * Storage-like object (tests pass a fake). Stored data that cannot be read is never thrown away:
 * the raw text is copied to a backup key first and the message says where it is.
 */
import type { Draft } from '../draft.ts';

export const STORAGE_KEY = 'spillway.savedScenarios.v1';
export const STORAGE_VERSION = 1;

export interface SavedScenario {
  id: string;
  name: string;
  /** ISO time of the last save. */
  savedAt: string;
  /** The scenario draft as it was saved (valid or not). */
  doc: Draft;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { key?: (i: number) => string | null; length?: number };

export interface LoadResult {
  items: SavedScenario[];
  /** Set when some or all of the stored data could not be read; says where the raw copy is. */
  problem: string | null;
}

function isSaved(v: unknown): v is SavedScenario {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.name === 'string' && typeof o.savedAt === 'string' && !!o.doc && typeof o.doc === 'object' && !Array.isArray(o.doc);
}

/** Copies unreadable text to `<key>.backup-<n>` (first free n; the same text is not copied twice). */
function backUp(storage: StorageLike, raw: string): string | null {
  for (let n = 1; n < 100; n++) {
    const key = `${STORAGE_KEY}.backup-${n}`;
    const existing = storage.getItem(key);
    if (existing === raw) return key;
    if (existing === null) {
      try {
        storage.setItem(key, raw);
        return key;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function loadSaved(storage: StorageLike | null): LoadResult {
  if (!storage) return { items: [], problem: 'This browser does not allow saving (storage is unavailable); export scenarios as files instead.' };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return { items: [], problem: 'This browser does not allow reading saved scenarios (storage is blocked); export scenarios as files instead.' };
  }
  if (raw === null) return { items: [], problem: null };
  const unreadable = (why: string, items: SavedScenario[] = []): LoadResult => {
    const where = backUp(storage, raw!);
    return { items, problem: `Saved scenarios: ${why}. ${where ? `The stored text was kept under the key “${where}” in localStorage.` : 'The stored text could not be backed up; it is left as it was until you save.'}` };
  };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return unreadable('the stored data is damaged (not valid JSON), so none could be read');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return unreadable('the stored data is not in the expected format');
  const d = data as { version?: unknown; scenarios?: unknown };
  if (typeof d.version === 'number' && d.version > STORAGE_VERSION) return unreadable(`they were saved by a newer Spillway (format ${d.version}; this one reads ${STORAGE_VERSION})`);
  if (d.version !== STORAGE_VERSION || !Array.isArray(d.scenarios)) return unreadable('the stored data is not in the expected format');
  const items = d.scenarios.filter(isSaved);
  const bad = d.scenarios.length - items.length;
  if (bad > 0) return unreadable(`${bad} of ${d.scenarios.length} saved entries are damaged and were left out`, items);
  return { items, problem: null };
}

/** Writes the list; returns an error message (e.g. storage full) instead of throwing. */
export function storeSaved(storage: StorageLike | null, items: readonly SavedScenario[]): string | null {
  if (!storage) return 'Storage is unavailable in this browser; export the scenario as a file instead.';
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: STORAGE_VERSION, scenarios: items }));
    return null;
  } catch (e) {
    return `Could not save (${e instanceof Error ? e.message : String(e)}); the browser's storage may be full. Export the scenario as a file instead.`;
  }
}

export function addSaved(items: readonly SavedScenario[], entry: SavedScenario): SavedScenario[] {
  return [entry, ...items];
}

/** Replaces the doc of the entry with this name (case-sensitive), else adds a new one. */
export function saveByName(items: readonly SavedScenario[], name: string, doc: Draft, now: string, newId: string): SavedScenario[] {
  const existing = items.find((s) => s.name === name);
  if (existing) return items.map((s) => (s === existing ? { ...s, doc, savedAt: now } : s));
  return addSaved(items, { id: newId, name, savedAt: now, doc });
}

export function renameSaved(items: readonly SavedScenario[], id: string, name: string): SavedScenario[] {
  const trimmed = name.trim();
  if (!trimmed) return [...items];
  return items.map((s) => (s.id === id ? { ...s, name: trimmed } : s));
}

export function removeSaved(items: readonly SavedScenario[], id: string): SavedScenario[] {
  return items.filter((s) => s.id !== id);
}

/** The browser's localStorage, or null where touching it throws (privacy modes, sandboxed frames). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
