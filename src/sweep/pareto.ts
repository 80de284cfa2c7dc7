export interface CostLatency {
  cost: number;
  p95: number;
}

/**
 * The points no other point beats on both cost and p95 pending time (both minimised), sorted by
 * cost. A point equal to another on both is kept once (the first). O(n log n): sort by cost, then
 * keep each point whose p95 is below every cheaper point's.
 */
export function paretoFront<T extends CostLatency>(points: readonly T[]): T[] {
  const sorted = points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => Number.isFinite(p.cost) && Number.isFinite(p.p95))
    .sort((a, b) => a.p.cost - b.p.cost || a.p.p95 - b.p.p95 || a.i - b.i);
  const front: T[] = [];
  let bestP95 = Infinity;
  for (const { p } of sorted) {
    if (p.p95 < bestP95) {
      front.push(p);
      bestP95 = p.p95;
    }
  }
  return front;
}
