import { formatDuration, formatIncrease, formatMoney, formatShare } from '../app/format.ts';

/** What the verdict needs from each strategy. */
export interface VerdictInput {
  name: string;
  costTotal: number;
  currency: string;
  pendingP95: number;
  /** Pods that never started by the horizon: such a strategy is flagged and cannot win. */
  neverStarted: number;
  podsTotal: number;
  /** Pods pending longer than the SLO, never-started pods included. */
  sloViolations: number;
  sloSeconds: number;
}

export interface Verdict {
  /** The recommended strategy, or null when no strategy starts every pod. */
  winner: string | null;
  /** Strategies left out of the ranking because they leave pods unstarted. */
  flagged: string[];
  sentence: string;
}

/** Costs or SLO shares closer than this (relative / absolute) are called "about the same". */
const ABOUT_THE_SAME = 0.005;

const withinSlo = (s: VerdictInput): number => (s.podsTotal > 0 ? (s.podsTotal - s.sloViolations) / s.podsTotal : 1);
const missed = (s: VerdictInput): number => 1 - withinSlo(s);
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Sentence 1 (SLO): whether every strategy meets the SLO, and for how many pods they miss it.
 * Sentence 2: each strategy's share of pods started within the SLO, best first.
 */
function sloSentences(list: readonly VerdictInput[], slo: string): string[] {
  const missing = list.filter((s) => s.sloViolations > 0);
  if (missing.length === 0) return [`Every strategy starts all pods within the ${slo} SLO.`];
  let first: string;
  if (missing.length === list.length) {
    const lo = formatShare(Math.min(...list.map(missed)));
    const hi = formatShare(Math.max(...list.map(missed)));
    first = `Every strategy misses the ${slo} SLO for ${lo === hi ? lo : `${lo} to ${hi}`} of pods.`;
  } else {
    first = `${missing.length} of ${list.length} strategies ${missing.length === 1 ? 'misses' : 'miss'} the ${slo} SLO for some pods.`;
  }
  const ranked = [...list].sort((a, b) => withinSlo(b) - withinSlo(a) || a.costTotal - b.costTotal);
  return [first, `Within the SLO: ${ranked.map((s) => `${s.name} ${formatShare(withinSlo(s))}`).join(', ')}.`];
}

/** "; p95 pending 25 s versus 4 min", or "; both have a p95 pending of 1 min 51 s" when they read the same. */
function p95Clause(a: VerdictInput, b: VerdictInput): string {
  const pa = formatDuration(a.pendingP95);
  const pb = formatDuration(b.pendingP95);
  return pa === pb ? `; both have a p95 pending of ${pa}` : `; p95 pending ${pa} versus ${pb}`;
}

/**
 * The verdict, written from the numbers by fixed rules (each has a test):
 * 1. A strategy that leaves pods unstarted is flagged ("not ranked") and cannot win.
 * 2. It leads with SLO attainment: whether every strategy misses the SLO and for what share of
 *    pods, then each strategy's share of pods started within the SLO.
 * 3. The winner is, among unflagged strategies, the one with the largest share within the SLO;
 *    shares within half a point are a tie, broken by cost.
 * 4. Then cost: the winner against the next cheapest (if it is the cheapest) or against the
 *    cheapest; costs within 0.5% are "about the same"; percents never round to 0% or 100%.
 * 5. p95 pending of the two named strategies; equal when they read the same.
 */
export function decideVerdict(strategies: readonly VerdictInput[]): Verdict {
  if (strategies.length === 0) return { winner: null, flagged: [], sentence: 'No strategies to compare.' };
  const currency = strategies[0].currency;
  const money = (s: VerdictInput) => formatMoney(s.costTotal, currency);
  const slo = formatDuration(strategies[0].sloSeconds);
  const flagged = strategies.filter((s) => s.neverStarted > 0);
  const unstarted = (s: VerdictInput) => `${s.name} leaves ${count(s.neverStarted)} of ${count(s.podsTotal)} pods unstarted`;

  if (strategies.length === 1) {
    const s = strategies[0];
    const left = s.neverStarted > 0 ? ` and leaves ${count(s.neverStarted)} of ${count(s.podsTotal)} pods unstarted` : '';
    return {
      winner: s.neverStarted > 0 ? null : s.name,
      flagged: flagged.map((f) => f.name),
      sentence: `${s.name} starts ${formatShare(withinSlo(s))} of pods within the ${slo} SLO${left}, for ${money(s)} (p95 pending ${formatDuration(s.pendingP95)}).`,
    };
  }

  const parts = sloSentences(strategies, slo);
  parts.push(...flagged.map((s) => `${unstarted(s)}, so it is not ranked.`));
  const eligible = strategies.filter((s) => s.neverStarted === 0);
  const result = (winner: VerdictInput | null): Verdict => ({ winner: winner?.name ?? null, flagged: flagged.map((f) => f.name), sentence: parts.join(' ') });

  if (eligible.length === 0) {
    parts.push('No strategy starts every pod, so none is recommended.');
    return result(null);
  }
  if (eligible.length === 1) {
    const w = eligible[0];
    parts.push(`${w.name} is the only strategy that starts every pod (${formatShare(withinSlo(w))} within the SLO, ${money(w)}).`);
    return result(w);
  }

  const bestShare = Math.max(...eligible.map(withinSlo));
  const top = eligible.filter((s) => bestShare - withinSlo(s) < ABOUT_THE_SAME).sort((a, b) => a.costTotal - b.costTotal);
  const w = top[0];
  const share = formatShare(withinSlo(w));
  const claim = top.length > 1 ? `${w.name} keeps as many pods within the SLO as ${top[1].name} (${share})` : `${w.name} keeps the most pods within the SLO (${share})`;
  const byCost = [...eligible].sort((a, b) => a.costTotal - b.costTotal);
  const cheapest = byCost[0];

  if (cheapest === w || w.costTotal <= cheapest.costTotal) {
    const rival = byCost.find((s) => s !== w)!;
    const less = rival.costTotal > 0 ? (rival.costTotal - w.costTotal) / rival.costTotal : 0;
    const cost = less < ABOUT_THE_SAME ? `, at about the same cost as ${rival.name} (${money(w)})` : ` and is the cheapest: ${money(w)}, ${formatShare(less)} less than ${rival.name}`;
    parts.push(`${claim}${cost}${p95Clause(w, rival)}.`);
    return result(w);
  }
  const more = cheapest.costTotal > 0 ? (w.costTotal - cheapest.costTotal) / cheapest.costTotal : Number.POSITIVE_INFINITY;
  const cost =
    more < ABOUT_THE_SAME
      ? `, at about the same cost as the cheapest, ${cheapest.name} (${money(cheapest)}, ${formatShare(withinSlo(cheapest))} within the SLO)`
      : ` for ${money(w)}, ${Number.isFinite(more) ? `${formatIncrease(more)} more than` : 'more than'} the cheapest, ${cheapest.name} at ${money(cheapest)} (${formatShare(withinSlo(cheapest))} within the SLO)`;
  parts.push(`${claim}${cost}${p95Clause(w, cheapest)}.`);
  return result(w);
}

/** The verdict sentence shown above the comparison table. */
export function verdict(strategies: readonly VerdictInput[]): string {
  return decideVerdict(strategies).sentence;
}
