import { useRunStatus, type RunStatusStore } from './runStatus.ts';

/** The line beside the Run button: progress while running, then what happened. */
export function RunStatusView({ store }: { store: RunStatusStore }) {
  const status = useRunStatus(store);
  return (
    <div className="run-status" data-testid="run-status">
      {status.kind === 'running' && (
        <>
          <progress max={1} value={status.fraction} aria-label="Simulation progress" />
          {/* The label is announced when the phase changes; the percentage is not re-announced every tick. */}
          <span role="status">{status.label}</span>
          <span aria-hidden="true">{Math.round(status.fraction * 100)}%</span>
        </>
      )}
      {status.kind === 'done' && (
        <span role="status" data-elapsed-ms={Math.round(status.elapsedMs)}>
          Simulated {status.pods.toLocaleString('en-US')} pods in {(status.elapsedMs / 1000).toFixed(1)} s.
        </span>
      )}
      {status.kind === 'cancelled' && <span role="status" className="warn">Run cancelled. The previous results are kept.</span>}
      {status.kind === 'invalid' && (
        <span role="alert" className="error">
          {status.count} problem{status.count === 1 ? '' : 's'} in the scenario; see the editor.
        </span>
      )}
      {status.kind === 'error' && <span role="alert" className="error">The simulation failed: {status.message}</span>}
    </div>
  );
}
