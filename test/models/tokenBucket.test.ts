import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/models/tokenBucket.ts';

describe('TokenBucket', () => {
  it('grants a burst at once, then one token per 1/perSecond (EC2 RunInstances: 1,000 then 2/s)', () => {
    const b = new TokenBucket(1000, 2);
    const at = Array.from({ length: 1004 }, () => b.take(0));
    expect(at.slice(0, 1000).every((t) => t === 0)).toBe(true);
    // Tokens 1,001..1,004 come 0.5 s apart after the burst.
    expect(at.slice(1000)).toEqual([0.5, 1, 1.5, 2]);
  });

  it('refills while idle, up to the burst', () => {
    const b = new TokenBucket(3, 1);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([0, 0, 0, 1]);
    // Idle from 1 s to 100 s: full again (3 tokens), not 99.
    expect([b.take(100), b.take(100), b.take(100), b.take(100)]).toEqual([100, 100, 100, 101]);
  });
});
