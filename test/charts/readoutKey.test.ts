import { describe, expect, it } from 'vitest';
import { readoutKey } from '../../src/charts/useTimeHover.ts';

describe('readoutKey (keyboard read-out of a chart)', () => {
  const key = (k: string, shiftKey = false) => ({ key: k, shiftKey });
  it('moves one step, ten with Shift, and stops at the ends', () => {
    expect(readoutKey(key('ArrowRight'), 5, 479)).toBe(6);
    expect(readoutKey(key('ArrowLeft'), 5, 479)).toBe(4);
    expect(readoutKey(key('ArrowRight', true), 5, 479)).toBe(15);
    expect(readoutKey(key('ArrowLeft', true), 5, 479)).toBe(0);
    expect(readoutKey(key('ArrowRight'), 479, 479)).toBe(479);
  });
  it('Home and End go to the ends; Escape hides; other keys are not taken', () => {
    expect(readoutKey(key('Home'), 200, 479)).toBe(0);
    expect(readoutKey(key('End'), 200, 479)).toBe(479);
    expect(readoutKey(key('Escape'), 200, 479)).toBe(-1);
    expect(readoutKey(key('Tab'), 200, 479)).toBeNull();
    expect(readoutKey(key('a'), 200, 479)).toBeNull();
  });
  it('takes no key on an empty series', () => {
    expect(readoutKey(key('ArrowRight'), 0, -1)).toBeNull();
  });
});
