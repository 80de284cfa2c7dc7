import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import { downloadBlob, downloadText, exportFileStem, serializeSvg, svgToPng } from './exportChart.ts';

export interface LegendEntry {
  label: string;
  color: string;
  /** How the mark looks: a line (with dash), a solid box, a half-transparent area, or a light band. */
  mark: 'line' | 'box' | 'area' | 'band';
  dash?: string;
}

export const SVG_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/**
 * Width of an element, kept current with a ResizeObserver. The plot renders in a transition
 * (not in a layout effect), so React can split a chart's first render into short tasks.
 */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      startTransition(() => setWidth((prev) => (prev === w ? prev : w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export function Legend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <ul className="legend">
      {entries.map((e) => (
        <li key={e.label}>
          <svg width="22" height="12" aria-hidden="true">
            {e.mark === 'line' ? (
              <line x1="1" x2="21" y1="6" y2="6" stroke={e.color} strokeWidth="2.5" strokeDasharray={e.dash || undefined} />
            ) : (
              <rect x="1" y="1" width="20" height="10" fill={e.color} fillOpacity={e.mark === 'band' ? 0.18 : e.mark === 'area' ? 0.55 : 1} stroke={e.color} strokeWidth="1" />
            )}
          </svg>
          {e.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A chart's figure: title, export buttons, legend, and the plot sized to the available width.
 * `children(width)` renders the SVG (with className "chart-svg") once the width is known.
 */
export function ChartFrame({
  id,
  title,
  description,
  legend,
  scenarioName,
  children,
}: {
  id: string;
  title: string;
  description: string;
  legend?: readonly LegendEntry[];
  scenarioName: string;
  children: (width: number) => ReactNode;
}) {
  const [ref, width] = useWidth();
  const [status, setStatus] = useState('');
  const svg = () => ref.current?.querySelector<SVGSVGElement>('svg.chart-svg') ?? null;
  const stem = exportFileStem(scenarioName, id);
  const header = { title, legend: legend ?? [], font: SVG_FONT };
  return (
    <figure className="chart" id={`chart-${id}`} aria-labelledby={`chart-${id}-title`}>
      <div className="chart-header">
        <h3 id={`chart-${id}-title`}>{title}</h3>
        <div className="chart-actions">
          <button
            type="button"
            aria-label={`Download “${title}” as SVG`}
            onClick={() => {
              const s = svg();
              if (s) downloadText(serializeSvg(s, header).text, `${stem}.svg`, 'image/svg+xml');
            }}
          >
            SVG
          </button>
          <button
            type="button"
            aria-label={`Download “${title}” as PNG`}
            onClick={async () => {
              const s = svg();
              if (!s) return;
              const { text, width: w, height: h } = serializeSvg(s, header);
              try {
                downloadBlob(await svgToPng(text, w, h), `${stem}.png`);
              } catch (e) {
                setStatus(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            PNG
          </button>
        </div>
      </div>
      <p className="chart-description">{description}</p>
      {legend && <Legend entries={legend} />}
      <div className="chart-body" ref={ref}>
        {width > 0 && children(width)}
      </div>
      {status && <p className="field-error">{status}</p>}
    </figure>
  );
}

export interface TooltipRow {
  color?: string;
  dash?: string;
  label: string;
  value: string;
}

export interface TooltipState {
  /** Position in the chart body, px. */
  x: number;
  y: number;
  title: string;
  rows: TooltipRow[];
  /** Moved with the keyboard: announced to screen readers (a pointer's hover is not). */
  live?: boolean;
}

/** Hover read-out with exact values; flips to the left of the pointer near the right edge. */
export function Tooltip({ tip, width }: { tip: TooltipState | null; width: number }) {
  if (!tip) return null;
  const flip = tip.x > width * 0.6;
  return (
    <div className="tooltip" {...(tip.live ? { role: 'status', 'aria-live': 'polite' as const } : { role: 'presentation' })} style={{ top: Math.max(0, tip.y - 10), ...(flip ? { right: width - tip.x + 12 } : { left: tip.x + 12 }) }}>
      <div className="tooltip-title">{tip.title}</div>
      <table>
        <tbody>
          {tip.rows.map((r, i) => (
            <tr key={i}>
              <td>{r.color && <span className="swatch" style={{ background: r.color }} />}</td>
              <td>{r.label}</td>
              <td className="num">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
