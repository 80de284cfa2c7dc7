import type { Kernel } from '../sim/kernel.ts';
import type { Random } from '../sim/random.ts';
import type { PodTable } from '../workload/podTable.ts';
import { LEVEL, type Recorder } from '../metrics/recorder.ts';

/** Where a pod is in its life. */
export const POD = {
  notArrived: 0,
  /** Waiting for room on the node pool (kube-scheduler: Unschedulable). */
  pendingNodes: 1,
  /** Waiting for a serverless launch token. */
  queuedServerless: 2,
  /** Bound or launched; sandbox, image pull and container start under way. */
  starting: 3,
  running: 4,
  done: 5,
  /** Fits nowhere (bigger than every node and every serverless size). */
  unschedulable: 6,
} as const;

/** Event priorities at equal times: frees run before arrivals, the autoscaler sees the settled state. */
export const PRIORITY = { finish: 0, nodeReady: 1, start: 2, arrival: 4, timeout: 5, scan: 6 } as const;

/** Pod placement: a node slot (>= 0) or one of these. */
export const ON_SERVERLESS = -1;
export const NOWHERE = -2;

/**
 * The state every model shares for one strategy run: the kernel, the pods (struct-of-arrays,
 * indexed like the PodTable) and the metrics recorder.
 */
export class Cluster {
  readonly state: Uint8Array;
  readonly node: Int32Array;
  /** When the pod first reached Running (NaN before). */
  readonly firstRunningAt: Float64Array;
  /** When the current start finishes (Running), and when the current run ends. */
  readonly runningAt: Float64Array;
  readonly finishAt: Float64Array;
  /** Run time still owed (less than the duration after an eviction restarts a pod). */
  readonly remaining: Float64Array;
  /** Where the pod first ran: 1 node, 2 serverless. */
  readonly ranOn: Uint8Array;
  completed = 0;
  evictions = 0;
  unschedulable = 0;

  constructor(
    readonly kernel: Kernel,
    readonly pods: PodTable,
    readonly recorder: Recorder,
    readonly rng: Random,
  ) {
    const n = pods.count;
    this.state = new Uint8Array(n);
    this.node = new Int32Array(n).fill(NOWHERE);
    this.firstRunningAt = new Float64Array(n).fill(NaN);
    this.runningAt = new Float64Array(n);
    this.finishAt = new Float64Array(n);
    this.remaining = new Float64Array(pods.duration);
    this.ranOn = new Uint8Array(n);
  }

  /** Marks a pod Running now (first time: ends its pending time) and returns when it finishes. */
  markRunning(pod: number, now: number, where: 1 | 2): number {
    this.state[pod] = POD.running;
    const r = this.recorder;
    r.at(now);
    if (this.firstRunningAt[pod] !== this.firstRunningAt[pod]) {
      this.firstRunningAt[pod] = now;
      this.ranOn[pod] = where;
      r.add(LEVEL.pending, -1);
    }
    r.add(LEVEL.running, 1);
    const end = now + this.remaining[pod];
    this.finishAt[pod] = end;
    return end;
  }

  markUnschedulable(pod: number, now: number): void {
    this.state[pod] = POD.unschedulable;
    this.node[pod] = NOWHERE;
    this.unschedulable++;
    this.recorder.change(now, LEVEL.pending, -1);
  }
}
