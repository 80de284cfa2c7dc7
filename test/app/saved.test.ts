import { describe, expect, it } from 'vitest';
import { importScenarioText, scenarioFileText } from '../../src/app/saved/scenarioFile.ts';
import { loadSaved, removeSaved, renameSaved, saveByName, STORAGE_KEY, storeSaved, type SavedScenario, type StorageLike } from '../../src/app/saved/storage.ts';

/** A Storage with a Map behind it; `quota` makes setItem throw like a full localStorage. */
function fakeStorage(initial: Record<string, string> = {}, quota = Infinity): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

const doc = { schemaVersion: 1, name: 'A', workload: [], strategies: [] };
const entry = (id: string, name: string): SavedScenario => ({ id, name, savedAt: '2026-01-01T00:00:00.000Z', doc: { ...doc, name } });

describe('saved scenarios in storage', () => {
  it('starts empty and round-trips through the versioned key', () => {
    const s = fakeStorage();
    expect(loadSaved(s)).toEqual({ items: [], problem: null });
    const items = saveByName([], 'First', doc, '2026-01-02T00:00:00.000Z', 'id1');
    expect(storeSaved(s, items)).toBeNull();
    expect(JSON.parse(s.data.get(STORAGE_KEY)!)).toEqual({ version: 1, scenarios: items });
    expect(loadSaved(s)).toEqual({ items, problem: null });
  });

  it('save by an existing name updates that entry; rename and delete', () => {
    let items = [entry('a', 'One'), entry('b', 'Two')];
    items = saveByName(items, 'Two', { x: 1 }, 'now', 'c');
    expect(items.map((i) => [i.id, i.name, i.savedAt])).toEqual([['a', 'One', '2026-01-01T00:00:00.000Z'], ['b', 'Two', 'now']]);
    expect(items[1].doc).toEqual({ x: 1 });
    items = saveByName(items, 'Three', doc, 'now', 'c');
    expect(items[0].id).toBe('c');
    expect(renameSaved(items, 'a', '  Uno ').find((i) => i.id === 'a')?.name).toBe('Uno');
    expect(renameSaved(items, 'a', '   ').find((i) => i.id === 'a')?.name).toBe('One');
    expect(removeSaved(items, 'b').map((i) => i.id)).toEqual(['c', 'a']);
  });

  it('damaged JSON: a message, nothing read, and the raw text kept under a backup key', () => {
    const s = fakeStorage({ [STORAGE_KEY]: '{"version":1,"scenarios":[{"id"' });
    const r = loadSaved(s);
    expect(r.items).toEqual([]);
    expect(r.problem).toMatch(/damaged.*spillway\.savedScenarios\.v1\.backup-1/s);
    expect(s.data.get(`${STORAGE_KEY}.backup-1`)).toBe('{"version":1,"scenarios":[{"id"');
    // Loading again does not make a second copy of the same text.
    loadSaved(s);
    expect(s.data.has(`${STORAGE_KEY}.backup-2`)).toBe(false);
    // Saving afterwards writes the main key; the backup stays.
    expect(storeSaved(s, [entry('a', 'New')])).toBeNull();
    expect(s.data.get(`${STORAGE_KEY}.backup-1`)).toBe('{"version":1,"scenarios":[{"id"');
  });

  it('keeps the good entries when some are damaged', () => {
    const raw = JSON.stringify({ version: 1, scenarios: [entry('a', 'Good'), { id: 'b', name: 3 }, null] });
    const s = fakeStorage({ [STORAGE_KEY]: raw });
    const r = loadSaved(s);
    expect(r.items.map((i) => i.name)).toEqual(['Good']);
    expect(r.problem).toMatch(/2 of 3 saved entries are damaged/);
    expect(s.data.get(`${STORAGE_KEY}.backup-1`)).toBe(raw);
  });

  it('data from a newer version or of the wrong shape is kept, not read', () => {
    for (const raw of [JSON.stringify({ version: 2, scenarios: [] }), '[1,2]', JSON.stringify({ version: 1 })]) {
      const s = fakeStorage({ [STORAGE_KEY]: raw });
      const r = loadSaved(s);
      expect(r.items).toEqual([]);
      expect(r.problem).toMatch(raw.includes('"version":2') ? /newer Spillway/ : /expected format/);
      expect(s.data.get(`${STORAGE_KEY}.backup-1`)).toBe(raw);
    }
  });

  it('a full storage reports instead of throwing; no storage at all says so', () => {
    const s = fakeStorage({}, 10);
    expect(storeSaved(s, [entry('a', 'A')])).toMatch(/storage may be full/);
    expect(loadSaved(null).problem).toMatch(/unavailable/);
    const throwing: StorageLike = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => {}, removeItem: () => {} };
    expect(loadSaved(throwing).problem).toMatch(/blocked/);
  });
});

describe('scenario files', () => {
  it('exports pretty JSON that imports back', () => {
    const text = scenarioFileText({ schemaVersion: 1, name: 'S', workload: [{ type: 'burst', name: 'b', sessionStarts: ['10:00'], podsPerSession: 5, pod: { cpuMillicores: 100, memoryMiB: 128 } }], strategies: [{ kind: 'serverless', name: 'F', serverless: {} }] });
    const r = importScenarioText(text, 's.json');
    expect(r).toMatchObject({ ok: true, name: 'S' });
  });

  it('names the field path of every schema problem', () => {
    const r = importScenarioText(JSON.stringify({ schemaVersion: 1, name: 'S', workload: [{ type: 'burst', name: 'b', sessionStarts: ['10:00'], podsPerSession: -5, pod: { cpuMillicores: 100, memoryMiB: 128 } }], strategies: [] }), 'bad.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/^bad\.json is not a valid scenario \(2 problems\)/);
    expect(r.issues.map((i) => i.path).sort()).toEqual(['strategies', 'workload.0.podsPerSession']);
  });

  it('reports JSON syntax errors with line and column', () => {
    const r = importScenarioText('{\n  "name": "x",\n  oops\n}', 'broken.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^broken\.json: Not valid JSON at line 3/);
  });
});
