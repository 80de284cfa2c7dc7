import type { Delay } from '../scenario/delay.ts';
import type { Random } from './random.ts';

/** z for the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

const CONSTANT = 0;
const UNIFORM = 1;
const LOGNORMAL = 2;

/**
 * Draws delays from one distribution; the log-normal is fitted to its median and p95. A class
 * with one `sample` method rather than a closure per distribution: every sampler shares one
 * call target, which the JIT can inline into the models' handlers (a closure created per
 * distribution is not, and then every delay it returns is boxed).
 */
export class DelaySampler {
  private readonly kind: number;
  /**
   * [a, b]: constant: the value, 0; uniform: min, max - min; log-normal: mu, sigma. In a
   * Float64Array, not two fields: a field read gave V8 a value of unknown type (the samplers'
   * fields hold integers and fractions), so the value `sample` returns, where it is inlined, was
   * boxed on every path (a heap allocation per sample); an element of a Float64Array is a double.
   */
  private readonly ab = new Float64Array(2);

  constructor(
    d: Delay,
    private readonly rng: Random,
  ) {
    const ab = this.ab;
    switch (d.kind) {
      case 'constant':
        this.kind = CONSTANT;
        ab[0] = d.seconds;
        break;
      case 'uniform':
        this.kind = UNIFORM;
        ab[0] = d.min;
        ab[1] = d.max - d.min;
        break;
      case 'lognormal': {
        const sigma = Math.log(d.p95 / d.median) / Z95;
        this.kind = sigma === 0 ? CONSTANT : LOGNORMAL;
        ab[0] = sigma === 0 ? d.median : Math.log(d.median);
        ab[1] = sigma;
        break;
      }
    }
  }

  sample(): number {
    const k = this.kind;
    const ab = this.ab;
    if (k === CONSTANT) return ab[0];
    if (k === UNIFORM) return ab[0] + ab[1] * this.rng.next();
    return Math.exp(ab[0] + ab[1] * this.rng.normal());
  }
}
