/**
 * Imported traces kept in the browser (IndexedDB), so a reload or a reopened link does not ask
 * for the file again: the pod table, the import report and the file's fingerprint, by trace
 * source name. Only the most recent few are kept (a 1M-row trace is about 34 MB). Storage that is
 * missing, blocked or full only means the file is asked for again: nothing here throws.
 * `loadSavedTraces`, `saveTrace` and `forgetTrace` run in workers/traceCache.worker.ts
 * (serializing a big table is slow); the page only asks `savedTracesState`, which reads no table.
 * Storage that never answers (seen in the wild: a pending upgrade in another tab, a wedged
 * browser profile) is given up on after OPEN_TIMEOUT_MS, and says so, instead of holding up the
 * links and runs that wait for it.
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

/** Opening the database gets this long; a healthy browser answers in milliseconds. */
export const OPEN_TIMEOUT_MS = 3000;

type Opened = { db: IDBDatabase } | { problem: 'unavailable' | 'timeout' };

function openDb(timeoutMs = OPEN_TIMEOUT_MS): Promise<Opened> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) return Promise.resolve({ problem: 'unavailable' });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: Opened) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => settle({ problem: 'timeout' }), timeoutMs);
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      return settle({ problem: 'unavailable' });
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      const store = db.objectStoreNames.contains(STORE) ? req.transaction!.objectStore(STORE) : db.createObjectStore(STORE, { keyPath: 'name' });
      if (!store.indexNames.contains(BY_TIME)) store.createIndex(BY_TIME, 'savedAt');
    };
    req.onsuccess = () => {
      // Opened after the timeout: nobody uses it, so it is closed (else it blocks later upgrades).
      if (settled) req.result.close();
      else settle({ db: req.result });
    };
    req.onerror = () => settle({ problem: 'unavailable' });
    req.onblocked = () => settle({ problem: 'unavailable' });
  });
}

/**
 * Runs `use` on the store in one transaction and closes the database. `fallback` when storage is
 * missing, blocked or does not answer, or anything fails.
 */
async function withStore<T>(mode: IDBTransactionMode, fallback: T, use: (store: IDBObjectStore, tx: IDBTransaction) => Promise<T>): Promise<T> {
  const opened = await openDb();
  if (!('db' in opened)) return fallback;
  const { db } = opened;
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

export type SavedTracesState = 'some' | 'none' | 'unavailable' | 'timeout';

/** Are any traces saved, or why that cannot be known? (Cheap: counts keys, reads no table.) */
export async function savedTracesState(timeoutMs = OPEN_TIMEOUT_MS): Promise<SavedTracesState> {
  const opened = await openDb(timeoutMs);
  if (!('db' in opened)) return opened.problem;
  const { db } = opened;
  try {
    return (await result(db.transaction(STORE, 'readonly').objectStore(STORE).count())) > 0 ? 'some' : 'none';
  } catch {
    return 'unavailable';
  } finally {
    db.close();
  }
}

/** Are any traces saved? False also when storage is missing or does not answer. */
export async function hasSavedTraces(): Promise<boolean> {
  return (await savedTracesState()) === 'some';
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
