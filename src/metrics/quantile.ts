/**
 * Quantile of sorted values by linear interpolation between closest ranks (R-7, the default of
 * d3.quantile and numpy.percentile). Returns 0 for an empty array.
 */
export function quantileSorted(sorted: Float64Array, p: number, n = sorted.length): number {
  return n === 0 ? 0 : interpolate(n, p, (rank) => sorted[rank]);
}

/** R-7 for n values and probability p, given the value at any 0-based rank of the ascending order. */
function interpolate(n: number, p: number, at: (rank: number) => number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = at(lo);
  return a + (at(Math.min(n - 1, lo + 1)) - a) * (h - lo);
}

/**
 * R-7 quantiles (as `quantileSorted`) of unsorted values, for many probabilities at once, without
 * sorting every value: only the order statistics the quantiles need are found. `values` is used as
 * scratch space (its order changes). Same results as sorting and calling `quantileSorted`, or
 * d3-array's `quantileSorted` (the test's oracle). Measured against d3-array on 1M pending times
 * (`npm run bench -- --quantiles`): 46 ms here, 84 ms for a sort + d3's `quantileSorted`, about a
 * minute for d3's `quantile` called per probability; so the summary keeps this one.
 */
export function quantiles(values: Float64Array, probabilities: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(probabilities.length);
  if (n === 0) return out;
  const ranks: number[] = [];
  for (let k = 0; k < probabilities.length; k++) {
    const lo = Math.floor((n - 1) * probabilities[k]);
    ranks.push(lo, Math.min(n - 1, lo + 1));
  }
  const stats = orderStatistics(values, ranks);
  for (let k = 0; k < probabilities.length; k++) out[k] = interpolate(n, probabilities[k], (rank) => stats.get(rank)!);
  return out;
}

/** Below this many values a plain sort is as quick as counting. */
const SMALL = 512;
/** Most buckets of the histogram (2 MiB of counts). */
const MAX_BUCKETS = 1 << 19;
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The values at the given 0-based ranks of the ascending order. For non-negative doubles the order
 * of their bit patterns is their numeric order, so one pass finds the range of their high 32-bit
 * words, a second counts values per bucket of that range (about one bucket per 4 values, bucket 0
 * for zeros), the buckets that hold a wanted rank are gathered in a third pass, and only those are
 * sorted. Buckets over the values' own range, not over every double: pending times of a day span a
 * few binades, so the buckets stay small (a 24k-pod day's 406 ranks: a few hundred values sorted
 * instead of all 24k). Small, negative, -0 or NaN inputs are simply sorted.
 */
function orderStatistics(values: Float64Array, wanted: number[]): Map<number, number> {
  const n = values.length;
  const ranks = [...new Set(wanted)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  const words = LITTLE_ENDIAN && n >= SMALL ? new Uint32Array(values.buffer, values.byteOffset, 2 * n) : undefined;
  // The range of the non-zero high words (a zero high word: +0 or a denormal below 2^-1022 x 2^20).
  let lo = 0xffffffff;
  let hi = 0;
  let simple = !words;
  if (words) {
    for (let i = 0; i < n; i++) {
      const w = words[2 * i + 1];
      if (w >= 0x80000000 || values[i] !== values[i]) {
        simple = true;
        break;
      }
      if (w !== 0) {
        if (w < lo) lo = w;
        if (w > hi) hi = w;
      }
    }
  }
  if (simple || !words) {
    values.sort();
    for (const r of ranks) result.set(r, values[r]);
    return result;
  }
  let size = 64;
  while (size < MAX_BUCKETS && size * 4 < n) size *= 2;
  // Bucket of a non-zero high word w: ((w - lo) >>> shift) + 1, below size + 1.
  let shift = 0;
  const span = hi >= lo ? hi - lo : 0;
  while (span >>> shift >= size) shift++;
  const counts = new Int32Array(size + 1);
  for (let i = 0; i < n; i++) {
    const w = words[2 * i + 1];
    counts[w === 0 ? 0 : ((w - lo) >>> shift) + 1]++;
  }
  // Buckets holding a wanted rank, with the rank of their first value.
  const buckets: number[] = [];
  const starts: number[] = [];
  let b = 0;
  let start = 0;
  for (const r of ranks) {
    while (start + counts[b] <= r) start += counts[b++];
    if (buckets[buckets.length - 1] !== b) {
      buckets.push(b);
      starts.push(start);
    }
  }
  // counts becomes a write cursor into `gathered` for wanted buckets, -1 for the others.
  const sizes = buckets.map((x) => counts[x]);
  counts.fill(-1);
  let offset = 0;
  for (let k = 0; k < buckets.length; k++) {
    counts[buckets[k]] = offset;
    offset += sizes[k];
  }
  const gathered = new Float64Array(offset);
  for (let i = 0; i < n; i++) {
    const w = words[2 * i + 1];
    const bucket = w === 0 ? 0 : ((w - lo) >>> shift) + 1;
    const c = counts[bucket];
    if (c >= 0) {
      gathered[c] = values[i];
      counts[bucket] = c + 1;
    }
  }
  let k = 0;
  offset = 0;
  for (let j = 0; j < buckets.length; j++) {
    const segment = gathered.subarray(offset, offset + sizes[j]).sort();
    for (; k < ranks.length && ranks[k] < starts[j] + sizes[j]; k++) result.set(ranks[k], segment[ranks[k] - starts[j]]);
    offset += sizes[j];
  }
  return result;
}
