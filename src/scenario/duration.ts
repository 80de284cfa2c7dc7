import { z } from './zod.ts';
import { echo } from './echo.ts';
import { MAX_DURATION_SECONDS } from './limits.ts';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, d: 86400 };
const DURATION_TEXT = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)\s*$/;

/** Parses "90s", "10m", "1.5h", "7d" to seconds; returns undefined when the text is not a duration. */
export function parseDurationText(text: string): number | undefined {
  const m = DURATION_TEXT.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2]];
}

/**
 * A length of time in seconds. Accepts a non-negative number of seconds or a string such as
 * "90s", "10m", "2h", "7d", so scenario files read like cluster-autoscaler flags.
 */
export const Duration = z.union([z.number(), z.string()], { error: 'must be a number of seconds or a duration such as "10m"' }).transform((value, ctx) => {
  const seconds = typeof value === 'number' ? value : parseDurationText(value);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `${echo(value)} is not a duration; use seconds or a number with s, m, h or d, e.g. "10m"` });
    return z.NEVER;
  }
  if (!Number.isFinite(seconds) || seconds < 0) {
    ctx.addIssue({ code: 'custom', message: `must be a non-negative number of seconds, got ${typeof value === 'number' ? value : echo(value)}` });
    return z.NEVER;
  }
  if (seconds > MAX_DURATION_SECONDS) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_DURATION_SECONDS / (366 * 86400)} years (${MAX_DURATION_SECONDS} s), got ${typeof value === 'number' ? value : echo(value)}` });
    return z.NEVER;
  }
  return seconds;
});

/**
 * A Duration of at least `min` seconds, for intervals that drive a repeating event: an interval of
 * 0 (or 1e-300, which added to a clock of a few thousand seconds leaves it unchanged) would repeat
 * the event without moving the clock, and the run would never end.
 */
export function durationAtLeast(min: number, why: string) {
  return Duration.refine((seconds) => seconds >= min, { message: `must be at least ${min} s (${why})`, abort: true });
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** "19:00" or "07:30:15" as seconds after midnight. */
export const TimeOfDay = z.union([z.number(), z.string()], { error: 'must be a time of day such as "19:00" (or seconds after midnight)' }).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (value >= 0 && value <= 86400) return value;
    ctx.addIssue({ code: 'custom', message: `must be between 0 and 86400 seconds after midnight, got ${value}` });
    return z.NEVER;
  }
  const m = TIME_OF_DAY.exec(value.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `${echo(value)} is not a time of day; use HH:MM, e.g. "19:00"` });
    return z.NEVER;
  }
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
});
