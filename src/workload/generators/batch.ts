import type { PoissonBatch } from '../../scenario/workload.ts';
import type { Random } from '../../sim/random.ts';
import { DelaySampler } from '../../sim/sampleDelay.ts';
import type { PodTableBuilder } from '../podTable.ts';

const DAY = 86400;

/** Is time-of-day `tod` inside [from, to), where the window may wrap past midnight? */
function inWindow(tod: number, from: number, to: number): boolean {
  return from <= to ? tod >= from && tod < to : tod >= from || tod < to;
}

/**
 * Jobs arriving as a Poisson process at jobsPerHour, only inside the daily window if one is
 * given (arrivals outside it are thinned away, which keeps the process Poisson inside it).
 * A job whose runtime is 0 is still a pod that must be placed; it is kept and counted. Returns
 * how many ran 0 s, for the caller to report.
 */
export function generateBatch(g: PoissonBatch, horizon: number, rng: Random, out: PodTableBuilder): number {
  let zeroDuration = 0;
  const cls = out.classId(g.class);
  const runtime = new DelaySampler(g.runtime, rng);
  const rate = g.jobsPerHour / 3600;
  for (let t = rng.exponential(rate); t < horizon; t += rng.exponential(rate)) {
    if (g.window && !inWindow(t % DAY, g.window.from, g.window.to)) continue;
    const d = runtime.sample();
    if (d === 0) zeroDuration++;
    out.add(t, d, g.pod.cpuMillicores, g.pod.memoryMiB, cls);
  }
  return zeroDuration;
}
