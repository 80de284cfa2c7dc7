/** A small area chart of pods running at once over the trace's span (from summarizeTrace). */
import type { ConcurrencyPoint } from '../../trace/index.ts';
import { formatCount } from '../format.ts';
import { formatSpan } from './importFormat.ts';

const W = 600;
const H = 100;

/**
 * The area is drawn in a stretched SVG (it fills the dialog's width at any size); the labels are
 * HTML around it so their text is never stretched with it.
 */
export function ConcurrencyChart({
  points,
  span,
  peak,
  window,
}: {
  points: readonly ConcurrencyPoint[];
  span: { start: number; end: number };
  peak: number;
  /** The part of the trace chosen for replay (seconds after its time 0): shaded, the rest dimmed. */
  window?: { from: number; to?: number };
}) {
  if (points.length === 0 || peak <= 0) return null;
  const length = Math.max(span.end - span.start, 0);
  const x = (t: number) => (length > 0 ? Math.min(W, Math.max(0, ((t - span.start) / length) * W)) : 0);
  const shade = window ? { x0: x(window.from), x1: x(window.to ?? span.end) } : null;
  const step = W / points.length;
  const y = (pods: number) => H * (1 - pods / peak);
  // A step per bucket: each point holds for its whole interval.
  let d = `M0,${H}`;
  points.forEach((p, i) => {
    d += `L${i * step},${y(p.pods)}L${(i + 1) * step},${y(p.pods)}`;
  });
  d += `L${W},${H}Z`;
  return (
    <figure className="concurrency-chart">
      <div className="chart-y" aria-hidden="true">
        <span>{formatCount(peak)}</span>
        <span>0</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Pods running at once over ${formatSpan(length)}; peak ${formatCount(peak)}`} preserveAspectRatio="none">
        <path d={d} className="area" />
        {shade && (
          <g className="window" data-testid="concurrency-window">
            <rect x={0} y={0} width={shade.x0} height={H} className="outside" />
            <rect x={shade.x1} y={0} width={W - shade.x1} height={H} className="outside" />
            <rect x={shade.x0} y={0} width={Math.max(0, shade.x1 - shade.x0)} height={H} className="inside" />
          </g>
        )}
      </svg>
      <div className="chart-x" aria-hidden="true">
        <span>0</span>
        <span>{formatSpan(length)}</span>
      </div>
      <figcaption>
        Pods running at once over the trace
        {window && `; replayed: ${formatSpan(window.from)} to ${window.to === undefined ? 'its end' : formatSpan(window.to)}`}
      </figcaption>
    </figure>
  );
}
