/**
 * The app's imported traces, outside React so the editor's cards, the import dialog and the run
 * button share one copy: PodTables keyed by trace source name (imported files) or by shipped file
 * (built-in scenarios' `path`). Components read it with useTraceStore(); the simulation asks
 * tablesFor(scenario) for the tables a run needs.
 */
import { useSyncExternalStore } from 'react';
import type { Scenario } from '../../scenario/scenario.ts';
import type { TraceImportReport, TraceMappingInput, TraceSummary } from '../../trace/index.ts';
import { copyTable, tableBuffers, type PodTable } from '../../workload/podTable.ts';
import { builtinTrace } from './builtinTraces.ts';
import * as Comlink from 'comlink';
import type { TraceCacheWorkerApi } from '../../../workers/traceCache.worker.ts';
import { OPEN_TIMEOUT_MS, savedTracesState } from './traceCache.ts';
import { TraceImportClient, type ImportOutcome } from './traceImportClient.ts';

export interface LoadedTrace {
  fileName: string;
  table: PodTable;
  report: TraceImportReport;
  summary: TraceSummary;
  fingerprint: { rows: number; sha256: string };
}

export type BuiltinLoad = { state: 'loading' } | { state: 'loaded'; trace: LoadedTrace } | { state: 'error'; message: string };

/** A file the user dropped or picked, waiting for the import dialog. */
export interface ImportRequest {
  file: File;
  /** Set by a trace card's "replace file": the source the import will replace. */
  replaceName?: string;
  /** Grows with each request, so picking the same file twice still opens the dialog. */
  serial: number;
}

export interface TraceStoreSnapshot {
  imported: ReadonlyMap<string, LoadedTrace>;
  /** Source names whose imported trace is saved in this browser (restored, or saved since). */
  saved: ReadonlySet<string>;
  builtin: ReadonlyMap<string, BuiltinLoad>;
  request: ImportRequest | null;
}

export class TraceStore {
  private snapshot: TraceStoreSnapshot = { imported: new Map(), saved: new Set(), builtin: new Map(), request: null };
  private readonly listeners = new Set<() => void>();
  private readonly builtinLoads = new Map<string, Promise<LoadedTrace>>();
  private serial = 0;
  private client: TraceImportClient | null = null;
  /**
   * Settles once the traces saved in the browser by earlier visits are back in `imported` (at
   * once where there is no storage). Runs and opened links wait for it.
   */
  readonly restored: Promise<void>;
  /**
   * Why traces saved by earlier visits could not be read (set once `restored` settles), e.g. the
   * browser's storage did not answer; null when they were read or there were none.
   */
  restoreProblem: string | null = null;
  private readonly persist: boolean;

  constructor(persist = typeof indexedDB !== 'undefined') {
    this.persist = persist;
    this.restored = persist ? this.restore().catch(() => {}) : Promise.resolve();
  }

  private cacheWorker: Comlink.Remote<TraceCacheWorkerApi> | null = null;

  /** The worker that reads and writes saved traces (started on first need). */
  private cache(): Comlink.Remote<TraceCacheWorkerApi> {
    this.cacheWorker ??= Comlink.wrap<TraceCacheWorkerApi>(new Worker(new URL('../../../workers/traceCache.worker.ts', import.meta.url), { type: 'module', name: 'trace-cache' }));
    return this.cacheWorker;
  }

  /** Puts traces saved by earlier visits back (a worker reads them only if there are some). */
  private async restore(): Promise<void> {
    const state = await savedTracesState();
    if (state === 'timeout') {
      this.restoreProblem = `this browser's storage (IndexedDB) did not answer within ${OPEN_TIMEOUT_MS / 1000} s, so traces kept from earlier visits cannot be used now`;
      return;
    }
    if (state !== 'some') return;
    const saved = await this.cache().load();
    const imported = new Map(this.snapshot.imported);
    const names = new Set(this.snapshot.saved);
    // Imported in this visit already (newer): kept.
    for (const { name, trace } of saved) {
      if (imported.has(name)) continue;
      imported.set(name, trace);
      names.add(name);
    }
    if (imported.size !== this.snapshot.imported.size) this.set({ imported, saved: names });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TraceStoreSnapshot => this.snapshot;

  private set(patch: Partial<TraceStoreSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  /** Opens the import dialog for `file`. */
  requestImport(file: File, replaceName?: string): void {
    this.set({ request: { file, replaceName, serial: ++this.serial } });
  }

  clearRequest(): void {
    if (this.snapshot.request) this.set({ request: null });
  }

  /**
   * Keeps an accepted import under its source name (replacing one of the same name), and saves it
   * in the browser for later visits.
   */
  setImported(name: string, trace: LoadedTrace): void {
    const imported = new Map(this.snapshot.imported);
    imported.set(name, trace);
    // The saved copy (if any) is the replaced trace until this one is saved.
    this.set({ imported, saved: this.savedWith(name, false) });
    if (this.persist) {
      // When the page is idle (the accepted import starts a run first), a copy goes to the worker:
      // a memcpy here; serializing it for storage happens there.
      const save = () => {
        if (this.snapshot.imported.get(name) !== trace) return; // replaced meanwhile
        const copy = { ...trace, table: copyTable(trace.table) };
        this.cache()
          .save(name, Comlink.transfer(copy, tableBuffers(copy.table)))
          .then((ok) => {
            if (ok && this.snapshot.imported.get(name) === trace) this.set({ saved: this.savedWith(name, true) });
          })
          .catch(() => {});
      };
      if (typeof requestIdleCallback === 'function') requestIdleCallback(save, { timeout: 3000 });
      else setTimeout(save, 0);
    }
  }

  /**
   * Deletes the copy of a trace saved in this browser. The trace stays loaded for this visit; a
   * reload, or a link to it, asks for the file again. Resolves false when the delete failed.
   */
  async forgetSaved(name: string): Promise<boolean> {
    if (!this.persist) return false;
    const ok = await this.cache().forget(name);
    if (ok) this.set({ saved: this.savedWith(name, false) });
    return ok;
  }

  /** The saved names with `name` added or taken out (a new set: snapshots are immutable). */
  private savedWith(name: string, kept: boolean): Set<string> {
    const saved = new Set(this.snapshot.saved);
    if (kept) saved.add(name);
    else saved.delete(name);
    return saved;
  }

  /** Is the trace of this source name and file (SHA-256) here, imported now or on an earlier visit? */
  hasImported(name: string, sha256: string): boolean {
    return this.snapshot.imported.get(name)?.fingerprint.sha256 === sha256;
  }

  /**
   * Loads (once) the shipped trace a built-in scenario's `path` names, importing it in a worker
   * with the source's mapping (or the detected one). Rejects with the import's message.
   */
  loadBuiltin(path: string, mapping?: TraceMappingInput): Promise<LoadedTrace> {
    const shipped = builtinTrace(path);
    if (!shipped) return Promise.reject(new Error(`${path}: the app does not ship this trace file; import it with "Import trace…"`));
    const cacheKey = `${shipped.key}\n${JSON.stringify(mapping ?? null)}`;
    let load = this.builtinLoads.get(cacheKey);
    if (!load) {
      this.client ??= new TraceImportClient();
      this.setBuiltin(shipped.key, { state: 'loading' });
      load = this.client.importUrl(shipped.url, shipped.fileName, mapping).then((outcome: ImportOutcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        const trace: LoadedTrace = { fileName: shipped.fileName, table: outcome.table, report: outcome.report, summary: outcome.summary, fingerprint: outcome.fingerprint };
        this.setBuiltin(shipped.key, { state: 'loaded', trace });
        return trace;
      });
      load.catch((e: unknown) => {
        this.builtinLoads.delete(cacheKey);
        this.setBuiltin(shipped.key, { state: 'error', message: e instanceof Error ? e.message : String(e) });
      });
      this.builtinLoads.set(cacheKey, load);
    }
    return load;
  }

  private setBuiltin(key: string, load: BuiltinLoad): void {
    const builtin = new Map(this.snapshot.builtin);
    builtin.set(key, load);
    this.set({ builtin });
  }

  /**
   * The PodTables a run of `scenario` needs, by source name: shipped files for sources with a
   * `path` (loaded on first use), imported files for sources with a fingerprint. Sources with
   * inline rows need none. A source with no table is left out; the simulation then says which
   * trace to import. A scenario without trace tables (the generated workloads) gets its answer
   * at once, not a promise, so its run starts without waiting a microtask.
   */
  tablesFor(scenario: Scenario): Record<string, PodTable> | Promise<Record<string, PodTable>> {
    const needsTables = scenario.workload.some((s) => s.type === 'trace' && !s.rows);
    return needsTables ? this.loadTablesFor(scenario) : {};
  }

  private async loadTablesFor(scenario: Scenario): Promise<Record<string, PodTable>> {
    // Imported traces saved by an earlier visit may still be coming back (only waited for when needed).
    const needsImported = scenario.workload.some((s) => s.type === 'trace' && !s.rows && !s.path && !this.snapshot.imported.has(s.name));
    if (needsImported) await this.restored;
    const tables: Record<string, PodTable> = {};
    for (const source of scenario.workload) {
      if (source.type !== 'trace' || source.rows) continue;
      if (source.path) {
        if (builtinTrace(source.path)) tables[source.name] = (await this.loadBuiltin(source.path, source.mapping as TraceMappingInput | undefined)).table;
        continue;
      }
      const imported = this.snapshot.imported.get(source.name);
      if (imported && (!source.fingerprint || source.fingerprint.sha256 === imported.fingerprint.sha256)) tables[source.name] = imported.table;
    }
    return tables;
  }
}

/** The app's one store (the editor's cards and the dialog are far apart in the tree). */
export const traceStore = new TraceStore();

export function useTraceStore(): TraceStoreSnapshot {
  return useSyncExternalStore(traceStore.subscribe, traceStore.getSnapshot);
}
