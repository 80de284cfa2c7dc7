import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetTrace, hasSavedTraces, KEEP_TRACES, loadSavedTraces, saveTrace } from '../../src/app/import/traceCache.ts';
import type { LoadedTrace } from '../../src/app/import/traceStore.ts';

/** A one-pod trace whose arrival tells which it is. */
function trace(tag: number): LoadedTrace {
  const table = { count: 1, arrival: Float64Array.of(tag), duration: Float64Array.of(60), cpu: Float64Array.of(500), mem: Float64Array.of(512), cls: Uint16Array.of(0), classNames: ['default'] };
  return { fileName: `t${tag}.csv`, table, report: {} as LoadedTrace['report'], summary: {} as LoadedTrace['summary'], fingerprint: { rows: 1, sha256: `sha${tag}` } };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory(); // a fresh, empty browser storage per test
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

async function saveAt(time: number, name: string, tag: number): Promise<void> {
  vi.setSystemTime(time);
  expect(await saveTrace(name, trace(tag))).toBe(true);
}

describe('traces kept in the browser (IndexedDB)', () => {
  it('keeps the most recent KEEP_TRACES, loads them most recent first, tables intact', async () => {
    expect(await hasSavedTraces()).toBe(false);
    expect(await loadSavedTraces()).toEqual([]);
    // Saved in the order t0 .. t9, one second apart: t0 and t1 are the two oldest beyond 8.
    for (let i = 0; i < 10; i++) await saveAt(1_000 * (i + 1), `t${i}`, i);
    const loaded = await loadSavedTraces();
    expect(KEEP_TRACES).toBe(8);
    expect(loaded.map((s) => s.name)).toEqual(['t9', 't8', 't7', 't6', 't5', 't4', 't3', 't2']);
    expect(loaded.map((s) => s.trace.table.arrival[0])).toEqual([9, 8, 7, 6, 5, 4, 3, 2]);
    expect(loaded[0].trace.table.cpu).toBeInstanceOf(Float64Array);
    expect(await hasSavedTraces()).toBe(true);
  });

  it('saving a name again replaces it and makes it the most recent, not a second entry', async () => {
    for (let i = 0; i < 8; i++) await saveAt(1_000 * (i + 1), `t${i}`, i);
    await saveAt(20_000, 't0', 100);
    const loaded = await loadSavedTraces();
    expect(loaded.map((s) => s.name)).toEqual(['t0', 't7', 't6', 't5', 't4', 't3', 't2', 't1']);
    expect(loaded[0].trace.table.arrival[0]).toBe(100);
  });

  it('forgets one trace, and nothing is left after forgetting all', async () => {
    await saveAt(1_000, 'a', 1);
    await saveAt(2_000, 'b', 2);
    expect(await forgetTrace('a')).toBe(true);
    expect((await loadSavedTraces()).map((s) => s.name)).toEqual(['b']);
    expect(await forgetTrace('b')).toBe(true);
    expect(await hasSavedTraces()).toBe(false);
  });

  it('reads and trims a database saved by the previous version (no index by save time yet)', async () => {
    // Version 1 as it was shipped: the store keyed by name, no index.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('spillway', 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore('traces', { keyPath: 'name' });
        for (let i = 0; i < 8; i++) store.put({ name: `old${i}`, savedAt: 1_000 * (i + 1), trace: trace(i) });
      };
      req.onsuccess = () => (req.result.close(), resolve());
      req.onerror = () => reject(req.error);
    });
    expect((await loadSavedTraces()).map((s) => s.name)).toEqual(['old7', 'old6', 'old5', 'old4', 'old3', 'old2', 'old1', 'old0']);
    await saveAt(50_000, 'new', 42);
    expect((await loadSavedTraces()).map((s) => s.name)).toEqual(['new', 'old7', 'old6', 'old5', 'old4', 'old3', 'old2', 'old1']);
  });
});

describe('storage that never answers', () => {
  /** An IndexedDB whose open() request never fires any event (a wedged profile, an upgrade blocked elsewhere). */
  function silentIndexedDb(): IDBFactory {
    return { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
  }

  it('is given up on after OPEN_TIMEOUT_MS and says so; saving and loading fall back', async () => {
    vi.useRealTimers();
    vi.useFakeTimers();
    globalThis.indexedDB = silentIndexedDb();
    const { savedTracesState, OPEN_TIMEOUT_MS } = await import('../../src/app/import/traceCache.ts');
    const state = savedTracesState();
    const load = loadSavedTraces();
    const save = saveTrace('a', trace(1));
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS - 1);
    let settled = false;
    void state.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await state).toBe('timeout');
    expect(await load).toEqual([]);
    expect(await save).toBe(false);
  });

  it('a store whose storage never answers settles `restored` and records why', async () => {
    vi.useRealTimers();
    vi.useFakeTimers();
    globalThis.indexedDB = silentIndexedDb();
    const { TraceStore } = await import('../../src/app/import/traceStore.ts');
    const { OPEN_TIMEOUT_MS } = await import('../../src/app/import/traceCache.ts');
    const store = new TraceStore(true);
    let restored = false;
    void store.restored.then(() => (restored = true));
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS);
    expect(restored).toBe(true);
    expect(store.restoreProblem).toMatch(/did not answer within 3 s/);
  });
});
