import { describe, expect, it } from 'vitest';
import { runSeeds } from '../../src/runs/seeds.ts';

describe('runSeeds', () => {
  it('starts with the scenario seed, so run 1 is the single run', () => {
    expect(runSeeds(42, 1)).toEqual([42]);
    expect(runSeeds(42, 20)[0]).toBe(42);
  });

  it('derives seeds that all differ, for many base seeds', () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1]) {
      const seeds = runSeeds(seed, 1000);
      expect(new Set(seeds).size).toBe(1000);
      expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
    }
  });

  it('is reproducible, and run k is the same whatever the number of runs', () => {
    expect(runSeeds(7, 20)).toEqual(runSeeds(7, 20));
    expect(runSeeds(7, 50).slice(0, 20)).toEqual(runSeeds(7, 20));
    // Neighbouring base seeds do not give shifted copies of each other's runs.
    const a = new Set(runSeeds(7, 100));
    expect(runSeeds(8, 100).slice(1).filter((s) => a.has(s))).toEqual([]);
  });

  it('refuses a number of runs outside 1..1000', () => {
    expect(() => runSeeds(1, 0)).toThrow(RangeError);
    expect(() => runSeeds(1, 1001)).toThrow(RangeError);
    expect(() => runSeeds(1, 2.5)).toThrow(RangeError);
  });
});
