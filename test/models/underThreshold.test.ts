import { describe, expect, it } from 'vitest';
import { leastFreeUnder } from '../../src/models/underThreshold.ts';

/** cluster-autoscaler's test for one resource, as NodePool.utilization computes it. */
const under = (allocatable: number, free: number, threshold: number) => (allocatable - free) / allocatable < threshold;

describe('leastFreeUnder: the utilization test as one comparison on the free room', () => {
  it('finds the least free amount under the threshold, to the last bit', () => {
    // 4000 m allocatable, threshold 0.5: under iff free > 2000. The next double above 2000 (in
    // [1024, 2048) the spacing is 2^-42) passes: 4000 - (2000 + 2^-42) = 2000 - 2^-42 exactly,
    // and divided by 4000 it is 0.5 - 5.7e-17, which rounds to 0.5 - 2^-54 < 0.5. 2000 gives 0.5.
    expect(leastFreeUnder(4000, 0.5)).toBe(2000 + 2 ** -42);
    expect(under(4000, 2000, 0.5)).toBe(false);
    expect(under(4000, 2000 + 2 ** -42, 0.5)).toBe(true);
    // Threshold 0 (Karpenter's pools: no candidates): under only with more free room than
    // allocatable, i.e. from the next double above 4000 (spacing 2^-41 in [2048, 4096)).
    expect(leastFreeUnder(4000, 0)).toBe(4000 + 2 ** -41);
  });

  it('gives the same answer as the division for every free amount tried', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const allocatable of [7910, 3920, 15640.5, 1930, 0.001, 123456.789]) {
      for (const threshold of [0, 0.1, 0.3, 0.5, 0.7, 1, 1.5, 0.123456789]) {
        const cut = leastFreeUnder(allocatable, threshold) as number;
        const tries = [0, -0, allocatable, cut, -cut];
        for (let i = 0; i < 500; i++) tries.push(random() * allocatable * 1.2 - allocatable * 0.1, Math.round(random() * allocatable));
        // The doubles right around the cut.
        for (let f = cut, k = 0; k < 20; k++, f -= Math.abs(f) * 2.3e-16) tries.push(f);
        for (let f = cut, k = 0; k < 20; k++, f += Math.abs(f) * 2.3e-16) tries.push(f);
        for (const free of tries) expect(free >= cut).toBe(under(allocatable, free, threshold));
      }
    }
  });

  it('has no cut for an allocatable that is not positive and finite (the caller divides then)', () => {
    expect(leastFreeUnder(0, 0.5)).toBeUndefined();
    expect(leastFreeUnder(-10, 0.5)).toBeUndefined();
    expect(leastFreeUnder(Infinity, 0.5)).toBeUndefined();
    // No double passes with a NaN threshold: NaN compares false with every free amount.
    expect(leastFreeUnder(4000, NaN)).toBeNaN();
  });
});
