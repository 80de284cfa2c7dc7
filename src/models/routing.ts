import type { Overflow } from '../scenario/strategy.ts';
import { POD, PRIORITY, type Cluster } from './cluster.ts';
import type { NodePool } from './nodePool.ts';
import type { Serverless } from './serverless.ts';
import { DeadlineQueue } from './deadlineQueue.ts';

type Target = 'nodes' | 'serverless';
interface UnitRule {
  resource: Target;
  max: number;
}

/**
 * Decides where each arriving pod goes, in the words of the products it models:
 * - nodes only: the pod waits on the pool until cluster-autoscaler makes room;
 * - serverless only: every pod is a serverless pod;
 * - normalNodePrefer (ACK eci-profile): a Ready node if one has room now, else the virtual node.
 *   The pod never waits, so cluster-autoscaler never sees it pending and does not scale up;
 * - resourcePolicy (ACK ResourcePolicy): ordered units, each with an optional max pod count; with
 *   TimeoutOrExceedMax a pod pending on the node unit for `timeout` moves to the next unit, and
 *   until then cluster-autoscaler sees it and scales the pool;
 * - class selectors pin classes to one side first (Fargate profile, alibabacloud.com/eci label).
 */
export class Routing {
  private readonly units: UnitRule[];
  private readonly timeout: number;
  private readonly pinned: Int8Array;
  private readonly kTimeout: number;
  private readonly preferNodesNow: boolean;
  /**
   * Unit a pending pod moves to when its timeout fires: kept per pod only with three units or
   * more (with two, a pod can only wait on the first and move to the second; a per-pod array is
   * 1 MB of fresh memory at 1M pods).
   */
  private readonly nextUnit: Uint8Array | undefined;
  /**
   * Pods waiting for their timeout, oldest first: every timeout has the same length, so the order
   * they started waiting is the order they time out. One event at a time sweeps the queue (at the
   * head's deadline) instead of one event per pod.
   */
  private readonly timeouts = new DeadlineQueue();
  private sweepPending = false;
  /** The sweep's kernel stream: at most one sweep is pending, and it schedules the next (see Kernel.openStream). */
  private readonly sweeps: number;

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: NodePool | undefined,
    private readonly serverless: Serverless | undefined,
    overflow: Overflow | undefined,
    classSelectors: ReadonlyArray<{ classes: string[]; target: Target }>,
  ) {
    this.preferNodesNow = overflow?.policy === 'normalNodePrefer';
    if (pool && serverless && overflow?.policy === 'resourcePolicy') {
      this.units = overflow.units.map((u) => ({ resource: u.resource, max: u.max ?? Infinity }));
      this.timeout = overflow.whenTryNextUnits.policy === 'TimeoutOrExceedMax' ? overflow.whenTryNextUnits.timeout : Infinity;
    } else if (pool && serverless) {
      this.units = [
        { resource: 'nodes', max: Infinity },
        { resource: 'serverless', max: Infinity },
      ];
      this.timeout = Infinity;
    } else {
      this.units = [{ resource: pool ? 'nodes' : 'serverless', max: Infinity }];
      this.timeout = Infinity;
    }
    // Per class: -1 no pin, else index of the unit list to use alone (0 nodes, 1 serverless).
    const names = cluster.pods.classNames;
    this.pinned = new Int8Array(names.length).fill(-1);
    for (const sel of classSelectors) {
      for (const name of sel.classes) {
        const i = names.indexOf(name);
        if (i >= 0) this.pinned[i] = sel.target === 'nodes' ? 0 : 1;
      }
    }
    this.nextUnit = this.timeout < Infinity && this.units.length > 2 ? new Uint8Array(cluster.pods.count) : undefined;
    this.kTimeout = cluster.kernel.on('pendingTimeouts', () => this.sweepTimeouts());
    this.sweeps = this.timeout < Infinity ? cluster.kernel.openStream() : -1;
  }

  /** Routes a pod that just arrived. */
  arrive(pod: number, now: number): void {
    const pin = this.pinned[this.cluster.pods.cls[pod]];
    if (pin === 0 && this.pool) return this.toNodes(pod, now);
    if (pin === 1 && this.serverless) return this.serverless.submit(pod, now);
    this.tryUnit(pod, 0, now);
  }

  private tryUnit(pod: number, u: number, now: number): void {
    const units = this.units;
    if (u >= units.length) {
      // Every unit is at its max: wait on the last node unit like a plain pending pod.
      const last = units[units.length - 1];
      if (last.resource === 'nodes' && this.pool) return this.toNodes(pod, now);
      if (this.serverless) return this.serverless.submit(pod, now);
      return this.cluster.markUnschedulable(pod, now);
    }
    const unit = units[u];
    const hasNext = u + 1 < units.length;
    if (unit.resource === 'serverless') {
      const s = this.serverless as Serverless;
      if ((s.active >= unit.max || !s.fits(pod)) && hasNext) return this.tryUnit(pod, u + 1, now);
      // No serverless size fits it, but a node does: it keeps waiting on the node pool rather
      // than being dropped as unschedulable (it came here by timeout from a node unit).
      if (!s.fits(pod) && this.pool && this.pool.fitsSomeShape(pod)) return this.toNodes(pod, now);
      return s.submit(pod, now);
    }
    const pool = this.pool as NodePool;
    if (pool.bound >= unit.max || !pool.fitsSomeShape(pod)) {
      if (hasNext) return this.tryUnit(pod, u + 1, now);
      if (!pool.fitsSomeShape(pod)) return this.cluster.markUnschedulable(pod, now);
    }
    if (pool.tryBind(pod, now)) return;
    if (hasNext && this.preferNodesNow) return this.tryUnit(pod, u + 1, now);
    pool.enqueuePending(pod);
    if (hasNext && this.timeout < Infinity) {
      if (this.nextUnit) this.nextUnit[pod] = u + 1;
      this.timeouts.push(pod, now + this.timeout);
      if (!this.sweepPending) {
        this.sweepPending = true;
        this.cluster.kernel.scheduleStream(this.sweeps, now + this.timeout, this.kTimeout, 0, PRIORITY.timeout);
      }
    }
  }

  private toNodes(pod: number, now: number): void {
    const pool = this.pool as NodePool;
    if (!pool.fitsSomeShape(pod)) return this.cluster.markUnschedulable(pod, now);
    if (!pool.tryBind(pod, now)) pool.enqueuePending(pod);
  }

  /**
   * Moves the pods whose timeout is due to their next unit (those scheduled meanwhile are skipped;
   * a pod leaves the node queue only once, to a node, to serverless or to its next unit).
   * Exactly as one timeout event per pod would: if handling one pod leaves another event due at
   * this instant, the sweep yields to it and resumes right after (a timeout is the only event of
   * its priority, so nothing else can come between).
   */
  private sweepTimeouts(): void {
    const k = this.cluster.kernel;
    const now = k.now;
    const q = this.timeouts;
    while (q.size > 0 && q.headDeadline <= now) {
      const pod = q.shift();
      if (this.cluster.state[pod] === POD.pendingNodes) {
        (this.pool as NodePool).removePending(pod);
        this.cluster.waits.overflow(pod, now);
        this.tryUnit(pod, this.nextUnit ? this.nextUnit[pod] : 1, now);
      }
      if (q.size > 0 && q.headDeadline <= now && k.peek() <= now) break;
    }
    // Pods already scheduled elsewhere never wait on nodes again: their timeouts need no event.
    while (q.size > 0 && this.cluster.state[q.headPod] !== POD.pendingNodes) q.shift();
    this.sweepPending = q.size > 0;
    if (this.sweepPending) k.scheduleStream(this.sweeps, q.headDeadline, this.kTimeout, 0, PRIORITY.timeout);
  }
}
