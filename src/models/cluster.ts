import type { Kernel } from '../sim/kernel.ts';
import type { Random } from '../sim/random.ts';
import type { PodTable } from '../workload/podTable.ts';
import { LEVEL, type Recorder } from '../metrics/recorder.ts';
import { CAUSE, WaitLedger } from '../metrics/waits.ts';

/** Where a pod is in its life. */
export const POD = {
  notArrived: 0,
  /** Waiting for room on the node pool (kube-scheduler: Unschedulable). */
  pendingNodes: 1,
  /**
   * Bound to a node or launched on serverless (possibly still waiting for a launch token):
   * starting until `runningAt`, running from then on (no event marks the change; see
   * `Cluster.runFrom`).
   */
  started: 2,
  done: 3,
  /** Fits nowhere (bigger than every node and every serverless size). */
  unschedulable: 4,
} as const;

/** Event priorities at equal times: frees run before arrivals, the autoscaler sees the settled state. */
export const PRIORITY = { finish: 0, nodeReady: 1, arrival: 4, timeout: 5, scan: 6 } as const;

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
  /** The current start is the pod's first (it ends the pod's pending time). */
  private readonly firstStart: Uint8Array;
  /** Run time still owed (less than the duration after an eviction restarts a pod). */
  readonly remaining: Float64Array;
  /** Wall-clock end of a pod with a fixed end (a session's pods end with it), else Infinity. */
  private readonly endAt: Float64Array | undefined;
  /** Where the pod first ran: 1 node, 2 serverless. */
  readonly ranOn: Uint8Array;
  completed = 0;
  evictions = 0;
  unschedulable = 0;
  /** Why pods waited: every model charges the pending time it causes here (see metrics/waits.ts). */
  readonly waits: WaitLedger;

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
    const fixed = pods.fixedEnd;
    if (fixed) {
      const endAt = (this.endAt = new Float64Array(n).fill(Infinity));
      for (let i = 0; i < n; i++) if (fixed[i]) endAt[i] = pods.arrival[i] + pods.duration[i];
    }
    this.ranOn = new Uint8Array(n);
    this.firstStart = new Uint8Array(n);
    this.waits = new WaitLedger(n, recorder.horizon);
  }

  /** The pod has not been Running yet (its pending time is still running). */
  notYetRunning(pod: number): boolean {
    return this.firstRunningAt[pod] !== this.firstRunningAt[pod];
  }

  /**
   * A pod bound or launched now will be Running at `runningAt` (its sandbox and image pull are
   * known now): records that change in advance (the recorder takes changes at any time), so no
   * event is needed for it. When the pod finishes (the only event left to schedule) is then in
   * `finishAt[pod]`. The first start also ends the pod's pending time.
   */
  runFrom(pod: number, runningAt: number, where: 1 | 2): void {
    this.state[pod] = POD.started;
    this.runningAt[pod] = runningAt;
    const r = this.recorder;
    r.at(runningAt);
    const first = this.firstRunningAt[pod] !== this.firstRunningAt[pod];
    if (first) {
      this.firstRunningAt[pod] = runningAt;
      this.ranOn[pod] = where;
      r.add(LEVEL.pending, -1);
    }
    this.firstStart[pod] = first ? 1 : 0;
    r.add(LEVEL.running, 1);
    let finish = runningAt + this.remaining[pod];
    // A pod whose job ends at a set time (its session) stops then, however late it started; one
    // that only gets Running after that end stops as it starts.
    const endAt = this.endAt;
    if (endAt !== undefined && finish > endAt[pod]) finish = endAt[pod] > runningAt ? endAt[pod] : runningAt;
    this.finishAt[pod] = finish;
  }

  /**
   * The pod stops now (evicted): if it was running, it still owes the rest of its run; if it was
   * still starting, the Running recorded in advance by `runFrom` never happens and is taken back.
   */
  stop(pod: number, now: number): void {
    const r = this.recorder;
    if (this.runningAt[pod] <= now) {
      this.remaining[pod] = this.finishAt[pod] - now;
      r.at(now);
      r.add(LEVEL.running, -1);
    } else {
      r.at(this.runningAt[pod]);
      r.add(LEVEL.running, -1);
      if (this.firstStart[pod]) {
        this.waits.interrupt(pod, now, this.runningAt[pod]);
        r.add(LEVEL.pending, 1);
        this.firstRunningAt[pod] = NaN;
        this.ranOn[pod] = 0;
      }
    }
  }

  markUnschedulable(pod: number, now: number): void {
    this.state[pod] = POD.unschedulable;
    this.node[pod] = NOWHERE;
    this.unschedulable++;
    this.waits.waitFor(pod, CAUSE.unschedulable, now);
    this.recorder.change(now, LEVEL.pending, -1);
  }
}
