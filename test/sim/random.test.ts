import { describe, expect, it } from 'vitest';
import { Random } from '../../src/sim/random.ts';
import { DelaySampler } from '../../src/sim/sampleDelay.ts';

/**
 * Standard normal CDF from the complementary error function (Numerical Recipes' erfc Chebyshev
 * fit, relative error below 1.2e-7 everywhere): independent of the generator under test.
 */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

function sample(seed: number, n: number, draw: (rng: Random) => number): Float64Array {
  const rng = new Random(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = draw(rng);
  return v;
}

describe('Random.normal (ziggurat)', () => {
  const N = 1_000_000;
  for (const seed of [1, 42]) {
    it(`is standard normal: moments, Kolmogorov-Smirnov distance and both tails (seed ${seed})`, () => {
      const v = sample(seed, N, (r) => r.normal());
      let sum = 0;
      let sq = 0;
      let beyondR = 0;
      let above2 = 0;
      let below2 = 0;
      for (const x of v) {
        sum += x;
        sq += x * x;
        if (Math.abs(x) > 3.442619855899) beyondR++;
        if (x > 2) above2++;
        if (x < -2) below2++;
      }
      const mean = sum / N;
      // Standard errors: 1/sqrt(N) = 0.001 for the mean, sqrt(2/N) = 0.0014 for the variance.
      expect(Math.abs(mean)).toBeLessThan(0.005);
      expect(Math.abs(sq / N - mean * mean - 1)).toBeLessThan(0.007);
      // KS: the 0.1% critical value for n = 1e6 is 1.95 / sqrt(n) = 0.00195.
      const sorted = Float64Array.from(v).sort();
      let d = 0;
      for (let i = 0; i < N; i++) {
        const f = normalCdf(sorted[i]);
        d = Math.max(d, (i + 1) / N - f, f - i / N);
      }
      expect(d).toBeLessThan(0.00195);
      // The tail beyond the base layer (its own sampler): P(|z| > R) = 2 (1 - Phi(R)) = 5.76e-4,
      // so 576 expected, sd 24; P(z > 2) = 0.02275, so 22,750 on each side, sd 149.
      const tail = 2 * (1 - normalCdf(3.442619855899)) * N;
      expect(Math.abs(beyondR - tail)).toBeLessThan(5 * Math.sqrt(tail));
      const side = (1 - normalCdf(2)) * N;
      expect(Math.abs(above2 - side)).toBeLessThan(5 * Math.sqrt(side));
      expect(Math.abs(below2 - side)).toBeLessThan(5 * Math.sqrt(side));
    });
  }

  it('is reproducible from its seed', () => {
    expect(Array.from(sample(7, 5, (r) => r.normal()))).toEqual(Array.from(sample(7, 5, (r) => r.normal())));
    expect(Array.from(sample(7, 5, (r) => r.normal()))).not.toEqual(Array.from(sample(8, 5, (r) => r.normal())));
  });
});

describe('DelaySampler', () => {
  it('log-normal: the median and p95 it was fitted to', () => {
    const rng = new Random(3);
    const draw = new DelaySampler({ kind: 'lognormal', median: 20, p95: 60 }, rng);
    const v = Float64Array.from({ length: 200_000 }, () => draw.sample()).sort();
    // Rank standard errors: sqrt(p (1 - p) / n) = 0.0011 at the median, 0.0005 at p95.
    expect(v[100_000]).toBeGreaterThan(20 * Math.exp(-0.005 * 2.5));
    expect(v[100_000]).toBeLessThan(20 * Math.exp(0.005 * 2.5));
    expect(v[190_000]).toBeGreaterThan(59);
    expect(v[190_000]).toBeLessThan(61);
  });

  it('uniform and constant', () => {
    const rng = new Random(4);
    const u = new DelaySampler({ kind: 'uniform', min: 10, max: 30 }, rng);
    const v = Float64Array.from({ length: 100_000 }, () => u.sample());
    expect(Math.min(...v)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...v)).toBeLessThan(30);
    expect(Math.abs(v.reduce((a, b) => a + b, 0) / v.length - 20)).toBeLessThan(0.1);
    expect(new DelaySampler({ kind: 'constant', seconds: 12 }, rng).sample()).toBe(12);
  });
});
