import { formatDuration, formatMoney } from './format.ts';

/** What the verdict needs from each strategy. */
export interface VerdictInput {
  name: string;
  costTotal: number;
  currency: string;
  pendingP95: number;
  /** Pods that never started: a strategy that leaves pods behind is not "fast". */
  neverStarted: number;
}

const percentLess = (cheap: number, dear: number): number => (dear > 0 ? Math.round(((dear - cheap) / dear) * 100) : 0);
const percentMore = (dear: number, cheap: number): number => (cheap > 0 ? Math.round(((dear - cheap) / cheap) * 100) : 0);

/** Lower p95 is faster; pods left unstarted count as worse than any p95. */
function fasterThan(a: VerdictInput, b: VerdictInput): boolean {
  if ((a.neverStarted > 0) !== (b.neverStarted > 0)) return a.neverStarted === 0;
  return a.pendingP95 < b.pendingP95;
}

function byCost(list: readonly VerdictInput[]): VerdictInput[] {
  return [...list].sort((a, b) => a.costTotal - b.costTotal);
}

function bySpeed(list: readonly VerdictInput[]): VerdictInput[] {
  return [...list].sort((a, b) => (fasterThan(a, b) ? -1 : fasterThan(b, a) ? 1 : 0));
}

/**
 * One sentence that says which setup wins on cost and which on scale-up latency (p95 pending),
 * comparing each winner with the runner-up on that measure, so the claim is the most modest true one:
 * - one strategy: its cost and p95;
 * - the cheapest is also the fastest: "X is 38% cheaper than Y and cuts p95 pending from 4 min to 25 s versus Z";
 * - otherwise the trade-off: "X is cheapest (..% less than F), but F cuts p95 pending from .. to .. for ..% more".
 * Costs that differ by less than 0.5% are called "about the same".
 */
export function verdict(strategies: readonly VerdictInput[]): string {
  if (strategies.length === 0) return 'No strategies to compare.';
  const currency = strategies[0].currency;
  if (strategies.length === 1) {
    const s = strategies[0];
    return `${s.name} costs ${formatMoney(s.costTotal, currency)} with a p95 pending time of ${formatDuration(s.pendingP95)}.`;
  }
  const [cheapest, secondCheapest] = byCost(strategies);
  const speed = bySpeed(strategies);
  const fastest = speed[0];

  if (fastest === cheapest || !fasterThan(fastest, cheapest)) {
    const rival = speed.find((s) => s !== cheapest)!;
    const costPart =
      percentLess(cheapest.costTotal, secondCheapest.costTotal) === 0
        ? `costs about the same as ${secondCheapest.name}`
        : `is ${percentLess(cheapest.costTotal, secondCheapest.costTotal)}% cheaper than ${secondCheapest.name}`;
    const speedPart = fasterThan(cheapest, rival)
      ? `cuts p95 pending from ${formatDuration(rival.pendingP95)} to ${formatDuration(cheapest.pendingP95)} versus ${rival.name}`
      : `matches the best p95 pending (${formatDuration(cheapest.pendingP95)})`;
    return `${cheapest.name} ${costPart} and ${speedPart}.`;
  }

  const extra = percentMore(fastest.costTotal, cheapest.costTotal);
  const costPart = extra === 0 ? 'at about the same cost' : `for ${extra}% more (${formatMoney(fastest.costTotal - cheapest.costTotal, currency)})`;
  if (cheapest.neverStarted > 0) {
    return (
      `${cheapest.name} is the cheapest at ${formatMoney(cheapest.costTotal, currency)} but leaves ${cheapest.neverStarted.toLocaleString('en-US')} pods unstarted; ` +
      `${fastest.name} starts every pod (p95 pending ${formatDuration(fastest.pendingP95)}) ${costPart}.`
    );
  }
  return (
    `${cheapest.name} is the cheapest at ${formatMoney(cheapest.costTotal, currency)}, ` +
    `but ${fastest.name} cuts p95 pending from ${formatDuration(cheapest.pendingP95)} to ${formatDuration(fastest.pendingP95)} ${costPart}.`
  );
}
