import { formatMoney, formatShare } from '../app/format.ts';
import { decideVerdict, type VerdictInput } from './verdict.ts';

/** A winner must win at least this share of the paired runs; below it the verdict is "too close to call". */
export const CONFIDENT_SHARE = 0.9;

/** The verdict of the JSON contract: `{ winner | null, confidence, sentence }`. */
export interface PairedVerdict {
  /** Named only when it wins at least CONFIDENT_SHARE of the paired runs (with one run: the single run's winner). */
  winner: string | null;
  /**
   * Share of the paired runs won by the strategy that won most of them (the named winner, or the
   * best of the contenders when too close to call); 0 when no run has a winner. With one run it is
   * 1 or 0: one seed says nothing about the spread (`--runs` does).
   */
  confidence: number;
  sentence: string;
}

/**
 * The verdict over paired runs: `runs[r]` is run r's strategies (same order in every run), all
 * replayed with run r's seed. Each run is judged by `decideVerdict`'s rules on its own numbers
 * (SLO attainment first, flagged strategies never win, then cost); the strategy that wins most
 * runs is named only if it wins at least 90% of them, otherwise the verdict says "too close to
 * call" and names no winner. With one run this is exactly `decideVerdict`.
 */
export function decidePairedVerdict(runs: readonly (readonly VerdictInput[])[]): PairedVerdict {
  if (runs.length === 0) return { winner: null, confidence: 0, sentence: 'No runs to compare.' };
  const perRun = runs.map((r) => decideVerdict(r));
  if (runs.length === 1) return { winner: perRun[0].winner, confidence: perRun[0].winner ? 1 : 0, sentence: perRun[0].sentence };

  const n = runs.length;
  const names = runs[0].map((s) => s.name);
  const wins = new Map(names.map((name) => [name, 0]));
  let none = 0;
  for (const v of perRun) {
    if (v.winner === null) none++;
    else wins.set(v.winner, (wins.get(v.winner) ?? 0) + 1);
  }
  // Most wins; a tie goes to the first run's winner, then to the strategy listed first.
  const ranked = [...wins].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || Number(b[0] === perRun[0].winner) - Number(a[0] === perRun[0].winner) || names.indexOf(a[0]) - names.indexOf(b[0]));
  const top = ranked[0];
  const confidence = top ? top[1] / n : 0;
  const winner = top && confidence >= CONFIDENT_SHARE ? top[0] : null;

  const parts: string[] = [];
  parts.push(`Within the SLO, median of ${n} runs: ${names.map((name, i) => `${name} ${formatShare(median(runs.map((r) => withinSlo(r[i]))))}`).join(', ')}.`);
  const tally = ranked.map(([name, w]) => `${name} ${w}`);
  if (none > 0) tally.push(`none ${none} (no strategy starts every pod)`);
  const of = (w: number) => `${w} of ${n} paired runs (${formatShare(w / n)})`;
  if (!top) parts.push(`No strategy starts every pod in any of the ${n} runs, so none is recommended.`);
  else if (winner) parts.push(`${winner} wins ${of(top[1])}${ranked.length > 1 || none > 0 ? `; wins per strategy: ${tally.join(', ')}` : ''}.`);
  else parts.push(`Too close to call: ${top[0]} wins ${of(top[1])}, below the ${formatShare(CONFIDENT_SHARE)} a winner needs; wins per strategy: ${tally.join(', ')}.`);
  const currency = runs[0][0]?.currency ?? 'USD';
  const money = (v: number) => formatMoney(v, currency);
  parts.push(`Cost over the runs (p5 to p95): ${names.map((name, i) => `${name} ${range(runs.map((r) => r[i].costTotal), money)}`).join(', ')}.`);
  return { winner, confidence, sentence: parts.join(' ') };
}

const withinSlo = (s: VerdictInput): number => (s.podsTotal > 0 ? (s.podsTotal - s.sloViolations) / s.podsTotal : 1);

function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + ((sorted[Math.min(sorted.length - 1, lo + 1)] ?? sorted[lo]) - sorted[lo]) * (h - lo);
}

const median = (values: readonly number[]) => quantile(values, 0.5);

/** "$1,100.00 to $1,200.00", or one amount when both ends read the same. */
function range(values: readonly number[], format: (v: number) => string): string {
  const lo = format(quantile(values, 0.05));
  const hi = format(quantile(values, 0.95));
  return lo === hi ? lo : `${lo} to ${hi}`;
}
