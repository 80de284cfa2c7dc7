import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { ScaleLinear } from 'd3-scale';
import type { Margin } from './frame.ts';
import { bucketAt } from './stepSeries.ts';
import type { TooltipRow, TooltipState } from './ChartFrame.tsx';

/**
 * Hover over a time chart: the pointer's x picks a bucket of the series; the chart turns the
 * bucket into tooltip rows. Returns the hovered bucket (for the guide line) and handlers.
 * `keyboard` makes the chart a tab stop read with the keyboard: focus shows the first bucket,
 * Left/Right move one bucket (with Shift, ten), Home/End go to the ends, Escape hides the read-out.
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
  const showBucket = (bucket: number) => {
    const { title, rows } = rowsAt(bucket);
    setHover({ bucket, tip: { x: x(t[bucket]) + margin.left, y: margin.top + 8, title, rows, live: true } });
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => moveReadout(e, hover?.bucket ?? 0, t.length - 1, showBucket, () => setHover(null));
  const keyboard = {
    tabIndex: 0,
    onKeyDown,
    onFocus: () => {
      if (t.length > 0) showBucket(hover?.bucket ?? 0);
    },
    onBlur: () => setHover(null),
  };
  return { hover, onPointerMove, onPointerLeave, keyboard };
}

/** A chart's key handler: moves the read-out (`show`) or hides it for the keys `readoutKey` takes. */
export function moveReadout(e: KeyboardEvent, at: number, last: number, show: (position: number) => void, hide: () => void): void {
  const next = readoutKey(e, at, last);
  if (next === null) return;
  e.preventDefault();
  if (next < 0) hide();
  else show(next);
}

/**
 * Where a keyboard read-out goes for a key, from position `at` of 0..last: Left/Right one step
 * (with Shift, ten), Home/End the ends; -1 for Escape (hide it); null for any other key.
 */
export function readoutKey(e: { key: string; shiftKey: boolean }, at: number, last: number): number | null {
  if (last < 0) return null;
  const step = e.shiftKey ? 10 : 1;
  let next: number;
  if (e.key === 'ArrowRight') next = at + step;
  else if (e.key === 'ArrowLeft') next = at - step;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = last;
  else if (e.key === 'Escape') return -1;
  else return null;
  return Math.max(0, Math.min(last, next));
}

/**
 * Keyboard read-out over a chart's discrete items (bars, stacked segments), as `useTimeHover`'s
 * `keyboard` does over time buckets: focus shows the item last read (the first at start),
 * Left/Right/Home/End move (`moveReadout`), Escape and blur hide it. `tipAt(i)` is the item's
 * tooltip; `setTip` stays the chart's for pointer hover.
 */
export function useItemReadout(count: number, tipAt: (item: number) => TooltipState) {
  const [tip, setTip] = useState<TooltipState | null>(null);
  const [item, setItem] = useState(0);
  const show = (i: number) => {
    setItem(i);
    setTip(tipAt(i));
  };
  const keyboard = {
    tabIndex: 0,
    onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => moveReadout(e, item, count - 1, show, () => setTip(null)),
    onFocus: () => {
      if (count > 0) show(Math.min(item, count - 1));
    },
    onBlur: () => setTip(null),
  };
  return { tip, setTip, keyboard };
}
