import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { formatClock } from '../app/format.ts';

export interface Tick {
  value: number;
  /** Pixel position along the axis. */
  position: number;
  label: string;
}

/** Tick steps a person reads easily on a clock: 5 min ... 1 week. */
const TIME_STEPS = [300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 2 * 86400, 7 * 86400];

/** The smallest step from TIME_STEPS that gives at most maxTicks intervals over the horizon. */
export function timeTickStep(horizonSeconds: number, maxTicks: number): number {
  const limit = Math.max(1, Math.floor(maxTicks));
  return TIME_STEPS.find((step) => horizonSeconds / step <= limit) ?? TIME_STEPS[TIME_STEPS.length - 1] * Math.ceil(horizonSeconds / (TIME_STEPS[TIME_STEPS.length - 1] * limit));
}

/**
 * Label of a time tick: "HH:MM" within a one-day horizon ("24:00" at its end); over longer
 * horizons midnight reads "day N" and other ticks "HH:MM".
 */
export function timeTickLabel(seconds: number, horizonSeconds: number): string {
  if (horizonSeconds > 86400 && seconds % 86400 === 0) return `day ${seconds / 86400 + 1}`;
  const clock = formatClock(seconds, Math.min(horizonSeconds, 86400));
  return clock;
}

/** Ticks at multiples of a clock-friendly step, about one per `minSpacing` pixels. */
export function timeTicks(scale: ScaleLinear<number, number>, horizonSeconds: number, minSpacing = 64): Tick[] {
  const [r0, r1] = scale.range();
  const maxTicks = Math.abs(r1 - r0) / minSpacing;
  const step = timeTickStep(horizonSeconds, maxTicks);
  const ticks: Tick[] = [];
  for (let v = 0; v <= horizonSeconds + 1e-9; v += step) ticks.push({ value: v, position: scale(v), label: timeTickLabel(v, horizonSeconds) });
  return ticks;
}

export function timeScale(horizonSeconds: number, innerWidth: number): ScaleLinear<number, number> {
  return scaleLinear().domain([0, horizonSeconds]).range([0, innerWidth]);
}
