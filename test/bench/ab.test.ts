import { describe, expect, it } from 'vitest';
import { checkRef, median, parseArm } from '../../bench/ab.ts';

describe('bench --ab arms', () => {
  it('splits REF:CASE at the last colon, so a ref may hold one (HEAD~1:nodes, .:mixed)', () => {
    expect(parseArm('c857ba1:nodes')).toEqual({ ref: 'c857ba1', kind: 'nodes' });
    expect(parseArm('.:mixed-one-delay')).toEqual({ ref: '.', kind: 'mixed-one-delay' });
    expect(parseArm('HEAD~1:nodes')).toEqual({ ref: 'HEAD~1', kind: 'nodes' });
  });

  it('refuses an arm without a case or without a ref, naming it', () => {
    for (const bad of ['c857ba1', 'c857ba1:', ':nodes']) expect(() => parseArm(bad)).toThrow(`"${bad}" is not REF:CASE`);
  });

  it('knows a commit of this repository from a name that is none', () => {
    expect(checkRef('HEAD')).toBeNull();
    expect(checkRef('.')).toBeNull();
    expect(checkRef('no-such-ref-here')).toBe('--ab: "no-such-ref-here" is not a commit of this repository');
  });

  it('takes the median of an odd and of an even count (the middle two averaged)', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
