import { describe, expect, it } from 'vitest';
import { parseDateTime, parseInstant } from '../../src/trace/time.ts';

// 2024-03-01T00:00:00Z = 1709251200 (19,783 days after the epoch).
const MARCH_1 = 1709251200;

describe('parseDateTime', () => {
  it('reads date-times without a zone as UTC', () => {
    expect(parseDateTime('2024-03-01 19:00:00')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01T19:00:00')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01 19:00')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024/03/01 00:00:05')).toBe(MARCH_1 + 5);
    expect(parseDateTime('2024-03-01')).toBe(MARCH_1);
    expect(parseDateTime('  2024-03-01 00:00:01  ')).toBe(MARCH_1 + 1);
  });

  it('applies zones and offsets', () => {
    expect(parseDateTime('2024-03-01T19:00:00Z')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01 19:00:00 UTC')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01T21:00:00+02:00')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01T21:00:00+0200')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01T14:30:00-04:30')).toBe(MARCH_1 + 19 * 3600);
    expect(parseDateTime('2024-03-01T20:00:00+01')).toBe(MARCH_1 + 19 * 3600);
  });

  it('keeps fractions of a second', () => {
    expect(parseDateTime('2024-03-01T00:00:01.250Z')).toBeCloseTo(MARCH_1 + 1.25, 6);
  });

  it('knows month lengths and leap years', () => {
    expect(parseDateTime('2024-02-29 00:00:00')).toBe(MARCH_1 - 86400);
    expect(parseDateTime('2023-02-29 00:00:00')).toBeNaN();
    expect(parseDateTime('2024-04-31')).toBeNaN();
    expect(parseDateTime('2024-13-01')).toBeNaN();
  });

  it('gives NaN for anything else', () => {
    for (const text of ['', 'yesterday', '1709251200', '2024-03-01T25:00:00', '2024-03-01 19:00:00 CET', '2024-03-01T19:00:00+2', '01/03/2024']) {
      expect(parseDateTime(text), text).toBeNaN();
    }
  });
});

describe('parseInstant', () => {
  it('reads numbers in seconds or milliseconds and date-times', () => {
    expect(parseInstant('12.5', 'seconds')).toBe(12.5);
    expect(parseInstant('1700000000000', 'milliseconds')).toBe(1700000000);
    expect(parseInstant('2024-03-01', 'datetime')).toBe(MARCH_1);
    expect(parseInstant('abc', 'seconds')).toBeNaN();
  });
});

describe('parseDateTime with many decimals', () => {
  it('reads 7 decimals (.NET / SQL Server datetime2) to within a double\'s precision', () => {
    // 2023-11-16 = 19,677 days after the epoch; 18:17:03 = 65,823 s.
    const whole = 19677 * 86400 + 65823;
    expect(whole).toBe(1700158623);
    // A double holds epoch seconds of 2023 to about 0.24 µs (2^-22 s).
    expect(Math.abs(parseDateTime('2023-11-16 18:17:03.9799600') - (whole + 0.97996))).toBeLessThan(3e-7);
    expect(Math.abs(parseDateTime('2023-11-16T18:17:03.9799600Z') - (whole + 0.97996))).toBeLessThan(3e-7);
    expect(Math.abs(parseDateTime('2023-11-16 18:17:03.0000001') - (whole + 1e-7))).toBeLessThan(3e-7);
    // Digits past a double's precision are read and ignored, not an error.
    expect(Math.abs(parseDateTime('2023-11-16 18:17:03.97996000000000000001') - (whole + 0.97996))).toBeLessThan(3e-7);
  });
});
