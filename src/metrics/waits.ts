/**
 * Why pods waited: every second a pod spends between its arrival and its first Running (or the
 * horizon, for a pod that never starts) is charged to exactly one cause, so that per strategy the
 * seconds by cause add up to the total pending seconds (test/metrics/waits.property.test.ts).
 *
 * How a model uses it (`cluster.waits`, one ledger per strategy run; every call is O(1) except a
 * binary search over the scan times, and none scans pods):
 * - a pod that starts waiting for something new: `waitFor(pod, cause, at)` ends whatever it was
 *   waiting for at `at` and opens `cause` from then on (e.g. `waitFor(pod, CAUSE.interruption, t)`
 *   for a pod put back to pending by a spot interruption, `CAUSE.unschedulable` for one that
 *   fits nowhere). An open wait is charged when the pod's next call comes, or at the horizon.
 * - a stretch of time known in advance, or known only once it is over: `charge(cause, from, to)`
 *   (clipped to the horizon). A model that charges a pod's time this way must leave the pod's
 *   own state closed over that stretch (`close(pod, at)` first): the ledger does not check.
 * - node pool: `queue(pod, at)` when a pod joins the pool's pending queue; `blockedByLimit(pod, at)`
 *   when a node limit (maxNodes, maxNodesTotal, a Karpenter limit) stopped a scale-up for it
 *   (the results' `limits` count the pods and the `limit` seconds per limit, see `byLimit`);
 *   `scanned(at)` from whatever decides scale-ups (cluster-autoscaler each scan; a Karpenter
 *   batch when it closes); `startOnNode(pod, at, sandboxDone, running)` when it is bound.
 *   A queued pod's time is split when it leaves the queue: until the first scan at or after it
 *   joined: `nextScan`; from then on `provisioning`; from the first scan a limit blocked it on:
 *   `limit` (the rest of its wait is the limit's: without it, it would have had a node then).
 *   In a pool nothing scales (`hasScaler` false), the whole queued time is `limit` (fixed size).
 *   h-pipeline: to split `provisioning` by node stage, charge the stages yourself from the bound
 *   node's stage times in `leaveQueue`'s place (see `splitQueued`).
 * - `overflow(pod, at)`: the overflow policy's timeout moved the pod on; its whole queued time
 *   is `overflowTimeout` (the pod would have waited less with a shorter timeout, whatever the
 *   nodes were doing meanwhile).
 * - serverless: `launchServerless(pod, at, launchAt, pullStart, running)`: throttled by the launch
 *   limit until `launchAt`, sandbox creation until `pullStart`, image pull until `running`.
 * - a pod stopped before its first Running (cluster-autoscaler drained its node while it was
 *   starting): `interrupt(pod, at, running)` takes back the start charged in advance (`startOnNode`, or
 *   `launchServerless` for a preemptible pod reclaimed while it starts) and charges the time it had spent starting as
 *   `interruption`; its next start is charged as usual.
 * - warm headroom: a pod bound by preempting placeholder pods waits `preemption` from its binding
 *   until the victims are gone (`close(pod, now)`, then `charge(CAUSE.preemption, now, startAt)`).
 * - `settle()` at the end (summarize) charges every wait still open to the horizon.
 *
 * Memory: two bytes and two doubles per pod.
 */
import { replaceable } from '../sim/replaceable.ts';

/** The causes, in the order the results list them (JSON keys of `waits.byCause`). */
export const WAIT_CAUSES = [
  'nextScan',
  'provisioning',
  'limit',
  'overflowTimeout',
  'launchThrottle',
  'sandbox',
  'imagePull',
  'unschedulable',
  'interruption',
  'preemption',
] as const;
export type WaitCause = (typeof WAIT_CAUSES)[number];

export const CAUSE = {
  nextScan: 0,
  provisioning: 1,
  limit: 2,
  overflowTimeout: 3,
  launchThrottle: 4,
  sandbox: 5,
  imagePull: 6,
  unschedulable: 7,
  interruption: 8,
  preemption: 9,
} as const satisfies Record<WaitCause, number>;
export type CauseId = (typeof CAUSE)[WaitCause];

/**
 * The node limits that can stop a scale-up (`limits` in the results): the pool's `maxNodes`,
 * cluster-autoscaler's `maxNodesTotal`, a Karpenter NodePool's cpu and memory limits.
 */
export const NODE_LIMITS = ['maxNodes', 'maxNodesTotal', 'nodePoolCpu', 'nodePoolMemoryGiB'] as const;
export type NodeLimitName = (typeof NODE_LIMITS)[number];
const LIMIT_ID: Record<NodeLimitName, number> = { maxNodes: 1, maxNodesTotal: 2, nodePoolCpu: 3, nodePoolMemoryGiB: 4 };
/** `limitOf` bit: the pod is counted in `limitPods` already (once per pod, however often it waits). */
const COUNTED = 0x80;

/**
 * The `provisioning` cause split by what the pod's node was going through (JSON keys of
 * `waits.provisioningByStage`), for a pod bound to a node; the stages end at the node's
 * NODE_STAGE_EDGES times (NodePool.stageTimes):
 * - awaitingScaleUp: before the scale-up decision that asked for its node (a node group backed off,
 *   Karpenter's batch window, pods ahead of it);
 * - autoscalerLoop: the decision until the request left cluster-autoscaler (its loop time);
 * - nodeGroupReaction: until the node group started launching (ASG / MIG reaction);
 * - nodeGroupLaunchRate: waiting for the node group's launch throughput;
 * - cloudApiBucket: waiting for the cloud's instance-creation bucket (EC2 RunInstances);
 * - nodeStartup: create call, boot, kubelet registration, Ready;
 * - roomOnReadyNode: after its node was Ready (room freed later on a node that was already up);
 * and notBound: a pod that left the queue without a node (the horizon, another resource).
 */
export const PROVISIONING_STAGES = [
  'awaitingScaleUp',
  'autoscalerLoop',
  'nodeGroupReaction',
  'nodeGroupLaunchRate',
  'cloudApiBucket',
  'nodeStartup',
  'roomOnReadyNode',
  'notBound',
] as const;
export type ProvisioningStage = (typeof PROVISIONING_STAGES)[number];

/** A node's stage edges: decision, request left, group started, group rate passed, create granted, Ready. */
export const NODE_STAGE_EDGES = 6;
const NOT_BOUND = PROVISIONING_STAGES.length - 1;

/** Per-pod state byte: nothing open, queued on the node pool, starting on a node, or OPEN + cause. */
const NONE = 0;
const QUEUED = 1;
const STARTING = 2;
const OPEN = 16;

export class WaitLedger {
  /** Seconds charged to each cause so far (index: CAUSE). */
  readonly seconds = new Float64Array(WAIT_CAUSES.length);
  /** The provisioning seconds by stage (index: PROVISIONING_STAGES); they add up to seconds[provisioning]. */
  readonly provisioningSeconds = new Float64Array(PROVISIONING_STAGES.length);
  /** The node `boundPod` is being bound to: its stage edges at `boundEdges[boundAt ...]` (see `bindingTo`). */
  private boundEdges: Float64Array<ArrayBufferLike> = new Float64Array(NODE_STAGE_EDGES);
  private boundAt = 0;
  private boundPod = -1;
  /**
   * The `limit` seconds by which node limit blocked the pods (index: LIMIT_ID), and how many
   * pods each held back: the results' `limits` read these, so that the limit sentences and the
   * wait breakdown give the same pod-seconds.
   */
  readonly limitSeconds = new Float64Array(NODE_LIMITS.length + 1);
  readonly limitPods = new Float64Array(NODE_LIMITS.length + 1);
  /** Something scales the node pool up (cluster-autoscaler, Karpenter): queued pods wait for its scan. */
  hasScaler = false;
  private readonly state: Uint8Array;
  /** When the pod's open state began (queued, starting, or the open cause). */
  private readonly since: Float64Array;
  /** Queued: when a node limit first blocked it (Infinity: not yet). Starting: its sandbox end. */
  private readonly mark: Float64Array;
  /** The limit that first blocked the queued pod (LIMIT_ID, 0: none), plus COUNTED. */
  private readonly limitOf: Uint8Array;
  /** Times of the scale-up decisions so far, ascending. */
  private scans = new Float64Array(256);
  private scanCount = 0;
  private settled = false;

  constructor(
    podCount: number,
    readonly horizon: number,
  ) {
    this.state = new Uint8Array(podCount);
    this.since = new Float64Array(podCount);
    this.mark = new Float64Array(podCount);
    this.limitOf = new Uint8Array(podCount);
    this.scans = replaceable(this.scans);
  }

  /**
   * Adds [from, to) to `cause`, the part before the horizon only. It returns nothing: a double
   * returned from a call V8 does not inline is boxed (a heap allocation), even if unused.
   *
   * Times are clipped with Math.min, here and below, not with `t < h ? t : h`: a time that came in
   * as an argument of a call V8 did not inline is a tagged value, and a conditional choosing
   * between it and a double read from a typed array made V8 box that double (a heap allocation
   * per pod start: about 50 MB per 1M-pod replay); Math.min's result stays a plain double.
   */
  charge(cause: CauseId, from: number, to: number): void {
    const h = this.horizon;
    const a = Math.min(from, h);
    const b = Math.min(to, h);
    if (b > a) this.seconds[cause] += b - a;
  }

  /** Takes back what `charge(cause, from, to)` added. */
  private uncharge(cause: CauseId, from: number, to: number): void {
    const h = this.horizon;
    const a = Math.min(from, h);
    const b = Math.min(to, h);
    if (b > a) this.seconds[cause] -= b - a;
  }

  /** Ends whatever the pod was waiting for, at `at` (charging it); the pod is then not waiting. */
  close(pod: number, at: number): void {
    const s = this.state[pod];
    if (s === NONE) return;
    if (s === QUEUED) this.splitQueued(pod, at);
    else if (s >= OPEN) this.charge((s - OPEN) as CauseId, this.since[pod], at);
    this.state[pod] = NONE;
  }

  /** From `at` on, the pod waits for `cause` (what it waited for before ends at `at`). */
  waitFor(pod: number, cause: CauseId, at: number): void {
    this.close(pod, at);
    this.state[pod] = OPEN + cause;
    this.since[pod] = at;
  }

  // ---- node pool ---------------------------------------------------------------------------

  /** A scale-up decision (cluster-autoscaler scan, Karpenter batch) at `at`; times never decrease. */
  scanned(at: number): void {
    if (this.scanCount === this.scans.length) {
      const next = new Float64Array(this.scans.length * 2);
      next.set(this.scans);
      this.scans = next;
    }
    this.scans[this.scanCount++] = at;
  }

  /** The first scale-up decision at or after `t` (Infinity: none yet). */
  private firstScanFrom(t: number): number {
    const s = this.scans;
    let lo = 0;
    let hi = this.scanCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.scanCount ? s[lo] : Infinity;
  }

  /** The pod joins the node pool's pending queue at `at`. */
  queue(pod: number, at: number): void {
    this.close(pod, at);
    this.state[pod] = QUEUED;
    this.since[pod] = at;
    this.mark[pod] = Infinity;
  }

  /** `limit` stopped a scale-up that would have given the queued pod a node, at `at`. */
  blockedByLimit(pod: number, at: number, limit: NodeLimitName): void {
    if (this.state[pod] === QUEUED && at < this.mark[pod]) {
      this.mark[pod] = at;
      this.limitOf[pod] = (this.limitOf[pod] & COUNTED) | LIMIT_ID[limit];
    }
  }

  /**
   * The node pool is binding `pod` to a node whose NODE_STAGE_EDGES times are `times[at ...]`, so
   * that the pod's provisioning wait, charged when its queued state closes, is split by stage.
   * Good for that pod's next close only (read then, not copied: `times` must not change before).
   */
  bindingTo(pod: number, times: Float64Array, at: number): void {
    this.boundPod = pod;
    this.boundEdges = times;
    this.boundAt = at;
  }

  /** Charges [from, to) to provisioning, split by the bound node's stages (or notBound). */
  private chargeProvisioning(pod: number, from: number, to: number): void {
    const h = this.horizon;
    const a = Math.min(from, h);
    const b = Math.min(to, h);
    if (!(b > a)) return;
    this.seconds[CAUSE.provisioning] += b - a;
    const byStage = this.provisioningSeconds;
    if (this.boundPod !== pod) {
      byStage[NOT_BOUND] += b - a;
      return;
    }
    // Stage k ends at edge k (the first has no start, the last after Ready no end).
    const edges = this.boundEdges;
    const at = this.boundAt;
    let t = a;
    for (let k = 0; k < NODE_STAGE_EDGES && t < b; k++) {
      const edge = edges[at + k];
      const end = edge < b ? edge : b;
      if (end > t) {
        byStage[k] += end - t;
        t = end;
      }
    }
    if (b > t) byStage[NODE_STAGE_EDGES] += b - t;
  }

  /** Charges a queued pod's time up to `at`: next scan, then provisioning, then the limit. */
  private splitQueued(pod: number, at: number): void {
    const from = this.since[pod];
    if (!this.hasScaler) {
      this.charge(CAUSE.limit, from, at);
      return;
    }
    const limitFrom = this.mark[pod] > from ? this.mark[pod] : from;
    let scan = this.firstScanFrom(from);
    if (scan > limitFrom) scan = limitFrom;
    this.charge(CAUSE.nextScan, from, Math.min(scan, at));
    if (scan < at) this.chargeProvisioning(pod, scan, Math.min(limitFrom, at));
    if (limitFrom < at) this.chargeLimit(pod, limitFrom, at);
  }

  /** [from, to) of a queued pod's wait on the limit that blocked it (before the horizon). */
  private chargeLimit(pod: number, from: number, to: number): void {
    // `charge`, keeping the seconds added.
    const h = this.horizon;
    const added = Math.min(to, h) - Math.min(from, h);
    if (!(added > 0)) return;
    this.seconds[CAUSE.limit] += added;
    const l = this.limitOf[pod];
    const id = l & ~COUNTED;
    this.limitSeconds[id] += added;
    if (!(l & COUNTED)) {
      this.limitPods[id]++;
      this.limitOf[pod] = l | COUNTED;
    }
  }

  /**
   * Pods and pending seconds each named limit held back, charged as `limit` in `byCause` (call
   * after `settle`). A pod counts once, under the first limit that blocked it.
   */
  byLimit(): Partial<Record<NodeLimitName, { podsWaited: number; podSeconds: number }>> {
    const out: Partial<Record<NodeLimitName, { podsWaited: number; podSeconds: number }>> = {};
    for (const name of NODE_LIMITS) {
      const id = LIMIT_ID[name];
      if (this.limitPods[id] > 0) out[name] = { podsWaited: this.limitPods[id], podSeconds: this.limitSeconds[id] };
    }
    return out;
  }

  /** The overflow policy's timeout moves a queued pod on at `at`: its queued time is the timeout's. */
  overflow(pod: number, at: number): void {
    if (this.state[pod] === QUEUED) {
      this.charge(CAUSE.overflowTimeout, this.since[pod], at);
      this.state[pod] = NONE;
    } else {
      this.close(pod, at);
    }
  }

  /** Bound to a node at `at`: sandbox until `sandboxDone`, then the image until `running`. */
  startOnNode(pod: number, at: number, sandboxDone: number, running: number): void {
    this.close(pod, at);
    this.boundPod = -1;
    this.charge(CAUSE.sandbox, at, sandboxDone);
    this.charge(CAUSE.imagePull, sandboxDone, running);
    this.state[pod] = STARTING;
    this.since[pod] = at;
    this.mark[pod] = sandboxDone;
  }

  /**
   * The pod's first start stops at `at`, before `running` (its node drained or lost): the start
   * charged in advance from `at` on is taken back, the time it spent starting is `interruption`.
   */
  interrupt(pod: number, at: number, running: number): void {
    if (this.state[pod] !== STARTING) return;
    const from = this.since[pod];
    const sandboxDone = this.mark[pod];
    // Stopped before its launch token came (serverless): the throttled time after `at` goes too.
    if (at < from) this.uncharge(CAUSE.launchThrottle, at, from);
    this.uncharge(CAUSE.sandbox, from, sandboxDone);
    this.uncharge(CAUSE.imagePull, sandboxDone, running);
    this.charge(CAUSE.interruption, from, at);
    this.state[pod] = NONE;
  }

  // ---- serverless --------------------------------------------------------------------------

  /** Launch asked for at `at`, token at `launchAt`, sandbox until `pullStart`, image until `running`. */
  launchServerless(pod: number, at: number, launchAt: number, pullStart: number, running: number): void {
    this.close(pod, at);
    this.charge(CAUSE.launchThrottle, at, launchAt);
    this.charge(CAUSE.sandbox, launchAt, pullStart);
    this.charge(CAUSE.imagePull, pullStart, running);
    // A preemptible serverless pod can be reclaimed while it starts: `interrupt` takes this back.
    this.state[pod] = STARTING;
    this.since[pod] = launchAt;
    this.mark[pod] = pullStart;
  }

  // ---- results -----------------------------------------------------------------------------

  /** Charges every wait still open up to the horizon (once; later calls do nothing). */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    const h = this.horizon;
    const state = this.state;
    // A start was charged in full when it began: closing it would only clear its state byte.
    for (let pod = 0; pod < state.length; pod++) if (state[pod] !== NONE && state[pod] !== STARTING) this.close(pod, h);
  }

  /** Provisioning seconds by stage, every stage present (0 when none); they add up to byCause().provisioning. */
  provisioningByStage(): Record<ProvisioningStage, number> {
    const out = {} as Record<ProvisioningStage, number>;
    PROVISIONING_STAGES.forEach((k, i) => (out[k] = this.provisioningSeconds[i]));
    return out;
  }

  /** Seconds by cause, every cause present (0 when none). */
  byCause(): Record<WaitCause, number> {
    const out = {} as Record<WaitCause, number>;
    WAIT_CAUSES.forEach((c, i) => (out[c] = this.seconds[i]));
    return out;
  }
}
