/**
 * Imported traces kept in the browser (IndexedDB), so a reload or a reopened link does not ask
 * for the file again: the pod table, the import report and the file's fingerprint, by trace
 * source name. Only the most recent few are kept (a 1M-row trace is about 34 MB). Storage that is
 * missing, blocked or full only means the file is asked for again: nothing here throws.
 * `loadSavedTraces`, `saveTrace` and `forgetTrace` run in workers/traceCache.worker.ts
 * (serializing a big table is slow); the page only asks `hasSavedTraces`, which reads no table.
 */
import type { LoadedTrace } from './traceStore.ts';

const DB_NAME = 'spillway';
/** 2 added the index by save time (version 1 databases are upgraded in place). */
const DB_VERSION = 2;
const STORE = 'traces';
/** Index of the store by `savedAt`: finds the oldest traces without reading any table. */
const BY_TIME = 'savedAt';
/** Traces kept; older ones are dropped when another is saved. */
export const KEEP_TRACES = 8;

interface Saved {
  name: string;
  savedAt: number;
  trace: LoadedTrace;
}

function openDb(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      return resolve(null);
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      const store = db.objectStoreNames.contains(STORE) ? req.transaction!.objectStore(STORE) : db.createObjectStore(STORE, { keyPath: 'name' });
      if (!store.indexNames.contains(BY_TIME)) store.createIndex(BY_TIME, 'savedAt');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

/**
 * Runs `use` on the store in one transaction and closes the database. `fallback` when storage is
 * missing or blocked, or anything fails.
 */
async function withStore<T>(mode: IDBTransactionMode, fallback: T, use: (store: IDBObjectStore, tx: IDBTransaction) => Promise<T>): Promise<T> {
  const db = await openDb();
  if (!db) return fallback;
  try {
    const tx = db.transaction(STORE, mode);
    return await use(tx.objectStore(STORE), tx);
  } catch {
    return fallback;
  } finally {
    db.close();
  }
}

function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Are any traces saved? (Cheap: counts keys, reads no table.) */
export function hasSavedTraces(): Promise<boolean> {
  return withStore('readonly', false, async (store) => (await result(store.count())) > 0);
}

/** The saved traces, most recent first (empty when storage is unavailable). */
export function loadSavedTraces(): Promise<Array<{ name: string; trace: LoadedTrace }>> {
  return withStore('readonly', [], async (store) => {
    const oldestFirst = (await result(store.index(BY_TIME).getAll())) as Saved[];
    return oldestFirst.reverse().map(({ name, trace }) => ({ name, trace }));
  });
}

/**
 * Saves a trace under its source name (replacing one of that name), then drops the oldest beyond
 * KEEP_TRACES: found through the index by save time, so no other trace's table is read.
 */
export function saveTrace(name: string, trace: LoadedTrace): Promise<boolean> {
  return withStore('readwrite', false, async (store, tx) => {
    store.put({ name, savedAt: Date.now(), trace } satisfies Saved);
    const count = store.count();
    count.onsuccess = () => {
      let extra = count.result - KEEP_TRACES;
      if (extra <= 0) return;
      const oldest = store.index(BY_TIME).openKeyCursor();
      oldest.onsuccess = () => {
        const cursor = oldest.result;
        if (!cursor || extra-- <= 0) return;
        store.delete(cursor.primaryKey);
        cursor.continue();
      };
    };
    await done(tx);
    return true;
  });
}

/** Deletes the saved copy of a trace; false when storage is unavailable or the delete failed. */
export function forgetTrace(name: string): Promise<boolean> {
  return withStore('readwrite', false, async (store, tx) => {
    store.delete(name);
    await done(tx);
    return true;
  });
}
