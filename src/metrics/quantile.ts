/**
 * Quantile of sorted values by linear interpolation between closest ranks (R-7, the default of
 * d3.quantile and numpy.percentile). Returns 0 for an empty array.
 */
export function quantileSorted(sorted: Float64Array, p: number, n = sorted.length): number {
  if (n === 0) return 0;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}
