import type { StrategyResult } from './result.ts';
import { count, hours } from './noteFormat.ts';

const money = (v: number, currency: string) => `${currency === 'USD' ? '$' : currency + ' '}${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${Math.round(n) === 1 ? one : many}`;

/**
 * One sentence each for what spot capacity and a commitment did (the CLI prints them under its
 * table, the app under its verdict): the reruns spot caused and the commitment's unused part are
 * what decides whether they paid off, so they are said, not left in the JSON.
 */
export function capacityNotes(s: StrategyResult): string[] {
  const out: string[] = [];
  const c = s.cost.currency;
  if (s.spot) {
    const fallback = s.spot.onDemandFallbacks > 0 ? `; ${plural(s.spot.onDemandFallbacks, 'launch', 'launches')} found no spot capacity and got on-demand nodes` : '';
    out.push(
      s.spot.interruptions > 0
        ? `${s.name}: ${plural(s.spot.interruptions, 'spot interruption')} stopped ${plural(s.spot.podsInterrupted, 'pod')}, losing ${hours(s.spot.lostPodSeconds)} pod-hours of work done since their last checkpoint${fallback}`
        : `${s.name}: no spot interruption in the horizon${fallback}`,
    );
  }
  if (s.commitment) {
    const m = s.commitment;
    out.push(
      `${s.name}: the commitment (${money(m.perHour, c)}/h at ${Math.round(m.discount * 100)}% off) cost ${money(m.committed, c)}, ${money(m.unused, c)} of it unused; ` +
        `it covered ${money(m.coveredAtOnDemand, c)} of usage at on-demand prices and ${money(m.onDemand, c)} of eligible usage was paid on demand ` +
        `(${m.savings >= 0 ? `saving ${money(m.savings, c)}` : `costing ${money(-m.savings, c)} more than on demand`})`,
    );
  }
  return out;
}
