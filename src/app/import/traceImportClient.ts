/**
 * The main thread's door to the trace import worker. The worker starts lazily; `cancel`
 * terminates it (an import is one long read loop, so termination is the way to stop it at once)
 * and rejects whatever was in flight with ImportCancelledError; the next call starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { HeadOutcome, ImportOutcome, TraceImportProgress, TraceImportWorkerApi } from '../../../workers/traceImport.worker.ts';
import type { TraceMappingInput } from '../../trace/index.ts';

export type { HeadOutcome, ImportOutcome, TraceImportProgress };

export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelledError';
  }
}

export class TraceImportClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<TraceImportWorkerApi> | null = null;
  private readonly pending = new Set<(e: Error) => void>();

  private connect(): Comlink.Remote<TraceImportWorkerApi> {
    if (!this.remote) {
      this.worker = new Worker(new URL('../../../workers/traceImport.worker.ts', import.meta.url), { type: 'module', name: 'trace-import' });
      this.remote = Comlink.wrap<TraceImportWorkerApi>(this.worker);
    }
    return this.remote;
  }

  /** Wraps a worker call so that cancel() rejects it and late progress never reaches the caller. */
  private call<T>(start: (remote: Comlink.Remote<TraceImportWorkerApi>, live: () => boolean) => Promise<T>): Promise<T> {
    const remote = this.connect();
    let settled = false;
    return new Promise<T>((resolve, reject) => {
      const cancelled = (e: Error) => {
        settled = true;
        reject(e);
      };
      this.pending.add(cancelled);
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.pending.delete(cancelled);
        fn();
      };
      start(remote, () => !settled).then(
        (value) => done(() => resolve(value)),
        (error: unknown) => done(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }

  readHead(file: Blob, fileName: string): Promise<HeadOutcome> {
    return this.call((remote) => remote.readHead(file, fileName) as Promise<HeadOutcome>);
  }

  importFile(file: Blob, fileName: string, mapping: TraceMappingInput | undefined, onProgress: (p: TraceImportProgress) => void): Promise<ImportOutcome> {
    return this.call(
      (remote, live) =>
        remote.importFile(
          file,
          fileName,
          mapping,
          Comlink.proxy((p: TraceImportProgress) => {
            if (live()) onProgress(p);
          }),
        ) as Promise<ImportOutcome>,
    );
  }

  importUrl(url: string, fileName: string, mapping?: TraceMappingInput): Promise<ImportOutcome> {
    return this.call((remote) => remote.importUrl(url, fileName, mapping) as Promise<ImportOutcome>);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Stops whatever is in flight by terminating the worker. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    const rejects = [...this.pending];
    this.pending.clear();
    for (const r of rejects) r(new ImportCancelledError());
  }
}
