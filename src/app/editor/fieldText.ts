/**
 * How a draft value reads in a form field. The draft keeps what the user wrote; numbers that came
 * from elsewhere (an older link, which carried seconds, or a what-if slider) are shown in the
 * form a person would type: a time of day as "19:30", a long duration as "2d" or "10m".
 */
import type { FieldKind } from './fieldSpecs.ts';

const DAY = 86_400;

/** 70200 -> "19:30", 25_215 -> "07:00:15"; 86400 (the end of the day) stays a number. */
export function timeOfDayText(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds >= DAY) return String(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/**
 * Whole days, hours or minutes from 10 minutes up in that unit ("2d", "12h", "90m"); shorter or
 * uneven durations stay seconds, which the fields take as they are ("60", "90", "75.5").
 */
export function durationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 600) return String(seconds);
  if (seconds % DAY === 0) return `${seconds / DAY}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return String(seconds);
}

export function formatFieldValue(value: unknown, kind?: FieldKind, valueKey = 'minNodes'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && kind === 'timeOfDay') return timeOfDayText(value);
  if (typeof value === 'number' && kind === 'duration') return durationText(value);
  if (Array.isArray(value) && kind === 'schedule') {
    return value
      .map((a) => (a && typeof a === 'object' && 'at' in a ? `${typeof a.at === 'number' ? timeOfDayText(a.at) : String(a.at)}=${String((a as Record<string, unknown>)[valueKey])}` : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(', ');
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' && kind === 'timeList' ? timeOfDayText(v) : typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
