import type { PodTable } from '../workload/podTable.ts';
import type { Cluster } from './cluster.ts';

/** The counts a result shows for spot / preemptible capacity (nodes and serverless pods together). */
export interface InterruptionTally {
  /** Interruption notices that reclaimed capacity (nodes or preemptible pods). */
  interruptions: number;
  /** Pod stops caused by them (a pod interrupted twice counts twice). */
  podsInterrupted: number;
  /** Work the stopped pods had done since their last checkpoint (or since they started): run again. */
  lostPodSeconds: number;
}

export const emptyTally = (): InterruptionTally => ({ interruptions: 0, podsInterrupted: 0, lostPodSeconds: 0 });

/**
 * Checkpoint interval per pod class (0: the class reruns in full), from the `checkpoints` lists of
 * a spot config: a pod of a listed class keeps the work up to its last checkpoint.
 */
export function checkpointByClass(pods: PodTable, checkpoints: ReadonlyArray<{ classes: string[]; every: number }>): Float64Array {
  const every = new Float64Array(pods.classNames.length);
  for (const c of checkpoints) {
    for (const name of c.classes) {
      const i = pods.classNames.indexOf(name);
      if (i >= 0) every[i] = c.every;
    }
  }
  return every;
}

/**
 * A pod loses its capacity now: how much of its work it keeps (whole checkpoints, or nothing) and
 * what it must run again. Sets the run time it still owes and stops it (`Cluster.stop`); returns
 * the seconds of work lost. Work done = its duration less what it owed when this run started,
 * plus the time it has been running in this run.
 */
export function interruptPod(cluster: Cluster, pod: number, now: number, checkpointEvery: number): number {
  const duration = cluster.pods.duration[pod];
  const owedAtStart = cluster.remaining(pod);
  const runningAt = cluster.runningAt(pod);
  const ranThisRun = now > runningAt ? now - runningAt : 0;
  const done = Math.min(duration, duration - owedAtStart + ranThisRun);
  const kept = checkpointEvery > 0 ? Math.floor(done / checkpointEvery + 1e-9) * checkpointEvery : 0;
  cluster.stop(pod, now);
  cluster.owe(pod, duration - kept);
  return done - kept;
}
