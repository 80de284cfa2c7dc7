/**
 * Integrates piecewise-constant levels (running pods, nodes, vCPU, spend rate, ...) over time into
 * equal buckets of the horizon. A level is never integrated event by event: each change is kept
 * as a step (from time t on, the level is `delta` higher), and a step is linear, so its integral
 * splits into the part of its own bucket, delta x (bucket end - t), and delta x bucket width in
 * every later bucket. The first part is added to the bucket now; the second is summed over the
 * earlier buckets' steps when the series is read. A change costs a few additions whatever the
 * time, and changes need not come in time order: a change in the past (serverless billing that
 * started with an image pull, known once the pod is Running) is recorded like any other.
 *
 * Levels that always change together in fixed proportions (a serverless pod of one request shape
 * on one size: +1 pod, +its vCPU and GiB requested and paid, +its spend rate) can be defined as a
 * mix: a mix is integrated like one level, one step per change instead of one per level, and is
 * spread back onto its levels (times its coefficients) when a series is read.
 */
export const LEVEL = {
  running: 0,
  pending: 1,
  nodes: 2,
  serverless: 3,
  requestedCpu: 4,
  paidCpu: 5,
  requestedMem: 6,
  paidMem: 7,
  /** Currency per second. */
  costRate: 8,
  /** Nodes Ready (`nodes` counts them from cluster-autoscaler's request on). */
  nodesReady: 9,
} as const;
const LEVELS = 10;
/** Mixes integrated on their own; later ones are applied level by level (same results, more work). */
const MAX_MIXES = 256;
/** Per mix and bucket: [own-bucket part, step sum, lumps]. */
const MIX_STRIDE = 3;
/**
 * Most buckets a recorder keeps, whatever it is asked for: a longer horizon widens the buckets
 * instead. Memory grows with buckets x (3 x LEVELS + MIX_STRIDE x MAX_MIXES) doubles, about 6.4 KB
 * per bucket, so this caps a recorder near 13 MB: per-second buckets over a one-year horizon
 * would need 200 GB. Totals (cost, utilization, pod-hours) are exact at any width; only the
 * series' detail depends on it.
 */
export const MAX_BUCKETS = 2048;

export class Recorder {
  readonly bucketSeconds: number;
  readonly buckets: number;
  /** The last bucket (buckets - 1), kept so that no subtraction runs only for times past the horizon (see `at`). */
  private readonly lastBucket: number;
  /** Bucket-major, [bucket * LEVELS + level]: the own-bucket part of each step, level x seconds. */
  private readonly partial: Float64Array;
  /** Bucket-major: the sum of the steps that happened in each bucket. */
  private readonly steps: Float64Array;
  /** One-off amounts (billing minimum and rounding top-ups) per bucket, level-major. */
  private readonly lumps: Float64Array;
  /** Current value of each level from `add` and `change` (mixes not included: see `current`). */
  private readonly levels = new Float64Array(LEVELS);
  /** Highest value seen per level, over changes made with `change` (in time order). */
  readonly peaks = new Float64Array(LEVELS);
  private readonly perSecond: number;
  /** Where `add` records: index of the cursor's bucket (times LEVELS), and seconds to its end. */
  private base = 0;
  private span = 0;
  /** The cursor's bucket, clamped to the last one (where late lumps go). */
  private lumpBucket = 0;
  /** Coefficients of each mix over the levels, [mix * LEVELS + level]. */
  private mixCoefficients: number[] = [];
  /** Per integrated mix, bucket-major: [own-bucket part, step sum, lumps] (see MIX_STRIDE). */
  private mixSums: Float64Array = new Float64Array(0);
  /** Current value of each mix (the sum of its deltas so far). */
  private mixLevels: number[] = [];
  /** The cursor is at or past the horizon: changes from then on are not integrated. */
  private beyond = false;

  constructor(
    readonly horizon: number,
    buckets: number,
  ) {
    // At least a second per bucket, at most MAX_BUCKETS of them.
    this.buckets = Math.max(1, Math.min(buckets, MAX_BUCKETS, Math.ceil(horizon)));
    this.lastBucket = this.buckets - 1;
    this.bucketSeconds = horizon / this.buckets;
    this.perSecond = 1 / this.bucketSeconds;
    this.partial = new Float64Array(LEVELS * this.buckets);
    this.steps = new Float64Array(LEVELS * this.buckets);
    this.lumps = new Float64Array(LEVELS * this.buckets);
  }

  private bucketOf(t: number): number {
    const b = Math.floor(t * this.perSecond);
    const last = this.lastBucket;
    return b < 0 ? 0 : b > last ? last : b;
  }

  /** Seconds in bucket `b` (the last one ends exactly at the horizon). */
  private width(b: number): number {
    return b === this.lastBucket ? this.horizon - b * this.bucketSeconds : this.bucketSeconds;
  }

  /** Sets the time of the changes that follow (`add`): now, or any time in the past or future. */
  at(t: number): void {
    // No field is read or written only past the horizon: such a site has no type feedback until
    // a replay first gets there, near its end, and every hot function `at` is inlined into (bind,
    // runFrom, stop, billNode, ... 6-11 in a 1M replay) was deoptimised and compiled again then.
    const horizon = this.horizon;
    const last = this.lastBucket;
    const beyond = !(t < horizon);
    this.beyond = beyond;
    const b = beyond ? last : this.bucketOf(t);
    this.lumpBucket = b;
    if (beyond) return;
    this.base = b * LEVELS;
    this.span = (b === last ? horizon : (b + 1) * this.bucketSeconds) - t;
  }

  /** The level changes by `delta` from the cursor time (`at`) on. Does not track peaks. */
  add(level: number, delta: number): void {
    this.levels[level] += delta;
    if (this.beyond) return;
    const i = this.base + level;
    this.partial[i] += delta * this.span;
    this.steps[i] += delta;
  }

  /** A change at `now` that also updates the level's peak (changes of that level in time order). */
  change(now: number, level: number, delta: number): void {
    this.at(now);
    this.add(level, delta);
    const v = this.levels[level];
    if (v > this.peaks[level]) this.peaks[level] = v;
  }

  /**
   * Defines a mix: levels that change together, `coefficients[level]` per unit of the mix.
   * Returns its id for `addMix` and `lumpMix`.
   */
  mix(coefficients: Partial<Record<number, number>>): number {
    const id = this.mixLevels.length;
    for (let l = 0; l < LEVELS; l++) this.mixCoefficients.push(coefficients[l] ?? 0);
    this.mixLevels.push(0);
    if (id < MAX_MIXES) {
      const need = (id + 1) * this.buckets * MIX_STRIDE;
      if (need > this.mixSums.length) {
        const grown = new Float64Array(Math.max(need, Math.min(MAX_MIXES * this.buckets * MIX_STRIDE, this.mixSums.length * 2)));
        grown.set(this.mixSums);
        this.mixSums = grown;
      }
    }
    return id;
  }

  /** The mix changes by `delta` units from the cursor time (`at`) on. */
  addMix(id: number, delta: number): void {
    this.mixLevels[id] += delta;
    if (id >= MAX_MIXES) return this.applyMix(id, delta);
    if (this.beyond) return;
    const i = (id * this.buckets + this.lumpBucket) * MIX_STRIDE;
    const m = this.mixSums;
    m[i] += delta * this.span;
    m[i + 1] += delta;
  }

  /** Adds a one-off amount of a mix (`amount` unit-seconds) at the cursor time (late: the last bucket). */
  lumpMix(id: number, amount: number): void {
    if (id < MAX_MIXES) this.mixSums[(id * this.buckets + this.lumpBucket) * MIX_STRIDE + 2] += amount;
    else this.lumpMixByLevel(id, amount);
  }

  private lumpMixByLevel(id: number, amount: number): void {
    const c = this.mixCoefficients;
    const base = id * LEVELS;
    for (let l = 0; l < LEVELS; l++) if (c[base + l] !== 0) this.lumps[l * this.buckets + this.lumpBucket] += c[base + l] * amount;
  }

  /** A mix beyond MAX_MIXES: recorded level by level. */
  private applyMix(id: number, delta: number): void {
    const c = this.mixCoefficients;
    const base = id * LEVELS;
    for (let l = 0; l < LEVELS; l++) if (c[base + l] !== 0) this.add(l, c[base + l] * delta);
  }

  /** Current value of a level: every change so far, mixes included. */
  current(level: number): number {
    let v = this.levels[level];
    const n = Math.min(this.mixLevels.length, MAX_MIXES);
    for (let id = 0; id < n; id++) v += this.mixCoefficients[id * LEVELS + level] * this.mixLevels[id];
    return v;
  }

  /** Adds a one-off amount (e.g. the unused part of a billing minimum) at time `now`. */
  lump(now: number, level: number, amount: number): void {
    // One read of the horizon (a second, read only past it, would deoptimise the callers there).
    const horizon = this.horizon;
    const t = now < horizon ? now : horizon;
    this.lumps[level * this.buckets + this.bucketOf(t)] += amount;
  }

  /** Integral of a level over each bucket, plus its lumps. */
  bucketSums(level: number): Float64Array {
    const B = this.buckets;
    const out = new Float64Array(B);
    let rate = 0;
    for (let b = 0; b < B; b++) {
      const w = this.width(b);
      const i = b * LEVELS + level;
      out[b] = this.partial[i] + rate * w + this.lumps[level * B + b];
      rate += this.steps[i];
    }
    const mixes = Math.min(this.mixLevels.length, MAX_MIXES);
    for (let id = 0; id < mixes; id++) {
      const k = this.mixCoefficients[id * LEVELS + level];
      if (k === 0) continue;
      const m = this.mixSums;
      let mixRate = 0;
      for (let b = 0; b < B; b++) {
        const w = this.width(b);
        const i = (id * B + b) * MIX_STRIDE;
        out[b] += k * (m[i] + mixRate * w + m[i + 2]);
        mixRate += m[i + 1];
      }
    }
    return out;
  }

  /** Integral of a level over the whole horizon, plus its lumps. */
  total(level: number): number {
    const sums = this.bucketSums(level);
    let acc = 0;
    for (let b = 0; b < sums.length; b++) acc += sums[b];
    return acc;
  }

  /** Bucket averages of a level (lumps spread over their bucket). */
  average(level: number): Float64Array {
    const out = this.bucketSums(level);
    const B = this.buckets;
    for (let b = 0; b < B; b++) out[b] /= this.width(b);
    return out;
  }

  /** Running total of a level's integral (plus lumps) at the end of each bucket. */
  cumulative(level: number): Float64Array {
    const out = this.bucketSums(level);
    for (let b = 1; b < out.length; b++) out[b] += out[b - 1];
    return out;
  }

  bucketStarts(): Float64Array {
    const out = new Float64Array(this.buckets);
    for (let b = 0; b < this.buckets; b++) out[b] = b * this.bucketSeconds;
    return out;
  }
}
