/**
 * Saves and loads imported traces in IndexedDB off the main thread: storing a 1M-row trace means
 * serializing about 34 MB, a 100-300 ms pause if the page did it. The tables come in and go out
 * transferred, not copied.
 */
import * as Comlink from 'comlink';
import { forgetTrace, loadSavedTraces, saveTrace } from '../src/app/import/traceCache.ts';
import type { LoadedTrace } from '../src/app/import/traceStore.ts';
import { tableBuffers } from '../src/workload/podTable.ts';

const api = {
  async load(): Promise<Array<{ name: string; trace: LoadedTrace }>> {
    const saved = await loadSavedTraces();
    return Comlink.transfer(saved, saved.flatMap((s) => tableBuffers(s.trace.table)));
  },

  save(name: string, trace: LoadedTrace): Promise<boolean> {
    return saveTrace(name, trace);
  },

  forget(name: string): Promise<boolean> {
    return forgetTrace(name);
  },
};

export type TraceCacheWorkerApi = typeof api;

Comlink.expose(api);
