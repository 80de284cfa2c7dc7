import { describe, expect, it } from 'vitest';
import { LaunchBucket } from '../../src/models/launchBucket.ts';

describe('LaunchBucket (token bucket as GCRA)', () => {
  it('lets a burst through at once, then one pod per 1/perSecond', () => {
    const b = new LaunchBucket({ burst: 3, perSecond: 2 });
    // Bucket of 3 full at 0: three pass at 0, the 4th waits for a token (0.5 s), the 5th 1 s.
    expect([0, 0, 0, 0, 0].map((t) => b.pass(t))).toEqual([0, 0, 0, 0.5, 1]);
  });

  it('refills while nobody asks, up to the burst', () => {
    const b = new LaunchBucket({ burst: 2, perSecond: 1 });
    expect(b.pass(0)).toBe(0);
    expect(b.pass(0)).toBe(0);
    // Empty at 0; 10 s later it holds 2 again (not 10): two pass at 10, the third at 11.
    expect([10, 10, 10].map((t) => b.pass(t))).toEqual([10, 10, 11]);
    // At 11.5 the bucket has half a token: the next pod waits to 12.
    expect(b.pass(11.5)).toBe(12);
  });

  it('in series behind a slower bucket, the faster one never delays a pod after its burst', () => {
    const slow = new LaunchBucket({ burst: 1, perSecond: 1 });
    const fast = new LaunchBucket({ burst: 1, perSecond: 4 });
    expect([0, 0, 0].map((t) => fast.pass(slow.pass(t)))).toEqual([0, 1, 2]);
  });
});
