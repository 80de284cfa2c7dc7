import type { Delay } from '../scenario/delay.ts';
import type { Random } from './random.ts';

/** z for the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

/** Returns a sampler for a delay distribution; the log-normal is fitted to its median and p95. */
export function delaySampler(d: Delay, rng: Random): () => number {
  switch (d.kind) {
    case 'constant': {
      const v = d.seconds;
      return () => v;
    }
    case 'uniform': {
      const { min, max } = d;
      return () => min + (max - min) * rng.next();
    }
    case 'lognormal': {
      const mu = Math.log(d.median);
      const sigma = Math.log(d.p95 / d.median) / Z95;
      if (sigma === 0) return () => d.median;
      return () => Math.exp(mu + sigma * rng.normal());
    }
  }
}
