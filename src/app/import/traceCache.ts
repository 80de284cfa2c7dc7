/**
 * Imported traces kept in the browser (IndexedDB), so a reload or a reopened link does not ask
 * for the file again: the pod table, the import report and the file's fingerprint, by trace
 * source name. Only the most recent few are kept (a 1M-row trace is about 34 MB). Storage that is
 * missing, blocked or full only means the file is asked for again: nothing here throws.
 * `loadSavedTraces`, `saveTrace` and `forgetTrace` run in workers/traceCache.worker.ts (serializing a big table
 * is slow); the page only asks `hasSavedTraces`, which reads no table.
 */
import type { PodTable } from '../../workload/podTable.ts';
import type { LoadedTrace } from './traceStore.ts';

const DB_NAME = 'spillway';
const STORE = 'traces';
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
      req = indexedDB.open(DB_NAME, 1);
    } catch {
      return resolve(null);
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'name' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
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
export async function hasSavedTraces(): Promise<boolean> {
  const db = await openDb();
  if (!db) return false;
  try {
    const tx = db.transaction(STORE, 'readonly');
    return await new Promise<boolean>((resolve) => {
      const req = tx.objectStore(STORE).count();
      req.onsuccess = () => resolve(req.result > 0);
      req.onerror = () => resolve(false);
    });
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** The saved traces, most recent first (empty when storage is unavailable). */
export async function loadSavedTraces(): Promise<Array<{ name: string; trace: LoadedTrace }>> {
  const db = await openDb();
  if (!db) return [];
  try {
    const tx = db.transaction(STORE, 'readonly');
    const all = await new Promise<Saved[]>((resolve, reject) => {
      const req = tx.objectStore(STORE).getAll();
      req.onsuccess = () => resolve(req.result as Saved[]);
      req.onerror = () => reject(req.error);
    });
    return all.sort((a, b) => b.savedAt - a.savedAt).map(({ name, trace }) => ({ name, trace }));
  } catch {
    return [];
  } finally {
    db.close();
  }
}

/** Saves a trace under its source name (replacing one of that name), then drops the oldest beyond KEEP_TRACES. */
export async function saveTrace(name: string, trace: LoadedTrace): Promise<boolean> {
  const db = await openDb();
  if (!db) return false;
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    store.put({ name, savedAt: Date.now(), trace } satisfies Saved);
    const keys = store.getAll();
    keys.onsuccess = () => {
      const stale = (keys.result as Saved[]).sort((a, b) => b.savedAt - a.savedAt).slice(KEEP_TRACES);
      for (const s of stale) store.delete(s.name);
    };
    await done(tx);
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** Deletes the saved copy of a trace; false when storage is unavailable or the delete failed. */
export async function forgetTrace(name: string): Promise<boolean> {
  const db = await openDb();
  if (!db) return false;
  try {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(name);
    await done(tx);
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}
