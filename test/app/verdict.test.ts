import { describe, expect, it } from 'vitest';
import { verdict, type VerdictInput } from '../../src/app/verdict.ts';

const s = (name: string, costTotal: number, pendingP95: number, neverStarted = 0): VerdictInput => ({ name, costTotal, currency: 'USD', pendingP95, neverStarted });

describe('verdict', () => {
  it('names the trade-off when the cheapest setup is not the fastest (headline numbers)', () => {
    // 1098.62 - 738.75 = 359.87, 359.87 / 738.75 = 48.7% -> 49%; 357.5 s -> 5 min 58 s; 98.17 s -> 1 min 38 s.
    const text = verdict([s('ACK + cluster-autoscaler', 1164.49, 110.35), s('ECI only (ASK)', 738.75, 357.5), s('ACK + ECI virtual node', 1098.62, 98.17)]);
    expect(text).toBe('ECI only (ASK) is the cheapest at $738.75, but ACK + ECI virtual node cuts p95 pending from 5 min 58 s to 1 min 38 s for 49% more ($359.87).');
  });

  it('compares the cheapest-and-fastest setup with the runner-up on each measure', () => {
    // Cost: (1000 - 620) / 1000 = 38% cheaper than the next cheapest B; p95: next fastest is C at 60 s.
    const text = verdict([s('B', 1000, 240), s('Mixed', 620, 25), s('C', 1200, 60)]);
    expect(text).toBe('Mixed is 38% cheaper than B and cuts p95 pending from 1 min to 25 s versus C.');
  });

  it('says "about the same" when costs differ by less than half a percent', () => {
    expect(verdict([s('A', 1000, 10), s('B', 1004, 30)])).toBe('A costs about the same as B and cuts p95 pending from 30 s to 10 s versus B.');
  });

  it('says so when the cheapest only ties the best p95', () => {
    expect(verdict([s('A', 500, 20), s('B', 800, 20)])).toBe('A is 38% cheaper than B and matches the best p95 pending (20 s).');
  });

  it('does not call a setup that leaves pods unstarted fast', () => {
    // A has the lower p95 over the pods it started, but 50 never started: B is the faster one.
    const text = verdict([s('A', 100, 5, 50), s('B', 150, 40)]);
    expect(text).toBe('A is the cheapest at $100.00 but leaves 50 pods unstarted; B starts every pod (p95 pending 40 s) for 50% more ($50.00).');
  });

  it('describes a single strategy', () => {
    expect(verdict([s('Only', 12.5, 3.25)])).toBe('Only costs $12.50 with a p95 pending time of 3.3 s.');
  });

  it('handles no strategies', () => {
    expect(verdict([])).toBe('No strategies to compare.');
  });
});
