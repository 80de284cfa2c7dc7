import { describe, expect, it } from 'vitest';
import { CONFIDENT_SHARE, decidePairedVerdict } from '../../src/verdict/pairedVerdict.ts';
import { decideVerdict, type VerdictInput } from '../../src/verdict/verdict.ts';

/** A strategy of 1,000 pods with a 60 s SLO. */
const s = (name: string, costTotal: number, sloViolations: number, neverStarted = 0): VerdictInput => ({
  name,
  costTotal,
  currency: 'USD',
  pendingP95: 30,
  neverStarted,
  podsTotal: 1000,
  sloViolations,
  sloSeconds: 60,
});

/** A paired run that A wins (more pods within the SLO) or B wins. */
const aWins = () => [s('A', 100, 10), s('B', 90, 50)];
const bWins = () => [s('A', 100, 60), s('B', 90, 20)];

describe('verdict over paired runs', () => {
  it('a strategy that wins 17 of 20 paired runs (85%) is too close to call', () => {
    const runs = [...Array.from({ length: 17 }, aWins), ...Array.from({ length: 3 }, bWins)];
    const v = decidePairedVerdict(runs);
    expect(v.winner).toBeNull();
    expect(v.confidence).toBe(17 / 20);
    expect(v.sentence).toContain('Too close to call: A wins 17 of 20 paired runs (85%), below the 90% a winner needs; wins per strategy: A 17, B 3.');
  });

  it('18 of 20 (90%, the threshold) names the winner', () => {
    expect(CONFIDENT_SHARE).toBe(0.9);
    const runs = [...Array.from({ length: 2 }, bWins), ...Array.from({ length: 18 }, aWins)];
    const v = decidePairedVerdict(runs);
    expect(v.winner).toBe('A');
    expect(v.confidence).toBe(0.9);
    expect(v.sentence).toContain('A wins 18 of 20 paired runs (90%); wins per strategy: A 18, B 2.');
  });

  it('leads with the median share within the SLO and gives each cost range', () => {
    // A within the SLO: 990 of 1000 in every run -> 99%; B 950 -> 95%. Costs the same in every run.
    const v = decidePairedVerdict(Array.from({ length: 5 }, aWins));
    expect(v.sentence.startsWith('Within the SLO, median of 5 runs: A 99%, B 95%.')).toBe(true);
    expect(v.sentence).toContain('Cost over the runs (p5 to p95): A $100.00, B $90.00.');
    expect(v.winner).toBe('A');
    expect(v.confidence).toBe(1);
  });

  it('runs where every strategy leaves pods unstarted count for nobody', () => {
    const none = () => [s('A', 100, 500, 400), s('B', 90, 500, 400)];
    const runs = [...Array.from({ length: 9 }, aWins), none()];
    const v = decidePairedVerdict(runs);
    // A wins 9 of 10 = 90%: named; the 10th run is reported, not hidden.
    expect(v.winner).toBe('A');
    expect(v.sentence).toContain('none 1 (no strategy starts every pod)');
    const all = decidePairedVerdict([none(), none()]);
    expect(all).toMatchObject({ winner: null, confidence: 0 });
    expect(all.sentence).toContain('No strategy starts every pod in any of the 2 runs');
  });

  it('one run is exactly the single-run verdict, with confidence 1 when it names a winner', () => {
    const one = aWins();
    const single = decideVerdict(one);
    expect(decidePairedVerdict([one])).toEqual({ winner: single.winner, confidence: 1, sentence: single.sentence });
  });
});
