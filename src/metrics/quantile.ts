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
 * Values that are not stored in one array but computed in order: `fill(start, end, out)` writes
 * values start .. end - 1 into out[0 .. end - start). A summary's pending times are computed from
 * the pods' arrival and start times this way, chunk by chunk, instead of into an array of their
 * own: at 1M pods that array's 8 MB of fresh memory cost more than computing the times again.
 */
export type FillValues = (start: number, end: number, out: Float64Array) => void;

/**
 * What a caller's own pass over the values found, so that `quantilesOf` need not read them once
 * more for it (its first pass: a cold pass over 1M pending times was a fifth of a summary's time).
 * Tally it with `WIDE_MIN` as `pendingTimes` in src/replay/summarize.ts does:
 *   if (x > largest) largest = x;
 *   if (x < smallestWide && x >= WIDE_MIN) smallestWide = x;
 *   if (!(x > 0) && (x !== 0 || 1 / x < 0)) unusual = true;
 */
export interface ValueRange {
  /** The smallest value at least WIDE_MIN (Infinity if none). */
  smallestWide: number;
  /** The largest value (-Infinity if none). */
  largest: number;
  /** Some value is negative, -0 or NaN. */
  unusual: boolean;
}

/** The smallest double whose high 32-bit word is not zero (2^-1042, bits 0x00000001_00000000). */
export const WIDE_MIN = 2 ** -1022 / 2 ** 20;

/**
 * R-7 quantiles (as `quantileSorted`) of unsorted values, for many probabilities at once, without
 * sorting every value: only the order statistics the quantiles need are found. `values` is used as
 * scratch space (its order may change). Same results as sorting and calling `quantileSorted`, or
 * d3-array's `quantileSorted` (the test's oracle). Measured against d3-array on 1M pending times
 * (`npm run bench -- --quantiles`): 46 ms here, 84 ms for a sort + d3's `quantileSorted`, about a
 * minute for d3's `quantile` called per probability; so the summary keeps this one.
 */
export function quantiles(values: Float64Array, probabilities: ArrayLike<number>): Float64Array {
  return quantilesOf(values.length, (start, end, out) => out.set(values.subarray(start, end)), probabilities, values);
}

/**
 * `quantiles` of n values given by `fill` (see FillValues), read in a few passes of chunks;
 * `all`, if given, is the values as one array (a plain sort may reorder it).
 */
export function quantilesOf(n: number, fill: FillValues, probabilities: ArrayLike<number>, all?: Float64Array, range?: ValueRange): Float64Array {
  const out = new Float64Array(probabilities.length);
  if (n === 0) return out;
  const ranks: number[] = [];
  for (let k = 0; k < probabilities.length; k++) {
    const lo = Math.floor((n - 1) * probabilities[k]);
    ranks.push(lo, Math.min(n - 1, lo + 1));
  }
  const stats = orderStatistics(n, fill, ranks, all, range);
  for (let k = 0; k < probabilities.length; k++) out[k] = interpolate(n, probabilities[k], (rank) => stats.get(rank)!);
  return out;
}

/** Below this many values a plain sort is as quick as counting. */
const SMALL = 512;
/** Most buckets of the histogram (2 MiB of counts). */
const MAX_BUCKETS = 1 << 19;
/** Values per chunk read from `fill` (32 KiB: stays in the cache across a pass). */
const CHUNK = 4096;
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
const ONE = new Float64Array(1);
const ONE_WORDS = new Uint32Array(ONE.buffer);

/** The high 32-bit word of a double (little-endian only). */
function highWord(x: number): number {
  ONE[0] = x;
  return ONE_WORDS[1];
}

/**
 * The values at the given 0-based ranks of the ascending order. For non-negative doubles the order
 * of their bit patterns is their numeric order, so one pass finds the range of their high 32-bit
 * words, a second counts values per bucket of that range (about one bucket per 4 values, bucket 0
 * for zeros), the buckets that hold a wanted rank are gathered in a third pass, and only those are
 * sorted. Buckets over the values' own range, not over every double: pending times of a day span a
 * few binades, so the buckets stay small (a 24k-pod day's 406 ranks: a few hundred values sorted
 * instead of all 24k). Small, negative, -0 or NaN inputs are simply sorted.
 *
 * One value can fill a bucket on its own: over half of a 1M-pod node replay's pending times are
 * exactly 3 s (a free node's sandbox start), 540k values that sorting took 17 ms over. So each
 * wanted bucket keeps a run value aside while it is gathered (Boyer-Moore's majority vote): the
 * copies of the run value are counted, not written, and only the other values are sorted.
 */
function orderStatistics(n: number, fill: FillValues, wanted: number[], all: Float64Array | undefined, range: ValueRange | undefined): Map<number, number> {
  const ranks = [...new Set(wanted)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  const chunk = new Float64Array(CHUNK);
  const words = new Uint32Array(chunk.buffer);
  // The range of the non-zero high words (a zero high word: +0 or a denormal below 2^-1022 x 2^20).
  let lo = 0xffffffff;
  let hi = 0;
  let simple = n < SMALL || !LITTLE_ENDIAN;
  if (range) {
    // The caller's tally gives the same range: for non-negative doubles the high word grows with the value.
    simple ||= range.unusual;
    if (range.smallestWide !== Infinity) lo = highWord(range.smallestWide);
    if (range.largest >= WIDE_MIN) hi = highWord(range.largest);
  } else {
    rangeLo = lo;
    rangeHi = hi;
    for (let start = 0; start < n && !simple; start += CHUNK) {
      const m = Math.min(CHUNK, n - start);
      fill(start, start + m, chunk);
      simple = !rangeChunk(chunk, words, m);
    }
    lo = rangeLo;
    hi = rangeHi;
  }
  if (simple) {
    let values = all;
    if (!values) {
      values = new Float64Array(n);
      fill(0, n, values);
    }
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
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    fill(start, start + m, chunk);
    countChunk(words, m, counts, lo, shift);
  }
  // Buckets holding a wanted rank, with the rank of their first value and their size.
  const buckets: number[] = [];
  const starts: number[] = [];
  const sizes: number[] = [];
  let b = 0;
  let start = 0;
  for (const r of ranks) {
    while (start + counts[b] <= r) start += counts[b++];
    if (buckets[buckets.length - 1] !== b) {
      buckets.push(b);
      starts.push(start);
      sizes.push(counts[b]);
    }
  }
  // counts becomes the wanted bucket's number (0 .. K - 1) for wanted buckets, -1 for the others.
  const K = buckets.length;
  counts.fill(-1);
  const begin = new Int32Array(K);
  const cursor = new Int32Array(K);
  let offset = 0;
  for (let k = 0; k < K; k++) {
    counts[buckets[k]] = k;
    begin[k] = cursor[k] = offset;
    offset += sizes[k];
  }
  // Per wanted bucket: the run value, its copies set aside, and its vote (copies seen minus
  // other values seen since it became the run value).
  const runValue = new Float64Array(K);
  const runCount = new Int32Array(K);
  const vote = new Int32Array(K);
  // Room for every value of the wanted buckets; the run values' copies leave theirs unwritten.
  const gathered = new Float64Array(offset);
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    fill(start, start + m, chunk);
    gatherChunk(chunk, words, m, counts, lo, shift, runValue, runCount, vote, gathered, cursor);
  }
  let r = 0;
  for (let k = 0; k < K; k++) {
    // The bucket in ascending order: its other values below the run value, the run value's
    // copies, then its other values above it.
    const others = gathered.subarray(begin[k], cursor[k]).sort();
    const v = runValue[k];
    const copies = runCount[k];
    let below = 0;
    while (below < others.length && others[below] < v) below++;
    for (; r < ranks.length && ranks[r] < starts[k] + sizes[k]; r++) {
      const local = ranks[r] - starts[k];
      result.set(ranks[r], local < below ? others[local] : local < below + copies ? v : others[local - copies]);
    }
  }
  return result;
}

/*
 * The passes' per-chunk loops are functions of their own, not loops inside `orderStatistics`: a
 * summary calls it once per run on 1M values, cold, and V8 then compiled the whole function once per
 * pass (an on-stack replacement at each pass's loop, thrown away at the next pass's code, which had
 * no type feedback yet: six compilations of 3-20 ms, with `--trace-deopt`). Small functions are
 * compiled once each, in 1-5 ms. Cold first call on the 1M mixed replay's pending times, 5 fresh
 * processes each: 54-101 ms (mean 79) -> 41-79 ms (mean 57).
 */

/** The range of non-zero high words found so far (module slots: stores the optimized loop needs no feedback for). */
let rangeLo = 0;
let rangeHi = 0;

/** Widens [rangeLo, rangeHi] by a chunk; false if a value is negative, -0 or NaN (then the values are simply sorted). */
function rangeChunk(chunk: Float64Array, words: Uint32Array, m: number): boolean {
  let lo = rangeLo;
  let hi = rangeHi;
  for (let i = 0; i < m; i++) {
    const w = words[2 * i + 1];
    if (w >= 0x80000000 || chunk[i] !== chunk[i]) return false;
    if (w !== 0) {
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
  }
  rangeLo = lo;
  rangeHi = hi;
  return true;
}

/** Counts a chunk's values per bucket. */
function countChunk(words: Uint32Array, m: number, counts: Int32Array, lo: number, shift: number): void {
  for (let i = 0; i < m; i++) {
    const w = words[2 * i + 1];
    counts[w === 0 ? 0 : ((w - lo) >>> shift) + 1]++;
  }
}

/** Gathers a chunk's values of the wanted buckets (see `orderStatistics` for the run values). */
function gatherChunk(chunk: Float64Array, words: Uint32Array, m: number, counts: Int32Array, lo: number, shift: number, runValue: Float64Array, runCount: Int32Array, vote: Int32Array, gathered: Float64Array, cursor: Int32Array): void {
  for (let i = 0; i < m; i++) {
    const w = words[2 * i + 1];
    const k = counts[w === 0 ? 0 : ((w - lo) >>> shift) + 1];
    if (k < 0) continue;
    const x = chunk[i];
    if (x === runValue[k] && runCount[k] > 0) {
      runCount[k]++;
      vote[k]++;
    } else if (vote[k] > 0) {
      gathered[cursor[k]++] = x;
      vote[k]--;
    } else {
      // The run value has lost its majority so far: its copies are written out and x takes
      // its place (so every value is written at most once).
      const v = runValue[k];
      for (let c = runCount[k]; c > 0; c--) gathered[cursor[k]++] = v;
      runValue[k] = x;
      runCount[k] = 1;
      vote[k] = 1;
    }
  }
}
