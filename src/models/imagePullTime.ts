import type { Delay } from '../scenario/delay.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import type { Random } from '../sim/random.ts';

/**
 * How long one image pull takes, by pod class: for a class whose workload gives its image size,
 * `latencySeconds + sizeMiB / mibPerSecond` (no random draw); otherwise a draw from the
 * podStart.imagePull delay, as before image sizes existed. Whether a pull happens at all (a node's
 * cache) and when it may start (serialized pulls) is the caller's.
 */
export class ImagePullTime {
  private readonly delay: DelaySampler;

  constructor(
    delay: Delay,
    rng: Random,
    /** Per class, MiB (NaN: not given); undefined when no class has a size. */
    private readonly sizeMiB: Float64Array | undefined,
    /** null: sizes are ignored (a serverless image cache makes the pull size-independent). */
    private readonly rate: { mibPerSecond: number; latencySeconds: number } | null,
  ) {
    this.delay = new DelaySampler(delay, rng);
  }

  /** Seconds a pull of class `cls`'s image takes. */
  seconds(cls: number): number {
    const sizes = this.sizeMiB;
    const rate = this.rate;
    if (sizes !== undefined && rate !== null) {
      const mib = sizes[cls];
      if (mib === mib) return rate.latencySeconds + mib / rate.mibPerSecond;
    }
    return this.delay.sample();
  }
}
