/**
 * What the run controls show: idle, running (with progress), done, cancelled, invalid or failed.
 *
 * Kept in a small store rather than in App's state: progress arrives from each worker up to 25
 * times a second, and as App state each tick re-rendered the whole page (editor, panels) on the
 * main thread while the workers needed the cores. Only the status line subscribes to every
 * change; App re-renders when the kind changes (`useRunStatusKind`).
 */
import { useSyncExternalStore } from 'react';

export type RunStatus =
  | { kind: 'idle' }
  | { kind: 'running'; fraction: number; label: string }
  | { kind: 'done'; elapsedMs: number; pods: number }
  | { kind: 'cancelled' }
  | { kind: 'invalid'; count: number }
  | { kind: 'error'; message: string };

export class RunStatusStore {
  private status: RunStatus = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();

  readonly get = (): RunStatus => this.status;

  set(status: RunStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The whole status: re-renders on every progress tick. */
export function useRunStatus(store: RunStatusStore): RunStatus {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Only the kind ('running', 'done', ...): re-renders when a run starts or ends. */
export function useRunStatusKind(store: RunStatusStore): RunStatus['kind'] {
  return useSyncExternalStore(store.subscribe, () => store.get().kind);
}
