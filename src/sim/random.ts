/**
 * Ziggurat tables for the standard normal (Marsaglia & Tsang, "The Ziggurat Method for Generating
 * Random Variables", J. Stat. Softw. 5(8), 2000): 128 layers of equal area V under
 * exp(-x^2 / 2), the base layer ending at R with the tail beyond. Layer i (1..127) is a rectangle
 * of half-width x_i; `ZIG_K[i]` / 2^24 = x_(i-1) / x_i is the part of it wholly under the curve,
 * `ZIG_W[i]` = x_i / 2^24 scales a 24-bit magnitude to x, `ZIG_F[i]` = exp(-x_i^2 / 2). Layer 0 is
 * the base strip (pseudo-width V / f(R)), with x_0 = 0 for the top layer's wedge.
 */
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_M = 2 ** 24;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  let x = ZIG_R;
  let outer = x;
  const q = ZIG_V / Math.exp(-0.5 * x * x);
  ZIG_K[0] = (x / q) * ZIG_M;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / ZIG_M;
  ZIG_W[127] = x / ZIG_M;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * x * x);
  for (let i = 126; i >= 1; i--) {
    x = Math.sqrt(-2 * Math.log(ZIG_V / x + Math.exp(-0.5 * x * x)));
    ZIG_K[i + 1] = (x / outer) * ZIG_M;
    outer = x;
    ZIG_F[i] = Math.exp(-0.5 * x * x);
    ZIG_W[i] = x / ZIG_M;
  }
}

/**
 * Seeded pseudo-random numbers (sfc32 seeded through splitmix32), the only source of randomness
 * in the simulation. The same seed gives the same sequence on every platform.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Standard normal by the ziggurat method (tables above). One 32-bit draw gives the layer (low 7
   * bits) and a signed 25-bit magnitude (the rest, so the two share no bits); about 98.8% of the
   * time the point falls in the layer's rectangle under the curve and that is the value. The rest
   * go to `normalEdge`.
   */
  normal(): number {
    const u = this.uint32();
    const i = u & 127;
    const j = (u | 0) >> 7;
    if (Math.abs(j) < ZIG_K[i]) return j * ZIG_W[i];
    return this.normalEdge(i, j);
  }

  /** The ziggurat's rare cases: the tail beyond R (layer 0) or a wedge, else a fresh draw. */
  private normalEdge(i: number, j: number): number {
    for (;;) {
      if (i === 0) {
        // Marsaglia's tail method: x = -ln(u1) / R, accepted if -2 ln(u2) > x^2.
        let x: number;
        let y: number;
        do {
          x = -Math.log(this.nextOpen()) / ZIG_R;
          y = -Math.log(this.nextOpen());
        } while (y + y < x * x);
        return j > 0 ? ZIG_R + x : -ZIG_R - x;
      }
      const x = j * ZIG_W[i];
      if (ZIG_F[i] + this.next() * (ZIG_F[i - 1] - ZIG_F[i]) < Math.exp(-0.5 * x * x)) return x;
      const u = this.uint32();
      i = u & 127;
      j = (u | 0) >> 7;
      if (Math.abs(j) < ZIG_K[i]) return j * ZIG_W[i];
    }
  }

  /** Uniform in (0, 1). */
  private nextOpen(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return u;
  }

  exponential(rate: number): number {
    return -Math.log(this.nextOpen()) / rate;
  }
}

/** Stable 32-bit hash of a string (FNV-1a), for deriving per-purpose random streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
