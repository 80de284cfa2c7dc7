import { describe, expect, it } from 'vitest';
import { durationText, formatFieldValue, timeOfDayText } from '../../src/app/editor/fieldText.ts';
import { parseDurationText } from '../../src/scenario/duration.ts';

describe('draft values as a form shows them', () => {
  it('times of day as HH:MM', () => {
    expect(timeOfDayText(70_200)).toBe('19:30'); // 19 × 3600 + 30 × 60
    expect(timeOfDayText(0)).toBe('00:00');
    expect(timeOfDayText(7 * 3600 + 15)).toBe('07:00:15');
    expect(formatFieldValue(70_200, 'timeOfDay')).toBe('19:30');
    expect(formatFieldValue([68_400, 70_200], 'timeList')).toBe('19:00, 19:30');
    expect(formatFieldValue('19:30', 'timeOfDay')).toBe('19:30');
  });
  it('long durations in the unit a person would type; short ones stay seconds', () => {
    expect(durationText(172_800)).toBe('2d'); // 2 × 86,400
    expect(durationText(43_200)).toBe('12h');
    expect(durationText(600)).toBe('10m');
    expect(durationText(5_400)).toBe('90m');
    expect(durationText(60)).toBe('60');
    expect(durationText(601)).toBe('601');
    expect(formatFieldValue('2d', 'duration')).toBe('2d');
    expect(formatFieldValue(172_800, 'number')).toBe('172800');
  });
  it('every text shown parses back to the same seconds', () => {
    for (const s of [600, 660, 3_600, 5_400, 86_400, 172_800, 1_209_600]) expect(parseDurationText(durationText(s))).toBe(s);
  });
});
