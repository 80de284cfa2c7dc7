import type { EveningBurst } from '../../scenario/workload.ts';
import type { Random } from '../../sim/random.ts';
import type { PodTableBuilder } from '../podTable.ts';

const DAY = 86400;

/** Triangular on [-w/2, w/2] peaked at 0: most people join right at the start, some early or late. */
function triangular(rng: Random, width: number): number {
  return (rng.next() + rng.next() - 1) * (width / 2);
}

/**
 * Sessions at fixed times each day: podsPerSession pods join around each start within
 * herdWidth and leave when the session ends (sessionLength after the start, plus up to endJitter).
 * With podsEnd 'withSession' that end is a wall-clock time (a pod that started late still ends
 * then); with 'afterRunTime' a pod runs that long from whenever it starts.
 * A pod that joins after its session has ended (a short sessionLength, a wide herd) still arrives
 * and is placed, then ends at once: it runs 0 s rather than vanishing. Returns how many pods ran
 * 0 s, for the caller to report.
 */
export function generateBurst(g: EveningBurst, horizon: number, rng: Random, out: PodTableBuilder): number {
  let zeroDuration = 0;
  const cls = out.classId(g.class);
  for (let day = 0; day * DAY < horizon; day++) {
    for (const start of g.sessionStarts) {
      const sessionStart = day * DAY + start;
      const sessionEnd = sessionStart + g.sessionLength;
      for (let i = 0; i < g.podsPerSession; i++) {
        const arrival = Math.max(0, sessionStart + triangular(rng, g.herdWidth));
        const end = sessionEnd + rng.next() * g.endJitter;
        if (arrival >= horizon) continue;
        const duration = end > arrival ? end - arrival : 0;
        if (duration === 0) zeroDuration++;
        out.add(arrival, duration, g.pod.cpuMillicores, g.pod.memoryMiB, cls, g.podsEnd === 'withSession');
      }
    }
  }
  return zeroDuration;
}
