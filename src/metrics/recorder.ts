/**
 * Integrates piecewise-constant levels (running pods, nodes, vCPU, spend rate, ...) over time into
 * equal buckets of the horizon and into running totals. Every level change first calls
 * `advance(now)`, so the work per event is a few additions; crossing bucket boundaries costs
 * one step per bucket, so a whole run costs O(events + buckets).
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
} as const;
const LEVELS = 9;

export class Recorder {
  readonly bucketSeconds: number;
  readonly buckets: number;
  /** Sum of level x seconds per bucket, level-major: sums[level * buckets + b]. */
  readonly sums: Float64Array;
  /** One-off amounts (billing minimum and rounding top-ups) per bucket, per level. */
  readonly lumps: Float64Array;
  readonly levels = new Float64Array(LEVELS);
  /** Integral of each level over [0, now], plus lumps. */
  readonly totals = new Float64Array(LEVELS);
  /** Highest value seen per level. */
  readonly peaks = new Float64Array(LEVELS);
  private last = 0;

  constructor(
    readonly horizon: number,
    buckets: number,
  ) {
    this.buckets = Math.max(1, Math.min(buckets, Math.ceil(horizon)));
    this.bucketSeconds = horizon / this.buckets;
    this.sums = new Float64Array(LEVELS * this.buckets);
    this.lumps = new Float64Array(LEVELS * this.buckets);
  }

  private bucketOf(t: number): number {
    const b = Math.floor(t / this.bucketSeconds);
    return b < 0 ? 0 : b >= this.buckets ? this.buckets - 1 : b;
  }

  /** Integrates all levels from the last change up to `now` (capped at the horizon). */
  advance(now: number): void {
    const end = now < this.horizon ? now : this.horizon;
    let t = this.last;
    if (end <= t) return;
    const L = this.levels;
    const T = this.totals;
    const dtAll = end - t;
    for (let k = 0; k < LEVELS; k++) T[k] += L[k] * dtAll;
    const B = this.buckets;
    const w = this.bucketSeconds;
    let b = this.bucketOf(t);
    while (t < end) {
      const bucketEnd = b === B - 1 ? this.horizon : (b + 1) * w;
      const segEnd = end < bucketEnd ? end : bucketEnd;
      const dt = segEnd - t;
      if (dt > 0) {
        for (let k = 0; k < LEVELS; k++) {
          const v = L[k];
          if (v !== 0) this.sums[k * B + b] += v * dt;
        }
      }
      t = segEnd;
      b++;
    }
    this.last = end;
  }

  change(now: number, level: number, delta: number): void {
    this.advance(now);
    const v = (this.levels[level] += delta);
    if (v > this.peaks[level]) this.peaks[level] = v;
  }

  /**
   * Adds to a level without integrating first: for hot paths that call `advance(now)` once and
   * then change several levels at the same instant. Does not track peaks.
   */
  add(level: number, delta: number): void {
    this.levels[level] += delta;
  }

  /**
   * Adds `value` to a level over [from, now] after the fact, where `now` is the time already
   * integrated to (call `advance(now)` first). For a level change that needed no event of its own,
   * e.g. serverless billing that starts with the image pull, known once the pod is Running.
   */
  backfill(from: number, level: number, value: number): void {
    const to = this.last;
    if (!(from < to) || value === 0) return;
    this.totals[level] += value * (to - from);
    const B = this.buckets;
    const w = this.bucketSeconds;
    for (let b = this.bucketOf(from), t = from; t < to; b++) {
      const bucketEnd = b === B - 1 ? this.horizon : (b + 1) * w;
      const segEnd = to < bucketEnd ? to : bucketEnd;
      this.sums[level * B + b] += value * (segEnd - t);
      t = segEnd;
    }
  }

  /** Adds a one-off amount (e.g. the unused part of a billing minimum) at time `now`. */
  lump(now: number, level: number, amount: number): void {
    const t = now < this.horizon ? now : this.horizon;
    this.lumps[level * this.buckets + this.bucketOf(t)] += amount;
    this.totals[level] += amount;
  }

  /** Bucket averages of a level (lumps spread over their bucket). */
  average(level: number): Float64Array {
    const B = this.buckets;
    const out = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      const w = b === B - 1 ? this.horizon - b * this.bucketSeconds : this.bucketSeconds;
      out[b] = (this.sums[level * B + b] + this.lumps[level * B + b]) / w;
    }
    return out;
  }

  /** Running total of a level's integral (plus lumps) at the end of each bucket. */
  cumulative(level: number): Float64Array {
    const B = this.buckets;
    const out = new Float64Array(B);
    let acc = 0;
    for (let b = 0; b < B; b++) {
      acc += this.sums[level * B + b] + this.lumps[level * B + b];
      out[b] = acc;
    }
    return out;
  }

  bucketStarts(): Float64Array {
    const out = new Float64Array(this.buckets);
    for (let b = 0; b < this.buckets; b++) out[b] = b * this.bucketSeconds;
    return out;
  }
}
