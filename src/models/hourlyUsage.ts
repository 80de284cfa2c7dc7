/** Seconds in a billing hour. */
const HOUR = 3600;

/**
 * Spend per clock hour of the run (hour 0 is the first hour of the horizon), from billed
 * intervals: a commitment applies to the usage of each hour on its own. An interval is two steps
 * (its rate starts, its rate stops), each split like the recorder's (the part of its own hour now,
 * whole hours when read), so adding one costs the same whatever it spans: no per-hour loop and no
 * scan over nodes or pods. Every interval must be closed by the horizon (billing stops there).
 */
export class HourlyUsage {
  readonly hours: number;
  /** Per hour: the own-hour part of each step (rate x seconds to the end of the hour), plus lumps. */
  private readonly partial: Float64Array;
  /** Per hour: the sum of the rate steps that happened in it. */
  private readonly steps: Float64Array;

  constructor(readonly horizon: number) {
    this.hours = Math.max(1, Math.ceil(horizon / HOUR));
    this.partial = new Float64Array(this.hours);
    this.steps = new Float64Array(this.hours);
  }

  private hourOf(t: number): number {
    const h = Math.floor(t / HOUR);
    return h < 0 ? 0 : h >= this.hours ? this.hours - 1 : h;
  }

  private step(t: number, rate: number): void {
    const h = this.hourOf(t);
    this.partial[h] += rate * ((h + 1) * HOUR - t);
    this.steps[h] += rate;
  }

  /** Spend at `perSecond` from `from` to `to` (clamped to the horizon). */
  addInterval(from: number, to: number, perSecond: number): void {
    const end = to < this.horizon ? to : this.horizon;
    if (!(end > from) || perSecond === 0) return;
    this.step(from, perSecond);
    this.step(end, -perSecond);
  }

  /** A one-off amount at `at` (the part of a billing minimum or rounding paid but not used). */
  addLump(at: number, amount: number): void {
    this.partial[this.hourOf(at < this.horizon ? at : this.horizon)] += amount;
  }

  /** Spend in each hour. */
  sums(): Float64Array {
    const out = new Float64Array(this.hours);
    let rate = 0;
    for (let h = 0; h < this.hours; h++) {
      out[h] = this.partial[h] + rate * HOUR;
      rate += this.steps[h];
    }
    return out;
  }

  /** Seconds of hour `h` inside the horizon (the last hour can be short). */
  widthOf(h: number): number {
    return Math.min(HOUR, this.horizon - h * HOUR);
  }
}
