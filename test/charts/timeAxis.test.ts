import { describe, expect, it } from 'vitest';
import { timeScale, timeTickLabel, timeTicks, timeTickStep } from '../../src/charts/timeAxis.ts';

describe('time axis', () => {
  it('picks the smallest clock step that fits the tick budget', () => {
    // One day: 2 h gives 12 intervals (> 10), 3 h gives 8.
    expect(timeTickStep(86400, 10)).toBe(10800);
    expect(timeTickStep(86400, 24)).toBe(3600);
    expect(timeTickStep(3600, 12)).toBe(300);
    // A week with 10 ticks: 12 h gives 14 intervals, 1 day gives 7.
    expect(timeTickStep(7 * 86400, 10)).toBe(86400);
  });

  it('places HH:MM ticks over a one-day horizon, ending at 24:00', () => {
    // 640 px / 64 px = 10 ticks at most -> every 3 h; 80 px per 3 h.
    const ticks = timeTicks(timeScale(86400, 640), 86400);
    expect(ticks.map((t) => t.label)).toEqual(['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00', '24:00']);
    expect(ticks.map((t) => t.position)).toEqual([0, 80, 160, 240, 320, 400, 480, 560, 640]);
  });

  it('labels midnight as "day N" over multi-day horizons', () => {
    const ticks = timeTicks(timeScale(3 * 86400, 700), 3 * 86400);
    // 700 / 64 = 10.9 -> 10 intervals: 6 h gives 12, 12 h gives 6.
    expect(ticks.map((t) => t.label)).toEqual(['day 1', '12:00', 'day 2', '12:00', 'day 3', '12:00', 'day 4']);
    expect(timeTickLabel(2 * 86400 + 6 * 3600, 3 * 86400)).toBe('06:00');
  });

  it('keeps at least two ticks on a very narrow plot', () => {
    const ticks = timeTicks(timeScale(86400, 100), 86400);
    expect(ticks.map((t) => t.label)).toEqual(['00:00', '24:00']);
  });
});
