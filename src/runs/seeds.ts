/**
 * The seeds of a Monte Carlo study: the scenario's own seed first (so run 1 is exactly the
 * single run everyone has seen), then seeds derived from it. A derived seed depends only on the
 * scenario's seed and the run's number, so run k is the same whatever the number of runs and on
 * whichever shard or worker computes it. Every strategy replays a run with the same seed: their
 * random streams (workload, provisioning delays) are the same draws, so differences between
 * strategies within a run are the strategies', not the dice's (common random numbers).
 */

/** splitmix32's finalizer: a bijection of 32-bit integers that scatters nearby inputs. */
function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Most runs a study may ask for: enough for p5/p95 bands; a bound so a typo cannot ask for 10^9. */
export const MAX_RUNS = 1000;

/**
 * `runs` seeds: `seed`, then a derived seed for each further run, all different. Throws on a
 * `runs` outside 1..MAX_RUNS (the CLI checks it first with a message naming the option).
 */
export function runSeeds(seed: number, runs: number): number[] {
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new RangeError(`runs must be a whole number from 1 to ${MAX_RUNS}, got ${runs}`);
  const seeds = [seed >>> 0];
  const used = new Set(seeds);
  for (let k = 1; k < runs; k++) {
    // Golden-ratio steps through the 32-bit ring, then scattered: a collision is rare (about
    // runs^2 / 2^33) and is stepped past, still depending only on (seed, k) and earlier seeds.
    let s = mix32(seed + Math.imul(k, 0x9e3779b9));
    while (used.has(s)) s = mix32(s + 1);
    used.add(s);
    seeds.push(s);
  }
  return seeds;
}
