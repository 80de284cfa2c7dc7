import type { DurationUnit, InstantFormat } from './mapping.ts';
import { plainNumber } from './plainNumber.ts';

/**
 * Times as written in trace files, converted to seconds. Parsers return NaN for text they cannot
 * read; the caller decides what a blank cell means.
 */

export const DAY_SECONDS = 86_400;

export const DURATION_UNIT_SECONDS: Record<DurationUnit, number> = {
  seconds: 1,
  milliseconds: 0.001,
  minutes: 60,
  hours: 3600,
};

function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.f...]]` (any number of decimals) or ISO 8601 with `T`, optionally followed by `Z`,
 * `UTC` or an offset (`+08:00`, `+0800`, `+08`), as seconds since the Unix epoch. Without a zone
 * the time is read as UTC so that 19:00 in the file is 19:00 in the scenario. Hand-written rather
 * than Date.parse because Date.parse reads zone-less date-times in the machine's local zone and
 * allocates; this runs once per row.
 */
export function parseDateTime(text: string): number {
  const s = text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text;
  const n = s.length;
  if (n < 10) return NaN;
  const sep = s[4];
  if ((sep !== '-' && sep !== '/') || s[7] !== sep) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  let seconds = 0;
  let i = 10;
  if (i < n && (s[i] === 'T' || s[i] === ' ') && i + 1 < n && s[i + 1] !== 'U' && s[i + 1] !== 'Z') {
    if (s[i + 3] !== ':') return NaN;
    const hh = digits(s, i + 1, 2);
    const mm = digits(s, i + 4, 2);
    if (!(hh <= 24 && mm <= 59)) return NaN;
    seconds = hh * 3600 + mm * 60;
    i += 6;
    if (s[i] === ':') {
      const ss = digits(s, i + 1, 2);
      if (!(ss <= 60)) return NaN;
      seconds += ss;
      i += 3;
      if (s[i] === '.' || s[i] === ',') {
        // Any number of decimals (.NET and SQL Server write 7: "18:17:03.9799600"). The digits
        // are read as one integer and divided once, so .9799600 is the double nearest 0.97996
        // rather than a sum of rounded tenths; digits past the 15th are below a double's precision.
        let j = i + 1;
        let scale = 1;
        let frac = 0;
        while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
          if (scale < 1e15) {
            frac = frac * 10 + (s.charCodeAt(j) - 48);
            scale *= 10;
          }
          j++;
        }
        if (j === i + 1) return NaN;
        seconds += frac / scale;
        i = j;
      }
    }
  }
  // Zone: none, Z, UTC, or an offset from UTC that must be subtracted.
  if (i < n && s[i] === ' ') i++;
  if (i < n) {
    const rest = s.slice(i);
    if (rest !== 'Z' && rest !== 'UTC' && rest !== 'GMT') {
      const sign = rest[0] === '+' ? 1 : rest[0] === '-' ? -1 : 0;
      if (sign === 0) return NaN;
      const oh = digits(rest, 1, 2);
      const om = rest.length === 3 ? 0 : rest[3] === ':' ? digits(rest, 4, 2) : digits(rest, 3, 2);
      const expectedLength = rest.length === 3 ? 3 : rest[3] === ':' ? 6 : 5;
      if (rest.length !== expectedLength || !(oh <= 14 && om <= 59)) return NaN;
      seconds -= sign * (oh * 3600 + om * 60);
    }
  }
  // Date.UTC would roll 2024-02-31 over into March; such dates are typos, not dates.
  if (day > daysInMonth(year, month)) return NaN;
  return dayStartSeconds(year, month, day) + seconds;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Rows of a trace mostly share their date with the row before, so remember the last one.
let cachedDateKey = -1;
let cachedDayStart = 0;

function dayStartSeconds(year: number, month: number, day: number): number {
  const key = (year * 100 + month) * 100 + day;
  if (key !== cachedDateKey) {
    cachedDateKey = key;
    cachedDayStart = Date.UTC(year, month - 1, day) / 1000;
  }
  return cachedDayStart;
}

/** A start or end time as seconds in the file's own time base (relative or epoch). */
export function parseInstant(text: string, format: InstantFormat): number {
  if (format === 'datetime') return parseDateTime(text);
  const v = plainNumber(text);
  return format === 'milliseconds' ? v / 1000 : v;
}
