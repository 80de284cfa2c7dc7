import type { ClusterAutoscaler as AutoscalerConfig } from '../scenario/strategy.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import { Random } from '../sim/random.ts';
import { binpack } from './binpackingEstimator.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import { DeadlineQueue } from './deadlineQueue.ts';
import { NODE, type NodePool } from './nodePool.ts';
import { TimedSlots } from './timedSlots.ts';

/** The node limits that can leave pods waiting: the pool's maxNodes and cluster-autoscaler's max-nodes-total. */
export type NodeLimit = 'maxNodes' | 'maxNodesTotal';

/**
 * cluster-autoscaler's main loop, every scanInterval:
 * - scale-up: pending pods that do not fit on nodes already being provisioned are bin-packed onto
 *   new nodes of each shape; the expander picks a shape; the request is capped by maxNodes,
 *   maxNodesTotal and maxNodesPerScaleUp.
 * - scale-down (not in a loop that scaled up): nodes under the utilization threshold whose pods
 *   could all move to other nodes are unneeded; after scaleDownUnneededTime of being so, and not
 *   within scaleDownDelayAfterAdd of a scale-up, they are removed, empty ones first (up to
 *   maxScaleDownParallelism per loop), non-empty ones by draining their pods to other nodes (up to
 *   maxDrainParallelism per loop), never below minNodes.
 */
export class ClusterAutoscaler {
  lastScaleUp = -Infinity;
  scaleUps = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: NodePool,
    private readonly config: AutoscalerConfig,
    /** The pool's minimum size; a scheduled action (scheduledMinimum.ts) changes it. */
    public minNodes: number,
    private readonly maxNodes: number,
    private readonly rng: Random,
  ) {
    // Drain times from a stream of their own, so they do not shift the expander's random picks.
    this.drainDuration = new DelaySampler(config.drainDuration, new Random(rng.uint32(), 11));
    this.backoffUntil = pool.shapes.map(() => -Infinity);
    this.backoffDuration = pool.shapes.map(() => 0);
    this.requestOpen = pool.shapes.map(() => false);
    this.lastProvisionFailure = pool.shapes.map(() => -Infinity);
    pool.onProvisionFailed = (s, now) => this.backOff(s, now);
    this.limitValues = { maxNodes, maxNodesTotal: config.maxNodesTotal };
    cluster.waits.hasScaler = true;
    this.onBlocked = (pod) => cluster.waits.blockedByLimit(pod, cluster.kernel.now, this.blocking);
    const k = cluster.kernel;
    const kind = k.on('autoscalerScan', () => this.scan());
    this.kScan = kind;
    k.schedule(0, kind, 0, PRIORITY.scan);
  }

  private readonly kScan: number;
  /** How long the current loop takes before its scale-up request leaves (0 if it did not scale up). */
  private loopTime = 0;

  private scan(): void {
    const now = this.cluster.kernel.now;
    // Pods queued before now have waited for this scan (see metrics/waits.ts).
    this.cluster.waits.scanned(now);
    // cluster-autoscaler's RunOnce: no scale-down (nor unneeded update) in a loop that scaled up.
    this.loopTime = 0;
    this.updateScaleUpRequests();
    if (!this.scaleUp(now)) this.scaleDown(now);
    // The next loop starts scanInterval after this one started, or when this one ends if later.
    const next = this.loopTime > this.config.scanInterval ? this.loopTime : this.config.scanInterval;
    this.cluster.kernel.schedule(now + next, this.kScan, 0, PRIORITY.scan);
  }

  /** Returns whether it asked for nodes. */
  private scaleUp(now: number): boolean {
    const pool = this.pool;
    const q = pool.pending;
    // Pending overprovisioning placeholders want nodes too: one more group after the real pods'.
    const h = pool.headroom;
    const placeholders = h !== undefined ? h.pending : 0;
    if (q.total === 0 && placeholders === 0) return false;
    const shapes = pool.shapes;
    const cpu = placeholders > 0 ? [...q.cpu, (h as NonNullable<typeof h>).cpu] : q.cpu;
    const mem = placeholders > 0 ? [...q.mem, (h as NonNullable<typeof h>).mem] : q.mem;
    const counts = placeholders > 0 ? [...q.count, placeholders] : q.count.slice();
    // Largest requests first, like the estimator's sort by pod size.
    const order = counts.map((_, g) => g).sort((a, b) => cpu[b] / pool.maxPodCpu + mem[b] / pool.maxPodMem - (cpu[a] / pool.maxPodCpu + mem[a] / pool.maxPodMem));
    // Pods that will fit on nodes already coming up do not ask for more.
    for (let s = 0; s < shapes.length; s++) {
      if (pool.provisioningCount[s] > 0) binpack(shapes[s], cpu, mem, counts, order, pool.provisioningCount[s]);
    }
    const wanted = counts.reduce((a, b) => a + b, 0);
    if (wanted === 0) return false;

    const byPool = this.maxNodes - pool.aliveTotal;
    const byTotal = this.config.maxNodesTotal > 0 ? this.config.maxNodesTotal - pool.aliveTotal : Infinity;
    const limit: NodeLimit = byPool <= byTotal ? 'maxNodes' : 'maxNodesTotal';
    const room = Math.min(byPool, byTotal, this.config.maxNodesPerScaleUp);
    if (room <= 0) {
      // At the limit: every pod that wants a node waits on it.
      this.noteBlocked(limit, counts);
      return false;
    }

    const option = this.expand(cpu, mem, counts, order, wanted, now);
    if (!option) return false;
    const n = Math.min(option.nodes, room);
    // The request leaves when the loop ends, and the node group acts on it after its own delay.
    const pipeline = pool.pipeline;
    this.loopTime = pipeline.autoscalerLoopTime(pool.aliveTotal, q.total);
    const groupStart = pipeline.nodeGroupStart(now + this.loopTime);
    const requestAt = now + this.loopTime;
    for (let i = 0; i < n; i++) pool.launch(option.shape, now, false, groupStart, requestAt);
    this.requestOpen[option.shape] = true;
    if (n < option.nodes && n === Math.min(byPool, byTotal)) {
      // Cut short by the limit (not by max-nodes-per-scale-up): the pods the launched nodes will
      // not hold wait on it.
      binpack(pool.shapes[option.shape], cpu, mem, counts, order, n);
      this.noteBlocked(limit, counts);
    }
    this.lastScaleUp = now;
    this.scaleUps++;
    return true;
  }

  /** Each node limit's value; the pods it held back and their wait are the ledger's (`waits.byLimit`). */
  readonly limitValues: Record<NodeLimit, number>;

  /**
   * `counts[g]` pods of each pending group wanted a node the limit did not allow: they wait on it
   * from now on (metrics/waits.ts charges that wait as `limit`). Which pods: the youngest of each
   * group (the oldest get the nodes that come and the room that frees first), each marked once
   * (see `PendingQueue.markYoungest`).
   */
  private noteBlocked(limit: NodeLimit, counts: readonly number[]): void {
    const q = this.pool.pending;
    this.blocking = limit;
    // Placeholders (a group past the queue's) are no workload pods: they are not counted.
    for (let g = 0; g < q.count.length; g++) {
      if (counts[g] > 0) q.markYoungest(g, counts[g], this.onBlocked);
    }
  }

  /** The limit `noteBlocked` is marking pods for. */
  private blocking: NodeLimit = 'maxNodes';
  /** Tells the wait ledger a pod's scale-up was stopped by a limit (from now on it waits on it). */
  private readonly onBlocked: (pod: number) => void;

  /** Evaluates each node shape and lets the configured expander choose. */
  private expand(qCpu: readonly number[], qMem: readonly number[], counts: number[], order: number[], wanted: number, now: number): { shape: number; nodes: number } | undefined {
    const pool = this.pool;
    const q = { cpu: qCpu, mem: qMem };
    const options: Array<{ shape: number; nodes: number; helped: number; waste: number; cost: number }> = [];
    pool.shapes.forEach((shape, s) => {
      // A node group in backoff after a failed provision is not an option.
      if (this.backoffUntil[s] > now) return;
      const left = counts.slice();
      const nodes = binpack(shape, q.cpu, q.mem, left, order);
      if (nodes === 0) return;
      let cpu = 0;
      let mem = 0;
      let helped = 0;
      for (let g = 0; g < counts.length; g++) {
        const k = counts[g] - left[g];
        helped += k;
        cpu += k * q.cpu[g];
        mem += k * q.mem[g];
      }
      // least-waste: unused share of the new nodes' CPU plus that of their memory.
      const waste = (nodes * shape.podCpu - cpu) / (nodes * shape.podCpu) + (nodes * shape.podMem - mem) / (nodes * shape.podMem);
      options.push({ shape: s, nodes, helped, waste, cost: (nodes * shape.pricePerHour) / helped });
    });
    if (options.length === 0 || wanted <= 0) return undefined;
    const by = (score: (o: (typeof options)[0]) => number) => options.reduce((best, o) => (score(o) < score(best) ? o : best));
    switch (this.config.expander) {
      case 'least-waste':
        return by((o) => o.waste);
      case 'most-pods':
        return by((o) => -o.helped);
      case 'price':
        return by((o) => o.cost);
      case 'random':
        return options[this.rng.int(options.length)];
    }
  }

  /**
   * The scale-down half of a loop. cluster-autoscaler skips it in a loop that scaled up; otherwise
   * it first updates which nodes are unneeded (even while scale-down is in cooldown, so the
   * unneeded time keeps counting), then removes those unneeded long enough.
   */
  private scaleDown(now: number): void {
    const cfg = this.config;
    this.updateUnneeded(now);
    if (now - this.lastScaleUp < cfg.scaleDownDelayAfterAdd) return;
    if (now - this.lastScaleDownFailure < cfg.scaleDownDelayAfterFailure) return;
    const pool = this.pool;
    const cutoff = now - cfg.scaleDownUnneededTime;
    let removable = pool.aliveTotal - pool.deleting - this.minNodes;
    let removed = 0;
    // The unneeded nodes are the candidate list's prefix (`NodePool.prefixEnd`), read in place.
    // Removing an empty node unlists only itself (the drain loop skips empty nodes anyway), and so
    // does a drain that fails (a node already passed), unless placeholders move; a drain that
    // succeeds may unlist its pods' destinations (over the threshold now), which the loop must
    // still see: so before such a removal, if the loop can go on after it, the rest of the list is
    // copied (`unneeded`, `unneededLeft`) and read from the copy.
    let copied = false;
    // Empty nodes first, in bulk.
    const empty = this.eligibleEmpty;
    for (let i = 0; i < this.eligibleEmptyCount && removed < cfg.maxScaleDownParallelism && removable > 0; i++) {
      // Placeholders of a node deleted just before may have moved here: they must still fit elsewhere.
      if (!pool.emptyNodeCanGo(empty[i], 0)) continue;
      if (!copied && pool.headroom !== undefined) {
        this.copyUnneeded(pool.candidatesStart);
        copied = true;
      }
      pool.beginDeletion(empty[i], now, now + cfg.nodeDeleteDelayAfterTaint);
      removed++;
      removable--;
    }
    if (!cfg.safeToEvict || cfg.maxDrainParallelism === 0) return;
    let drained = 0;
    const candidates = pool.candidates;
    let at = pool.candidatesStart;
    let i = 0;
    while (drained < cfg.maxDrainParallelism && removed < cfg.maxScaleDownParallelism && removable > 0) {
      let slot: number;
      if (copied) {
        if (i === this.unneededLeft) break;
        slot = this.unneeded[i++];
      } else {
        if (at >= pool.prefixEnd) break;
        slot = candidates[at++];
        if (slot < 0) continue;
      }
      if (pool.unneededSince[slot] > cutoff || pool.podCount[slot] === 0 || pool.status[slot] !== NODE.ready) continue;
      if (!copied && (pool.headroom !== undefined || (drained + 1 < cfg.maxDrainParallelism && removed + 1 < cfg.maxScaleDownParallelism && removable > 1))) {
        this.copyUnneeded(at);
        copied = true;
      }
      if (pool.drain(slot, now)) {
        pool.beginDeletion(slot, now, now + cfg.nodeDeleteDelayAfterTaint + this.drainDuration.sample());
        drained++;
        removed++;
        removable--;
      } else {
        // The nodes removed above took the room its pods were to move to: not unneeded any more,
        // and a failed scale-down holds the next for scale-down-delay-after-failure.
        // (Known difference, left as is: in cluster-autoscaler the planner drops such a node
        // without an error, and the delay follows only an actuator error, a failed taint call:
        // core/static_autoscaler.go lastScaleDownFailTime, actuation/actuator.go StartDeletion.)
        this.markUnremovable(slot, now);
        pool.forgetUnneeded(slot);
        this.lastScaleDownFailure = now;
      }
    }
  }

  private lastScaleDownFailure = -Infinity;
  private readonly drainDuration: DelaySampler;
  /**
   * Per node group (shape): backed off until, the current backoff duration (0: no backoff entry),
   * the last failure, and whether a scale-up request is open (nodes asked for, not all registered).
   */
  private readonly backoffUntil: number[];
  private readonly backoffDuration: number[];
  private readonly lastProvisionFailure: number[];
  private readonly requestOpen: boolean[];

  /**
   * cluster-autoscaler's clusterstate updateScaleRequests, at the start of each loop: a group's
   * scale-up whose nodes have all come up "finished successfully", and its backoff is removed
   * (RemoveBackoff), so a later failure starts again at initialNodeGroupBackoffDuration.
   */
  private updateScaleUpRequests(): void {
    const pool = this.pool;
    for (let s = 0; s < this.requestOpen.length; s++) {
      if (this.requestOpen[s] && pool.provisioningCount[s] === 0) {
        this.requestOpen[s] = false;
        this.backoffDuration[s] = 0;
        this.backoffUntil[s] = -Infinity;
      }
    }
  }

  /**
   * A node of group `s` did not register within max-node-provision-time: the scale-up failed and
   * cluster-autoscaler backs the group off (kubernetes/autoscaler cluster-autoscaler/utils/backoff/
   * exponential_backoff.go @5f4d58361ff0, clusterstate/clusterstate.go @044c03d09fad, defaults in
   * the flags, 5 min / 30 min / 3 h, read 2026-12-04): initialNodeGroupBackoffDuration the first time; a
   * failure while still backed off keeps the duration and moves the end to now + duration (several
   * scale-ups failing together do not compound); a failure after the backoff ended doubles it, up
   * to maxNodeGroupBackoffDuration. The entry is dropped once the last failure is
   * nodeGroupBackoffResetTimeout old (RemoveStaleBackoffData) or a scale-up of the group succeeds
   * (`updateScaleUpRequests`).
   */
  private backOff(s: number, now: number): void {
    const cfg = this.config;
    // The failed request is gone (clusterstate deletes it), so its other nodes coming up later do not count as a success.
    this.requestOpen[s] = false;
    if (now - this.lastProvisionFailure[s] > cfg.nodeGroupBackoffResetTimeout) this.backoffDuration[s] = 0;
    let duration = cfg.initialNodeGroupBackoffDuration;
    if (this.backoffDuration[s] > 0) {
      duration = this.backoffDuration[s];
      if (this.backoffUntil[s] < now) duration = Math.min(2 * duration, cfg.maxNodeGroupBackoffDuration);
    }
    this.backoffDuration[s] = duration;
    this.lastProvisionFailure[s] = now;
    this.backoffUntil[s] = now + duration;
  }

  /** Copies the unneeded prefix's nodes from candidate position `from` on into `unneeded`. */
  private copyUnneeded(from: number): void {
    const pool = this.pool;
    const n = pool.snapshotPrefix(from);
    const at = pool.visitAt;
    for (let i = 0; i < n; i++) this.unneeded[i] = at[i];
    this.unneededLeft = n;
  }

  /**
   * The rest of the unneeded nodes for the scale-down in progress: the first `unneededLeft`
   * entries (see `scaleDown`). Reused between loops and never shrunk (setting an array's length
   * to 0 frees its storage, and every loop then grew it again).
   */
  private readonly unneeded: number[] = [];
  private unneededLeft = 0;
  /** How many nodes the latest update found unneeded. */
  private unneededCount = 0;
  /** Of those, the empty ones unneeded for scaleDownUnneededTime (at most maxScaleDownParallelism): the first `eligibleEmptyCount`. */
  private readonly eligibleEmpty: number[] = [];
  private eligibleEmptyCount = 0;
  /** Count of unneeded-node updates so far; a node's timer holds while it is found at each. */
  private updates = 0;
  /**
   * Empty nodes of the unneeded prefix not unneeded for scaleDownUnneededTime yet, by their
   * unneeded time: the update looks at them again once they are (stale entries, of nodes that
   * left the prefix or got pods since, only cost a look).
   */
  private readonly ripening = new TimedSlots();
  /** Nodes found unremovable, with when to look at them again (the timeout is constant: FIFO). */
  private readonly rechecks = new DeadlineQueue();

  /**
   * cluster-autoscaler's planner (core/scaledown/planner, unneeded/nodes.go): walks the scale-down
   * candidates (nodes under the utilization threshold, oldest first) and simulates removing each.
   * A node is unneeded only if every pod on it could move to another Ready node that is not
   * itself found unneeded in this walk; its unneeded time runs from the first update of an
   * unbroken series that found it so. A node whose pods cannot move (NoPlaceToMovePods) loses its
   * time and is not simulated again for unremovable-node-recheck-timeout. Like CA, the walk stops
   * once it has min(unneeded so far + 2N, N x unneededTime / scanInterval + N) unneeded nodes,
   * N = max-scale-down-parallelism (more could not be removed before they were rechecked anyway).
   */
  private updateUnneeded(now: number): void {
    const cfg = this.config;
    const pool = this.pool;
    const rechecks = this.rechecks;
    while (rechecks.size > 0 && rechecks.headDeadline <= now) {
      const due = rechecks.headDeadline;
      const slot = rechecks.shift();
      // A slot freed (or parked again) since holds another deadline: this entry is stale.
      if (pool.recheckAt[slot] === due) {
        pool.recheckAt[slot] = -Infinity;
        pool.updateUtilization(slot, now);
      }
    }
    const previous = this.updates;
    const update = ++this.updates;
    const n = cfg.maxScaleDownParallelism;
    const loops = Math.floor(Math.max(cfg.scaleDownUnneededTime, cfg.scanInterval) / cfg.scanInterval);
    const limit = Math.min(this.unneededCount + 2 * n, n * loops + n);
    this.eligibleEmptyCount = 0;
    const cutoff = now - cfg.scaleDownUnneededTime;
    const podCount = pool.podCount;
    const unneededSince = pool.unneededSince;
    const canDrain = cfg.safeToEvict && cfg.maxDrainParallelism > 0;
    // The candidate list (read after the rechecks above, which may list nodes), -1 for gaps.
    const candidates = pool.candidates;
    // A node found unneeded is no destination for the next candidates' pods: the simulations of
    // the candidate at position `at` exclude the nodes listed before it (all found unneeded in
    // this walk: those that were not are unlisted, `markUnremovable`).
    //
    // First the nodes the last update found unneeded (the unneeded prefix, in order). Without
    // placeholders and with drains on, each is found so again, with its timer running on, unless
    // it became empty (it may be deleted now) or something its pods' moves depend on changed
    // (`NodePool.watch`): only those are visited. The limit below cannot stop the walk in the prefix
    // (it holds `unneededCount` nodes at most, and the limit is not below that).
    const everyNode = pool.headroom !== undefined || !canDrain;
    const ripening = this.ripening;
    while (ripening.headTime <= cutoff) pool.watchIfUnneeded(ripening.pop());
    const visits = pool.watchedInOrder(everyNode);
    const visitAt = pool.visitAt;
    for (let i = 0; i < visits; i++) {
      const at = visitAt[i];
      const slot = candidates[at];
      if (slot < 0) continue;
      const isEmpty = podCount[slot] === 0;
      // An empty node's overprovisioning placeholders must fit elsewhere too (headroom.ts).
      let movable = isEmpty && (pool.headroom === undefined || pool.emptyNodeCanGo(slot, at));
      if (!movable && canDrain && !isEmpty) {
        movable = pool.simulationHolds(slot) || pool.podsStillMove(slot, at);
        if (!movable) movable = pool.podsCanMove(slot, at);
      }
      if (movable) {
        if (isEmpty) this.emptyUnneeded(slot, cutoff, everyNode);
      } else {
        this.markUnremovable(slot, now);
      }
    }
    // Then the rest of the list, each node in turn, until the limit.
    let found = pool.prefixCount;
    const end = pool.candidatesEnd;
    let at = pool.prefixEnd;
    for (; at < end && found < limit; at++) {
      const slot = candidates[at];
      if (slot < 0) continue;
      const wasUnneeded = pool.unneededUpdate(slot) === previous;
      const isEmpty = podCount[slot] === 0;
      let movable = isEmpty && (pool.headroom === undefined || pool.emptyNodeCanGo(slot, at));
      if (!movable && canDrain && !isEmpty) {
        // Most visits end at the first test: nothing it depended on changed (a call less per visit).
        movable = wasUnneeded && (pool.simulationHolds(slot) || pool.podsStillMove(slot, at));
        if (!movable) movable = pool.podsCanMove(slot, at);
      }
      if (movable) {
        if (!wasUnneeded) unneededSince[slot] = now;
        found++;
        if (isEmpty) this.emptyUnneeded(slot, cutoff, everyNode);
      } else {
        this.markUnremovable(slot, now);
      }
    }
    // The nodes visited and still listed are those found unneeded (the others were parked).
    pool.endCandidateWalk(update, found, at);
    this.unneededCount = found;
  }

  /** An empty node found unneeded: listed for deletion if unneeded long enough, and looked at again by the next update (then or when it is). */
  private emptyUnneeded(slot: number, cutoff: number, everyNode: boolean): void {
    const since = this.pool.unneededSince[slot];
    if (since <= cutoff) {
      if (this.eligibleEmptyCount < this.config.maxScaleDownParallelism) this.eligibleEmpty[this.eligibleEmptyCount++] = slot;
      if (!everyNode) this.pool.watch(slot);
    } else if (!everyNode) this.ripening.push(slot, since);
  }

  private markUnremovable(slot: number, now: number): void {
    const until = now + this.config.unremovableNodeRecheckTimeout;
    this.pool.parkUntil(slot, until);
    this.rechecks.push(slot, until);
  }
}
