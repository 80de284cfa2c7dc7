import { describe, expect, it } from 'vitest';
import { formatSeconds } from '../../src/cli/report.ts';

describe('formatSeconds (the CLI table)', () => {
  it('rounds before splitting into minutes and seconds: 119.6 s is 2 min 00 s, never "1 min 60 s"', () => {
    expect(formatSeconds(119.6)).toBe('2 min 00 s');
    expect(formatSeconds(59.6)).toBe('1 min 00 s');
    expect(formatSeconds(9.97)).toBe('10 s');
    expect(formatSeconds(125.4)).toBe('2 min 05 s');
    expect(formatSeconds(6.84)).toBe('6.8 s');
  });
});
