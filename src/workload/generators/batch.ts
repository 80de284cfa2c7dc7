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
 */
export function generateBatch(g: PoissonBatch, horizon: number, rng: Random, out: PodTableBuilder): void {
  const cls = out.classId(g.class);
  const runtime = new DelaySampler(g.runtime, rng);
  const rate = g.jobsPerHour / 3600;
  for (let t = rng.exponential(rate); t < horizon; t += rng.exponential(rate)) {
    if (g.window && !inWindow(t % DAY, g.window.from, g.window.to)) continue;
    const d = runtime.sample();
    if (d > 0) out.add(t, d, g.pod.cpuMillicores, g.pod.memoryMiB, cls);
  }
}
