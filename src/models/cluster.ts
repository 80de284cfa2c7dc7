import type { Kernel } from '../sim/kernel.ts';
import type { Random } from '../sim/random.ts';
import type { PodTable } from '../workload/podTable.ts';
import { LEVEL, type Recorder } from '../metrics/recorder.ts';
import { CAUSE, WaitLedger } from '../metrics/waits.ts';
import { replaceable } from '../sim/replaceable.ts';

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

/** `Cluster.flags` bits: where the pod first ran (the low two bits: 0 not yet, 1 node, 2 serverless). */
export const RAN_ON = 3;
export const RAN_ON_NODE = 1;
export const RAN_ON_SERVERLESS = 2;
/** The current start is the pod's first (it ends the pod's pending time). */
const FIRST_START = 4;
/** The pod has been stopped before: its current run's times are in the side record (`Cluster.side`). */
const RESTARTED = 8;
/** The pod was stopped (or started again) at least once: its finish events may be stale. */
const STOPPED = 16;
/** Side record layout, per restarted pod: when the current start is Running, run time still owed, when it ends. */
const S_RUNNING = 0;
const S_REMAINING = 1;
const S_FINISH = 2;
const S_STRIDE = 3;

/**
 * The state every model shares for one strategy run: the kernel, the pods (struct-of-arrays,
 * indexed like the PodTable) and the metrics recorder.
 *
 * Memory: 14 bytes per pod (state, node, firstRunningAt, flags), every one of them written in a
 * replay, plus 24 bytes per pod that was ever stopped. Fresh memory is dear (its first touch
 * costs about 3 ms per MB on the bench VM), so what can be derived is not stored: a pod that has
 * never been stopped (almost all of them) is Running from `firstRunningAt`, still owes its whole
 * duration and finishes at `firstRunningAt + duration` (or at its fixed end); only a stopped
 * pod, which restarts with less to run, keeps its own times, in a side record.
 */
export class Cluster {
  readonly state: Uint8Array;
  readonly node: Int32Array;
  /** When the pod first reached Running (NaN before). */
  readonly firstRunningAt: Float64Array;
  /** Per pod: where it first ran (`flags[pod] & RAN_ON`: RAN_ON_NODE, RAN_ON_SERVERLESS) and bookkeeping bits. */
  readonly flags: Uint8Array;
  /** Restarted pod -> the index of its side record in `side` (see RESTARTED). */
  private readonly sideOf = new Map<number, number>();
  private side = new Float64Array(S_STRIDE * 64);
  private sideCount = 0;
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
    this.flags = new Uint8Array(n);
    this.waits = new WaitLedger(n, recorder.horizon);
    this.side = replaceable(this.side);
  }

  /** The pod has not been Running yet (its pending time is still running). */
  notYetRunning(pod: number): boolean {
    return this.firstRunningAt[pod] !== this.firstRunningAt[pod];
  }

  /** When the pod's current start is (or was to be) Running. */
  runningAt(pod: number): number {
    return this.flags[pod] & RESTARTED ? this.side[this.sideIndex(pod) + S_RUNNING] : this.firstRunningAt[pod];
  }

  /** Run time the pod still owed when its current start began (its duration, unless it was stopped before). */
  remaining(pod: number): number {
    return this.flags[pod] & RESTARTED ? this.side[this.sideIndex(pod) + S_REMAINING] : this.pods.duration[pod];
  }

  /** When the pod's current run ends (what its finish event is scheduled at). */
  finishAt(pod: number): number {
    if (this.flags[pod] & RESTARTED) return this.side[this.sideIndex(pod) + S_FINISH];
    return this.endOf(pod, this.firstRunningAt[pod], this.pods.duration[pod]);
  }

  /**
   * A finish event of the pod's fires now: is it its current run's end? One scheduled before the
   * pod was stopped is stale (the pod runs again with a later finish, or waits). A pod never
   * stopped has had one run and one finish event, so that needs no times (only a stopped pod's
   * are read: fewer cache misses per finish).
   */
  finishesNow(pod: number, now: number): boolean {
    if (this.state[pod] !== POD.started) return false;
    return !(this.flags[pod] & STOPPED) || this.finishAt(pod) === now;
  }

  /** Sets the run time the pod owes from its next start on (an interruption keeps its last checkpoint). */
  owe(pod: number, seconds: number): void {
    this.side[this.restart(pod) + S_REMAINING] = seconds;
  }

  /**
   * A run from `runningAt` owing `remaining` seconds ends then, or at the pod's fixed end: a pod
   * whose job ends at a set time (its session) stops then, however late it started; one that only
   * gets Running after that end stops as it starts.
   */
  private endOf(pod: number, runningAt: number, remaining: number): number {
    const finish = runningAt + remaining;
    const fixed = this.pods.fixedEnd;
    if (fixed !== undefined && fixed[pod]) {
      const endAt = this.pods.arrival[pod] + this.pods.duration[pod];
      // Math.max, not a conditional with the argument `runningAt`: that would make V8 box every
      // finish this returns, also `finish` below (a heap allocation per pod start).
      if (finish > endAt) return Math.max(endAt, runningAt);
    }
    return finish;
  }

  private sideIndex(pod: number): number {
    return this.sideOf.get(pod) as number;
  }

  /** The pod's side record (made on its first stop, holding the times it had until then); returns its index. */
  private restart(pod: number): number {
    if (this.flags[pod] & RESTARTED) return this.sideIndex(pod);
    if (this.sideCount * S_STRIDE === this.side.length) {
      const next = new Float64Array(this.side.length * 2);
      next.set(this.side);
      this.side = next;
    }
    const at = S_STRIDE * this.sideCount++;
    const running = this.firstRunningAt[pod];
    const duration = this.pods.duration[pod];
    this.side[at + S_RUNNING] = running;
    this.side[at + S_REMAINING] = duration;
    this.side[at + S_FINISH] = this.endOf(pod, running, duration);
    this.sideOf.set(pod, at);
    this.flags[pod] |= RESTARTED | STOPPED;
    return at;
  }

  /**
   * A pod bound or launched now will be Running at `runningAt` (its sandbox and image pull are
   * known now): records that change in advance (the recorder takes changes at any time), so no
   * event is needed for it. Returns when the pod finishes (the only event left to schedule; also
   * `finishAt(pod)` until it stops). The first start also ends the pod's pending time.
   */
  runFrom(pod: number, runningAt: number, where: 1 | 2): number {
    const flags = this.flags[pod];
    // The rare cases apart, so that V8 inlines the common path into its callers: a double passed
    // to or returned from a call it does not inline is boxed (a heap allocation per pod). For the
    // same reason the rare path's finish is read from the side record (a double), not returned.
    if (flags & RESTARTED || !this.notYetRunning(pod)) {
      this.runAgainFrom(pod, runningAt, where);
      return this.side[this.sideIndex(pod) + S_FINISH];
    }
    // A first start, never stopped before (almost every pod): no side record to keep.
    this.state[pod] = POD.started;
    this.firstRunningAt[pod] = runningAt;
    this.flags[pod] = (flags & ~RAN_ON) | where | FIRST_START;
    const r = this.recorder;
    r.at(runningAt);
    r.add(LEVEL.pending, -1);
    r.add(LEVEL.running, 1);
    return this.endOf(pod, runningAt, this.pods.duration[pod]);
  }

  /**
   * `runFrom` for a pod started before or stopped before: it has a side record (or gets one: a
   * first start without one is `runFrom`'s), which keeps its Running and finish.
   */
  private runAgainFrom(pod: number, runningAt: number, where: 1 | 2): void {
    this.state[pod] = POD.started;
    const r = this.recorder;
    r.at(runningAt);
    const first = this.firstRunningAt[pod] !== this.firstRunningAt[pod];
    let flags = this.flags[pod];
    if (first) {
      this.firstRunningAt[pod] = runningAt;
      flags = (flags & ~RAN_ON) | where;
      r.add(LEVEL.pending, -1);
    } else if (!(flags & RESTARTED)) {
      // Started again without a stop (not done by any model today): keep its own times from now on.
      this.restart(pod);
      flags = this.flags[pod];
    }
    this.flags[pod] = first ? flags | FIRST_START : flags & ~FIRST_START;
    r.add(LEVEL.running, 1);
    const at = this.sideIndex(pod);
    this.side[at + S_RUNNING] = runningAt;
    this.side[at + S_FINISH] = this.endOf(pod, runningAt, this.side[at + S_REMAINING]);
  }

  /**
   * The pod stops now (evicted): if it was running, it still owes the rest of its run; if it was
   * still starting, the Running recorded in advance by `runFrom` never happens and is taken back.
   */
  stop(pod: number, now: number): void {
    const r = this.recorder;
    this.flags[pod] |= STOPPED;
    const runningAt = this.runningAt(pod);
    if (runningAt <= now) {
      const at = this.restart(pod);
      this.side[at + S_REMAINING] = this.side[at + S_FINISH] - now;
      r.at(now);
      r.add(LEVEL.running, -1);
    } else {
      r.at(runningAt);
      r.add(LEVEL.running, -1);
      if (this.flags[pod] & FIRST_START) {
        this.waits.interrupt(pod, now, runningAt);
        r.add(LEVEL.pending, 1);
        this.firstRunningAt[pod] = NaN;
        this.flags[pod] &= ~RAN_ON;
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
