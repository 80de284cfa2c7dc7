/**
 * A token bucket (`burst` tokens, refilled at `perSecond`) that pods pass first come, first
 * served, as a GCRA (virtual scheduling): `tat` is the theoretical arrival time of the next pass.
 * With emission interval T = 1/perSecond and tolerance (burst - 1) * T, a pod asking at t passes at
 * max(t, tat - tolerance), and tat moves to max(that, tat) + T. Exactly a bucket of `burst` tokens,
 * but each pod's pass time is known when it asks: O(1) per pod, no event per token.
 *
 * Callers must ask in non-decreasing time order (the kernel's clock), as a real queue would.
 */
export class LaunchBucket {
  private tat = -Infinity;
  private readonly emission: number;
  private readonly tolerance: number;

  constructor(rate: { burst: number; perSecond: number }) {
    this.emission = 1 / rate.perSecond;
    this.tolerance = (rate.burst - 1) * this.emission;
  }

  /** When a pod that asked at `at` would pass, without taking a token. */
  next(at: number): number {
    const earliest = this.tat - this.tolerance;
    return earliest > at ? earliest : at;
  }

  /**
   * Gives back the token of a pass planned after `now` that will not happen (withdrawn at `now`):
   * later asks pass one interval sooner, never before `now` (a withdrawn pass refills no burst).
   */
  cancel(now: number): void {
    const tat = this.tat - this.emission;
    this.tat = tat > now ? tat : now;
  }

  /** Every pass planned after `now` is withdrawn: the bucket is as if its last pass came by `now`. */
  cancelAfter(now: number): void {
    if (this.tat > now) this.tat = now;
  }

  /** When a pod that asks at `at` passes (takes its token). */
  pass(at: number): number {
    const earliest = this.tat - this.tolerance;
    const t = earliest > at ? earliest : at;
    this.tat = (t > this.tat ? t : this.tat) + this.emission;
    return t;
  }
}
