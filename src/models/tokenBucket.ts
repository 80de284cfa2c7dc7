/**
 * A token bucket of `burst` tokens refilled at `perSecond`, first come first served, as a GCRA
 * (virtual scheduling): `tat` is the theoretical arrival time of the next grant. With emission
 * interval T = 1/perSecond and tolerance (burst - 1) x T, a request at t is granted at
 * max(t, tat - tolerance) and tat moves to max(grant, tat) + T. The grant time is known when the
 * request is made, so a request costs O(1) and needs no event per token.
 * Requests must come in non-decreasing time order (they do: the kernel's clock only moves forward).
 */
export class TokenBucket {
  private tat = -Infinity;
  private readonly emission: number;
  private readonly tolerance: number;

  constructor(
    readonly burst: number,
    readonly perSecond: number,
  ) {
    if (!(burst >= 1) || !(perSecond > 0)) throw new Error(`token bucket needs burst >= 1 and perSecond > 0 (got ${burst}, ${perSecond})`);
    this.emission = 1 / perSecond;
    this.tolerance = (burst - 1) * this.emission;
  }

  /** When a token asked for at `now` is granted (now, or later once the bucket has refilled). */
  take(now: number): number {
    const earliest = this.tat - this.tolerance;
    const at = earliest > now ? earliest : now;
    this.tat = (at > this.tat ? at : this.tat) + this.emission;
    return at;
  }
}
