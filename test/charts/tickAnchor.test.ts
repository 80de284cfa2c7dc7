import { describe, expect, it } from 'vitest';
import { TICK_CHAR_WIDTH, tickAnchor } from '../../src/charts/frame.ts';

describe('x tick labels are never cut off', () => {
  it('"$1,200" on the last tick with 16 px right of the plot leans left (half of it is 19.2 px)', () => {
    expect(TICK_CHAR_WIDTH * 6 / 2).toBeCloseTo(19.2, 9);
    expect(tickAnchor('$1,200', 500, 4, 5, 16)).toBe('end');
    // "24:00" is 16 px either side: centred with 20 px of room, leaning left on a phone's 12 px.
    expect(tickAnchor('24:00', 500, 4, 5, 20)).toBe('middle');
    expect(tickAnchor('24:00', 500, 4, 5, 12)).toBe('end');
  });

  it('the first label leans right at the left edge; middle labels stay centred', () => {
    expect(tickAnchor('$0', 0, 0, 5, 16)).toBe('start');
    expect(tickAnchor('$300', 125, 1, 5, 16)).toBe('middle');
    expect(tickAnchor('only', 500, 0, 1, 0)).toBe('middle');
  });
});
