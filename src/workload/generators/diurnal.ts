import type { DiurnalService } from '../../scenario/workload.ts';
import type { PodTableBuilder } from '../podTable.ts';

const DAY = 86400;

/** Replicas wanted at time t: a cosine between min (12 h from the peak) and max (at peakAt). */
export function diurnalReplicas(g: DiurnalService, t: number): number {
  const phase = (2 * Math.PI * (t - g.peakAt)) / DAY;
  return Math.round(g.minReplicas + (g.maxReplicas - g.minReplicas) * (0.5 + 0.5 * Math.cos(phase)));
}

/**
 * A Deployment following the day. Every `step` the replica count is re-evaluated; new replicas
 * arrive at that time, and a scale-down ends the newest pods first (ReplicaSet's default
 * preference for the youngest pods). Pods still alive at the horizon run to it.
 */
export function generateDiurnal(g: DiurnalService, horizon: number, out: PodTableBuilder): void {
  const cls = out.classId(g.class);
  const startedAt: number[] = [];
  for (let t = 0; t < horizon; t += g.step) {
    const want = diurnalReplicas(g, t);
    while (startedAt.length < want) startedAt.push(t);
    while (startedAt.length > want) {
      const start = startedAt.pop() as number;
      if (t > start) out.add(start, t - start, g.pod.cpuMillicores, g.pod.memoryMiB, cls);
    }
  }
  for (const start of startedAt) out.add(start, horizon - start, g.pod.cpuMillicores, g.pod.memoryMiB, cls);
}
