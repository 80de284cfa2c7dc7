import type { ScaleLinear } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';

/**
 * Points of a bucket-average series drawn as steps: each value holds from its bucket start t[i]
 * to the next start, and the last one to the horizon. Returns [time, value] pairs.
 */
export function stepPoints(t: ArrayLike<number>, y: ArrayLike<number>, horizon: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < t.length; i++) pts.push([t[i], y[i]]);
  if (t.length > 0) pts.push([horizon, y[y.length - 1]]);
  return pts;
}

export function stepLinePath(points: [number, number][], x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): string {
  return line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1])).curve(curveStepAfter)(points) ?? '';
}

/** Area between two step series sharing times (lower[i] to upper[i]). */
export function stepBandPath(
  t: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  horizon: number,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): string {
  const idx: number[] = [];
  for (let i = 0; i < t.length; i++) idx.push(i);
  if (t.length > 0) idx.push(-1);
  const at = (i: number) => (i === -1 ? t.length - 1 : i);
  return (
    area<number>()
      .x((i) => x(i === -1 ? horizon : t[i]))
      .y0((i) => y(Math.min(lower[at(i)], upper[at(i)])))
      .y1((i) => y(upper[at(i)]))
      .curve(curveStepAfter)(idx) ?? ''
  );
}

/** Index of the bucket containing time `seconds` (the last bucket whose start is <= seconds). */
export function bucketAt(t: ArrayLike<number>, seconds: number): number {
  let lo = 0;
  let hi = t.length - 1;
  if (hi < 0) return -1;
  if (seconds <= t[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[mid] <= seconds) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
