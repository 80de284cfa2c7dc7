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
  /** constant: the value; uniform: min; log-normal: mu. */
  private readonly a: number;
  /** uniform: max - min; log-normal: sigma. */
  private readonly b: number;

  constructor(
    d: Delay,
    private readonly rng: Random,
  ) {
    switch (d.kind) {
      case 'constant':
        this.kind = CONSTANT;
        this.a = d.seconds;
        this.b = 0;
        break;
      case 'uniform':
        this.kind = UNIFORM;
        this.a = d.min;
        this.b = d.max - d.min;
        break;
      case 'lognormal': {
        const sigma = Math.log(d.p95 / d.median) / Z95;
        this.kind = sigma === 0 ? CONSTANT : LOGNORMAL;
        this.a = sigma === 0 ? d.median : Math.log(d.median);
        this.b = sigma;
        break;
      }
    }
  }

  sample(): number {
    const k = this.kind;
    if (k === CONSTANT) return this.a;
    if (k === UNIFORM) return this.a + this.b * this.rng.next();
    return Math.exp(this.a + this.b * this.rng.normal());
  }
}
