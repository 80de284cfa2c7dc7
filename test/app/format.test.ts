import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatDurationCompact, formatMoney, formatMoneyDelta, formatIncrease, formatPercent, formatShare } from '../../src/app/format.ts';

describe('formatDuration', () => {
  it.each([
    [0.44, '0.4 s'],
    [3, '3 s'],
    [9.96, '10 s'],
    [25.4, '25 s'],
    [59.6, '1 min'],
    [98.17, '1 min 38 s'],
    [240, '4 min'],
    [357.5, '5 min 58 s'],
    [725, '12 min'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
  ])('%d s reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('has a compact form for table cells', () => {
    expect(formatDurationCompact(98.17)).toBe('1m 38s');
    expect(formatDurationCompact(240)).toBe('4m');
    expect(formatDurationCompact(7500)).toBe('2h 5m');
    expect(formatDurationCompact(25)).toBe('25 s');
  });
});

describe('formatClock', () => {
  it('reads HH:MM within one day and 24:00 at its end', () => {
    expect(formatClock(19 * 3600 + 5 * 60, 86400)).toBe('19:05');
    expect(formatClock(86400, 86400)).toBe('24:00');
  });

  it('names the day when the horizon is longer than a day', () => {
    expect(formatClock(86400 + 3600, 7 * 86400)).toBe('day 2 01:00');
    expect(formatClock(0, 2 * 86400)).toBe('day 1 00:00');
  });
});

describe('money and percent', () => {
  it('formats USD with separators and other currencies with a code', () => {
    expect(formatMoney(1164.337)).toBe('$1,164.34');
    expect(formatMoney(-3.1)).toBe('-$3.10');
    expect(formatMoney(12, 'CNY')).toBe('CNY 12.00');
    expect(formatMoneyDelta(425.731)).toBe('+$425.73');
    expect(formatMoneyDelta(0.001)).toBe('±$0.00');
    expect(formatPercent(0.66914)).toBe('66.9%');
  });
});

describe('formatShare', () => {
  it('never rounds a partial share to 0% or 100%', () => {
    expect(formatShare(0.999996)).toBe('over 99%');
    expect(formatShare(0.003)).toBe('under 1%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.5024)).toBe('50%');
  });
});

describe('formatIncrease', () => {
  it('never says "100% more" for anything but double, nor "0% more" for more', () => {
    // $1,996 against $1,000 is 99.6% more, not "100% more" (double would be $2,000).
    expect(formatIncrease(996 / 1000)).toBe('99.6%');
    expect(formatIncrease(1004 / 1000)).toBe('100.4%');
    expect(formatIncrease(1)).toBe('100%');
    expect(formatIncrease(2.004)).toBe('200.4%');
    expect(formatIncrease(0.004)).toBe('under 1%');
    expect(formatIncrease(0.58)).toBe('58%');
    expect(formatIncrease(0.995)).toBe('99.5%');
    expect(formatIncrease(0)).toBe('0%');
  });
});
