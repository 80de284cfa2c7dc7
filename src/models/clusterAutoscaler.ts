import type { ClusterAutoscaler as AutoscalerConfig } from '../scenario/strategy.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import { Random } from '../sim/random.ts';
import { binpack } from './binpackingEstimator.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import { DeadlineQueue } from './deadlineQueue.ts';
import { NODE, UNNEEDED, type NodePool } from './nodePool.ts';
import { SlotHeap } from './slotHeap.ts';

/** Listing numbers times this plus a node slot sort a walk's nodes by listing number (slots < 2^21). */
const SLOT_KEY = 2 ** 21;

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
    this.fullWalk = ClusterAutoscaler.referenceWalk;
    if (!this.fullWalk) pool.onEligibleEmptied = (slot, empty) => (empty ? this.emptyHeap : this.busyHeap).push(pool.seqOf(slot), slot, pool.seqOf(slot));
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
    const cutoff = now - cfg.scaleDownUnneededTime;
    if (!this.fullWalk) this.takeEligible(cutoff);
    if (now - this.lastScaleUp < cfg.scaleDownDelayAfterAdd) return;
    if (now - this.lastScaleDownFailure < cfg.scaleDownDelayAfterFailure) return;
    const pool = this.pool;
    let removable = pool.aliveTotal - pool.deleting - this.minNodes;
    let removed = 0;
    const n = cfg.maxScaleDownParallelism;
    // Empty nodes first, in bulk: the first n eligible ones in walk order.
    const empty = this.eligibleEmpty;
    if (!this.fullWalk) this.pickEmpty(n);
    let i = 0;
    for (; i < empty.length && removed < n && removable > 0; i++) {
      // Placeholders of a node deleted just before may have moved here: they must still fit elsewhere.
      if (!pool.emptyNodeCanGo(empty[i], false)) {
        if (!this.fullWalk) this.emptyHeap.push(pool.seqOf(empty[i]), empty[i], pool.seqOf(empty[i]));
        continue;
      }
      pool.beginDeletion(empty[i], now, now + cfg.nodeDeleteDelayAfterTaint);
      removed++;
      removable--;
    }
    // Picked and not reached: still eligible next time.
    if (!this.fullWalk) for (; i < empty.length; i++) this.emptyHeap.push(pool.seqOf(empty[i]), empty[i], pool.seqOf(empty[i]));
    if (!cfg.safeToEvict || cfg.maxDrainParallelism === 0) return;
    let drained = 0;
    const unneeded = this.unneeded;
    const busy = this.busyHeap;
    const update = this.updates;
    for (let j = 0; drained < cfg.maxDrainParallelism && removed < n && removable > 0; j++) {
      let slot: number;
      if (this.fullWalk) {
        if (j >= unneeded.length) break;
        slot = unneeded[j];
        if (pool.unneededSince[slot] > cutoff || pool.podCount[slot] === 0 || pool.status[slot] !== NODE.ready) continue;
      } else {
        // The eligible non-empty nodes this walk found unneeded, in walk order. A node taken out of
        // the set during this scan (a drain filled it past the threshold) is still one of them,
        // as it is in cluster-autoscaler's list of this loop.
        if (busy.size === 0) break;
        slot = busy.topSlot;
        const seq = busy.topTag;
        busy.pop();
        if (pool.seqOf(slot) !== seq || pool.podCount[slot] === 0 || pool.status[slot] !== NODE.ready) continue;
        const u = pool.unneededUpdate(slot);
        if (u !== UNNEEDED && u !== update) continue;
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
        this.lastScaleDownFailure = now;
      }
    }
  }

  /**
   * Nodes unneeded for scale-down-unneeded-time (since <= cutoff) in their current listing become
   * eligible: they go to the empty or the non-empty heap (the pool moves them between the two as
   * they empty and fill, `onEligibleEmptied`).
   */
  private takeEligible(cutoff: number): void {
    const pool = this.pool;
    const pending = this.pendingEligible;
    while (pending.size > 0 && pending.topKey <= cutoff) {
      const slot = pending.topSlot;
      const seq = pending.topTag;
      pending.pop();
      if (pool.seqOf(slot) !== seq || pool.unneededUpdate(slot) !== UNNEEDED || !pool.isListed(slot)) continue;
      pool.setEligible(slot);
      (pool.podCount[slot] === 0 ? this.emptyHeap : this.busyHeap).push(seq, slot, seq);
    }
  }

  /** `eligibleEmpty`: the first `n` eligible empty unneeded nodes in walk order, taken off their heap. */
  private pickEmpty(n: number): void {
    const pool = this.pool;
    const out = this.eligibleEmpty;
    out.length = 0;
    const heap = this.emptyHeap;
    const scan = this.updates;
    while (out.length < n && heap.size > 0) {
      const slot = heap.topSlot;
      const seq = heap.topTag;
      heap.pop();
      if (pool.seqOf(slot) !== seq || pool.unneededUpdate(slot) !== UNNEEDED || pool.podCount[slot] !== 0 || !pool.isListed(slot)) continue;
      if (pool.pickOnce(slot, scan)) out.push(slot);
    }
  }

  /**
   * Reference mode for tests (read when an autoscaler is built): every walk visits every listed
   * node and counts the unneeded ones as it goes, and removals read the walk's arrays, as before
   * the walk was incremental. It checks the claims the incremental walk rests on (throws if not).
   */
  static referenceWalk = false;
  private readonly fullWalk: boolean;
  /** Unneeded nodes by since (their unneeded time starts then), until they are eligible. */
  private readonly pendingEligible = new SlotHeap();
  /** Eligible unneeded nodes by listing number: empty ones, and ones with pods. */
  private readonly emptyHeap = new SlotHeap();
  private readonly busyHeap = new SlotHeap();

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

  /** Unneeded nodes found by the latest update, in candidate order (reference mode only). */
  private readonly unneeded: number[] = [];
  /** The empty ones unneeded for scaleDownUnneededTime (at most maxScaleDownParallelism), in walk order. */
  private readonly eligibleEmpty: number[] = [];
  /** Count of unneeded-node updates so far; a node's timer holds while it is found at each. */
  private updates = 0;
  /** Unneeded nodes the latest update found (cluster-autoscaler's limit for the next walk). */
  private lastFound = 0;
  /**
   * Where the latest walk stopped for its limit: the first node it did not reach and its listing
   * number (-1 and the next listing number if it reached the end). That node and every node
   * listed after it are the listed nodes not unneeded; the next walk goes on from there, after
   * the dirty ones before it.
   */
  private resumeSlot = -1;
  private resumeSeq = 0;
  /** The dirty nodes before `resumeSeq` a walk visits, in listing order (as keys, see `collectDirty`). */
  private visitKeys = new Float64Array(64);
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
   *
   * Incremental, with the same outcome: a node found unneeded (UNNEEDED) and since given no pod,
   * with no destination of its pods lost (and no placeholders: pools with headroom visit every
   * node), would be found unneeded again with nothing changed, so the walk visits only the others:
   * first the dirty unneeded ones (`pool.dirty`), in listing order, then the listed nodes not
   * unneeded, which follow them all in the list (nodes join at its end; a node leaving the set
   * leaves the list). The walk counts every unneeded node, so the limit can only stop it in that
   * second part, where it is checked as the full walk checks it. "Found unneeded earlier in this
   * walk" is UNNEEDED with a smaller listing number.
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
    pool.walk = update;
    const n = cfg.maxScaleDownParallelism;
    const loops = Math.floor(Math.max(cfg.scaleDownUnneededTime, cfg.scanInterval) / cfg.scanInterval);
    const limit = Math.min(this.lastFound + 2 * n, n * loops + n);
    const full = this.fullWalk;
    if (full) {
      this.unneeded.length = 0;
      this.eligibleEmpty.length = 0;
    }
    const cutoff = now - cfg.scaleDownUnneededTime;
    let start: number;
    if (full || pool.headroom !== undefined) {
      // Every listed node, from the head.
      for (const slot of pool.dirty) pool.clearDirty(slot);
      pool.dirty.length = 0;
      start = pool.underutilizedHead;
    } else {
      const count = this.collectDirty();
      const keys = this.visitKeys;
      for (let i = 0; i < count; i++) this.judge(keys[i] % SLOT_KEY, previous, now, cutoff);
      start = this.resumeStart();
    }
    // The rest in list order (all of it in reference or headroom mode), up to the limit.
    let found = 0;
    let slot = start;
    while (slot >= 0) {
      if (full ? found >= limit : pool.unneededUpdate(slot) !== UNNEEDED && pool.unneededCount >= limit) break;
      const next = pool.nextUnderutilized(slot);
      pool.clearDirty(slot);
      if (this.judge(slot, previous, now, cutoff)) found++;
      slot = next;
    }
    // Reached the end: the next walk goes on with the nodes listed from now on.
    this.resumeSlot = slot;
    this.resumeSeq = slot >= 0 ? pool.seqOf(slot) : pool.nextSeq;
    if (full) {
      for (let rest = slot; rest >= 0; rest = pool.nextUnderutilized(rest)) {
        if (pool.unneededUpdate(rest) === UNNEEDED) throw new Error(`walk ${update}: the limit stopped before unneeded node ${rest}`);
      }
      if (found !== pool.unneededCount) throw new Error(`walk ${update}: found ${found} unneeded, the set holds ${pool.unneededCount}`);
    }
    this.lastFound = pool.unneededCount;
  }

  /**
   * One node of the walk: is it unneeded (its pods could all move; see `updateUnneeded`)? Keeps
   * its timer and the unneeded set, or parks it for its recheck. Returns the verdict.
   */
  private judge(slot: number, previous: number, now: number, cutoff: number): boolean {
    const cfg = this.config;
    const pool = this.pool;
    const inSet = pool.unneededUpdate(slot) === UNNEEDED;
    const wasUnneeded = inSet || pool.unneededUpdate(slot) === previous;
    const isEmpty = pool.podCount[slot] === 0;
    // An empty node's overprovisioning placeholders must fit elsewhere too (headroom.ts).
    let movable = isEmpty && (pool.headroom === undefined || pool.emptyNodeCanGo(slot, true));
    if (!movable && !isEmpty && cfg.safeToEvict && cfg.maxDrainParallelism > 0) {
      movable = wasUnneeded && pool.podsStillMove(slot);
      if (!movable) movable = pool.podsCanMove(slot);
    }
    if (!movable) {
      this.markUnremovable(slot, now);
      return false;
    }
    const since = pool.unneededSince;
    if (!wasUnneeded) since[slot] = now;
    if (!inSet) {
      pool.setUnneeded(slot);
      if (!this.fullWalk) this.pendingEligible.push(since[slot], slot, pool.seqOf(slot));
    }
    if (this.fullWalk) {
      this.unneeded.push(slot);
      if (isEmpty && since[slot] <= cutoff && this.eligibleEmpty.length < cfg.maxScaleDownParallelism) this.eligibleEmpty.push(slot);
    }
    return true;
  }

  /**
   * The dirty unneeded nodes (before `resumeSeq`; the rest are visited from the resume point),
   * sorted by listing number into `visitKeys` as seq x SLOT_KEY + slot; returns how many. Clears
   * `pool.dirty` and the marks.
   */
  private collectDirty(): number {
    const pool = this.pool;
    const dirty = pool.dirty;
    const resume = this.resumeSeq;
    let count = 0;
    for (let i = 0; i < dirty.length; i++) {
      const slot = dirty[i];
      // A repeat, or unlisted since it was marked, or one the resume point covers.
      if (!pool.isDirty(slot)) continue;
      pool.clearDirty(slot);
      if (!pool.isListed(slot)) continue;
      const seq = pool.seqOf(slot);
      if (seq >= resume) continue;
      if (count === this.visitKeys.length) {
        const k = new Float64Array(count * 2);
        k.set(this.visitKeys);
        this.visitKeys = k;
      }
      this.visitKeys[count++] = seq * SLOT_KEY + slot;
    }
    dirty.length = 0;
    if (count > 1) this.visitKeys.subarray(0, count).sort();
    return count;
  }

  /** The first listed node at or after the latest walk's resume point (-1: none). */
  private resumeStart(): number {
    const pool = this.pool;
    const r = this.resumeSlot;
    const seq = this.resumeSeq;
    if (r >= 0 && pool.isListed(r) && pool.seqOf(r) === seq) return r;
    // It left the list, or the walk reached the end: the first node listed after it, searched
    // from the end (the nodes on the way are the ones this walk visits).
    let slot = pool.underutilizedTail;
    let first = -1;
    while (slot >= 0 && pool.seqOf(slot) >= seq) {
      first = slot;
      slot = pool.prevUnderutilized(slot);
    }
    return first;
  }

  private markUnremovable(slot: number, now: number): void {
    const until = now + this.config.unremovableNodeRecheckTimeout;
    this.pool.parkUntil(slot, until);
    this.rechecks.push(slot, until);
  }
}
