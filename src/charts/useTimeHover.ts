import { useState, type PointerEvent } from 'react';
import type { ScaleLinear } from 'd3';
import type { Margin } from './frame.ts';
import { bucketAt } from './stepSeries.ts';
import type { TooltipRow, TooltipState } from './ChartFrame.tsx';

/**
 * Hover over a time chart: the pointer's x picks a bucket of the series; the chart turns the
 * bucket into tooltip rows. Returns the hovered bucket (for the guide line) and handlers.
 */
export function useTimeHover(
  x: ScaleLinear<number, number>,
  t: ArrayLike<number>,
  margin: Margin,
  rowsAt: (bucket: number) => { title: string; rows: TooltipRow[] },
) {
  const [hover, setHover] = useState<{ bucket: number; tip: TooltipState } | null>(null);
  const onPointerMove = (e: PointerEvent<SVGRectElement>) => {
    const svg = e.currentTarget.ownerSVGElement!;
    const box = svg.getBoundingClientRect();
    const px = e.clientX - box.left - margin.left;
    const py = e.clientY - box.top;
    const bucket = bucketAt(t, x.invert(px));
    if (bucket < 0) return;
    const { title, rows } = rowsAt(bucket);
    setHover({ bucket, tip: { x: px + margin.left, y: py, title, rows } });
  };
  const onPointerLeave = () => setHover(null);
  return { hover, onPointerMove, onPointerLeave };
}
