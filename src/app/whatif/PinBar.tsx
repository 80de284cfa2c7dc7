import type { SimulationResult } from '../../metrics/result.ts';

/** "Pin this run" / the pinned run's name with Unpin. */
export function PinBar({ current, pinned, onPin }: { current: SimulationResult | null; pinned: { result: SimulationResult; at: string } | null; onPin: (p: { result: SimulationResult; at: string } | null) => void }) {
  return (
    <div className="pin-bar" data-testid="pin-bar">
      <button type="button" className="small-button" disabled={!current} onClick={() => current && onPin({ result: current, at: new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })} data-testid="pin-run">
        {pinned ? 'Pin this run instead' : 'Pin this run'}
      </button>
      {pinned ? (
        <>
          <button type="button" className="small-button" onClick={() => onPin(null)}>
            Unpin
          </button>
          <span className="muted" role="status">
            Comparing with the run pinned at {pinned.at} (“{pinned.result.scenario}”): Δ in the table, faded dashed lines in the cost and pending charts.
          </span>
        </>
      ) : (
        <span className="muted">Keep these results to compare with after you change something.</span>
      )}
    </div>
  );
}
