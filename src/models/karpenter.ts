import type { Karpenter as KarpenterConfig } from '../scenario/strategy.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import { Random } from '../sim/random.ts';
import { binpack } from './binpackingEstimator.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import { DeadlineQueue } from './deadlineQueue.ts';
import { NODE, type NodePool, type NodeWatcher } from './nodePool.ts';

/**
 * Karpenter's fixed timings, from kubernetes-sigs/karpenter@2266468104f3 (read 2026-12-04,
 * https://github.com/kubernetes-sigs/karpenter/tree/2266468104f36373ed002241afaee2d3bbc26078).
 * The configurable defaults (batch idle 1 s / max 10 s, consolidateAfter 0 s,
 * WhenEmptyOrUnderutilized, budget nodes 10%, expireAfter 720h) are in the schema
 * (src/scenario/strategy.ts): pkg/operator/options/options.go L135-136 and
 * pkg/apis/v1/nodepool.go L89, L100, L110, L264.
 */
export const KARPENTER = {
  /** pkg/controllers/disruption/controller.go `pollingPeriod`: the disruption loop runs every 10 s when it found nothing. */
  pollingPeriod: 10,
  /** pkg/controllers/disruption/consolidation.go `commandValidationDelay`: a command is re-checked 15 s after it was computed. */
  validationDelay: 15,
  /** multinodeconsolidation.go: "Only consider a maximum batch of 100 NodeClaims". */
  maxMultiNodeCandidates: 100,
  /** pkg/controllers/provisioning/controller.go: a pod still provisionable is reconciled (re-triggers a batch) after 10 s. */
  podRequeue: 10,
  /** pkg/controllers/state/cluster.go `IsConsolidated`: a cluster found consolidated is looked at again after 5 minutes anyway. */
  consolidatedTimeout: 300,
  /**
   * Single-node consolidation tries candidates one by one until one works or 3 minutes of wall time
   * pass (singlenodeconsolidation.go). The simulation cannot measure Karpenter's wall time: it
   * gathers the multi-node window plus this many more candidates (fewest pods first, none found
   * unconsolidatable in the last 5 minutes) and tries them alone in order until one works.
   */
  singleNodeCandidates: 3,
} as const;

/** The limits that can stop a Karpenter launch, in the result's words. */
export type KarpenterLimit = 'maxNodes' | 'nodePoolCpu' | 'nodePoolMemoryGiB';

const EMPTY = 0;
const CONSOLIDATE = 1;

/**
 * Karpenter as the pool's provisioner (kubernetes-sigs/karpenter, v1 API):
 * - provisioning: a pod that finds no room starts (or extends) a batch window, which closes after
 *   batchIdleDuration without a new pending pod or batchMaxDuration after it opened. The batch's
 *   pods, largest CPU then memory first, go onto in-flight nodes first, then into new NodeClaims;
 *   a NodeClaim keeps every allowed type that still fits its pods, and is launched as the cheapest
 *   of them (EC2 Fleet's lowest-price strategy for on-demand). NodePool limits (cpu, memory, and
 *   the pool's maxNodes as `limits.nodes`) drop types that would exceed them, counting each new
 *   NodeClaim at its largest option (scheduler.go subtractMax). Pods still pending re-trigger a
 *   batch after 10 s. No scan loop: launches go straight through the pool's launch path.
 * - disruption, one command at a time (controller.go): emptiness first (empty nodes whose last pod
 *   event is consolidateAfter old), then, with WhenEmptyOrUnderutilized, multi-node consolidation
 *   (the candidates with the fewest pods, at most 100: the longest prefix whose pods fit on the
 *   other nodes, or on them plus one new node cheaper than the prefix) and single-node
 *   consolidation. Each command is validated 15 s later, then the nodes are tainted, a replacement
 *   is launched and must be Ready before they are drained. The disruption budget (nodes: 10% of
 *   the pool, rounded up, minus nodes being disrupted) bounds every command; the pool's minNodes is
 *   kept as a floor.
 * - expireAfter: a node that has lived that long is drained and deleted (not bound by budgets);
 *   its pods go to other nodes or wait for the batch their eviction triggers.
 *
 * Candidates are kept in lists by pod count (fewest first, Karpenter's disruption cost without
 * its lifetime factor), updated as pods bind and leave, so no loop scans all nodes.
 */
export class Karpenter implements NodeWatcher {
  batches = 0;
  /** Nodes removed by each disruption reason, and replacements launched. */
  readonly disrupted = { empty: 0, underutilized: 0, replacements: 0, expired: 0 };
  /**
   * Each limit's value (the pool's maxNodes as `limits.nodes`, the NodePool's cpu and memory); the
   * pods a limit left without a node at a batch, and their wait, are the ledger's (`waits.byLimit`).
   */
  readonly limitValues: Record<KarpenterLimit, number>;
  /** The limit the batch is marking pods for. */
  private blocking: KarpenterLimit = 'maxNodes';

  private readonly idle: number;
  private readonly maxWindow: number;
  private readonly consolidateAfter: number;
  private readonly expireAfter: number;
  private readonly drain: DelaySampler;
  /** The budget's `nodes`: a count (budgetPercent -1), or a percentage of the pool's nodes. */
  private readonly budgetNodes: number;
  private readonly budgetPercent: number;
  private readonly kBatch: number;
  private readonly kRequeue: number;
  private readonly kLoop: number;
  private readonly kValidate: number;
  private readonly kExpire: number;

  // ---- batch window -----------------------------------------------------------------------
  private windowStart = -1;
  private lastTrigger = -1;
  private requeueArmed = false;

  // ---- per node slot ----------------------------------------------------------------------
  private cap = 0;
  /** Time of the node's last pod event (bound or gone), or of Ready. */
  private lastPodEvent = new Float64Array(0);
  /** In a candidate list (Ready, not being disrupted): which one (its pod count then), else -1. */
  private bucketOf = new Int32Array(0);
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  /** Part of a disruption command that has not reached deletion yet. */
  private disrupting = new Uint8Array(0);
  /** Capacity counted against the NodePool limits (launched or there at the start, not yet gone). */
  private counted = new Uint8Array(0);
  /** Expired while still provisioning or while part of a command: expire once that is over. */
  private expireDue = new Uint8Array(0);
  /**
   * Found unconsolidatable alone (its pods fit neither elsewhere nor on a cheaper node): not
   * simulated again before this time unless it loses a pod. Karpenter re-simulates every candidate
   * at each loop; its own 5-minute consolidated-state timeout bounds how stale this gets.
   */
  private stuckUntil = new Float64Array(0);
  /** Per slot, the last `longestPrefix` call that took room on it (to reindex each target once). */
  private touched = new Int32Array(0);
  /** Work done by consolidation (for the bench): loops that simulated, simulations, pods placed in them. */
  readonly work = { loops: 0, simulations: 0, podsSimulated: 0 };
  /** Per pod count: the candidate list's head and tail (oldest first). */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;

  /** Node capacity (vCPU, GiB) of the pool's nodes, for the limits. */
  private capacityCpu = 0;
  private capacityMem = 0;
  /** Nodes marked by a command and not yet deleting. */
  private marked = 0;

  // ---- disruption commands --------------------------------------------------------------------
  private validating = false;
  private command: number[] = [];
  private commandKind = EMPTY;
  /** Replacement type of the command being validated (-1: delete only). */
  private commandReplacement = -1;
  /** Replacement node slot -> the candidates it replaces (drained once it is Ready). */
  private readonly awaiting = new Map<number, number[]>();
  /** Pod-count decreases and Ready nodes so far (room that appeared), and its value when consolidation last found nothing. */
  private roomEvents = 0;
  private consolidatedAt = -Infinity;
  private consolidatedRoom = -1;

  private readonly expiries = new DeadlineQueue();
  private expiryArmed = false;
  private readonly onBlocked: (pod: number) => void;

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: NodePool,
    private readonly config: KarpenterConfig,
    private readonly minNodes: number,
    private readonly maxNodes: number,
    rng: Random,
  ) {
    this.idle = config.batchIdleDuration;
    this.maxWindow = config.batchMaxDuration;
    this.consolidateAfter = config.consolidateAfter === 'Never' ? Infinity : config.consolidateAfter;
    this.expireAfter = config.expireAfter === 'Never' ? Infinity : config.expireAfter;
    const budget = config.disruptionBudget.nodes;
    this.budgetNodes = typeof budget === 'number' ? budget : 0;
    this.budgetPercent = typeof budget === 'number' ? -1 : parseInt(budget, 10);
    this.drain = new DelaySampler(config.drainDuration, new Random(rng.uint32(), 13));
    const maxSlots = Math.max(...pool.shapes.map((s) => s.podSlots));
    this.head = new Int32Array(maxSlots + 1).fill(-1);
    this.tail = new Int32Array(maxSlots + 1).fill(-1);
    this.limitValues = { maxNodes, nodePoolCpu: config.limits.cpu ?? Infinity, nodePoolMemoryGiB: config.limits.memoryGiB ?? Infinity };
    const k = cluster.kernel;
    this.kBatch = k.on('karpenterBatch', () => this.onBatchTimer());
    this.kRequeue = k.on('karpenterRequeue', () => this.onRequeue());
    this.kLoop = k.on('karpenterDisruption', () => this.disruptionLoop());
    this.kValidate = k.on('karpenterValidate', () => this.validate());
    this.kExpire = k.on('karpenterExpire', () => this.onExpiries());
    this.grow(64);
    pool.watcher = this;
    // Wait attribution: a queued pod waits for the next batch (`nextScan`), then for its node.
    cluster.waits.hasScaler = true;
    this.onBlocked = (pod) => cluster.waits.blockedByLimit(pod, cluster.kernel.now, this.blocking);
    // A node that fails to register leaves its pods pending: they ask for a batch again.
    pool.onProvisionFailed = () => this.podPending();
    // Nodes there at the start (the pool's initial nodes) are Karpenter's too.
    for (let slot = 0; slot < pool.status.length; slot++) {
      if (pool.status[slot] === NODE.free) continue;
      this.adopt(slot);
      if (pool.status[slot] === NODE.ready) this.nodeReady(slot);
    }
    // Overprovisioning placeholders are ordinary pending pods to Karpenter (it has no notion of
    // priority when it provisions): evicted or new ones open a batch like any pod.
    const h = pool.headroom;
    if (h) {
      h.onPending = () => this.podPending();
      if (h.pending > 0) this.podPending();
    }
    if (this.consolidateAfter < Infinity) k.schedule(0, this.kLoop, 0, PRIORITY.scan);
  }

  /**
   * Pods on a node as Karpenter counts them: the workload's and the placeholders (reschedulable
   * Deployment pods; a placeholder's eviction cost, 1 + priority / 2^25 (utils/disruption
   * EvictionCost), stays positive for any priority above -33,554,432, so a node holding one is
   * not empty: disruption/types.go IsEmpty).
   */
  private pods(slot: number): number {
    const h = this.pool.headroom;
    return h === undefined ? this.pool.podCount[slot] : this.pool.podCount[slot] + h.count[slot];
  }

  private grow(min: number): void {
    let cap = Math.max(64, this.cap * 2);
    while (cap < min) cap *= 2;
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, fill?: number): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      if (fill !== undefined) b.fill(fill);
      b.set(a);
      return b;
    };
    this.lastPodEvent = g(this.lastPodEvent);
    this.bucketOf = g(this.bucketOf, -1);
    this.next = g(this.next, -1);
    this.prev = g(this.prev, -1);
    this.disrupting = g(this.disrupting);
    this.counted = g(this.counted);
    this.expireDue = g(this.expireDue);
    this.stuckUntil = g(this.stuckUntil);
    this.touched = g(this.touched);
    this.cap = cap;
  }

  // ---- provisioning -------------------------------------------------------------------------

  /** A pod became pending (pkg/controllers/provisioning Batcher.Trigger): open or extend the window. */
  podPending(): void {
    const now = this.cluster.kernel.now;
    this.lastTrigger = now;
    if (this.windowStart < 0) {
      this.windowStart = now;
      this.cluster.kernel.schedule(now + this.idle, this.kBatch, 0, PRIORITY.scan);
    }
  }

  /** The window closes after `idle` without a trigger, or `maxWindow` after it opened (batcher.go Wait). */
  private onBatchTimer(): void {
    const now = this.cluster.kernel.now;
    const end = Math.min(this.lastTrigger + this.idle, this.windowStart + this.maxWindow);
    if (now < end) {
      this.cluster.kernel.schedule(end, this.kBatch, 0, PRIORITY.scan);
      return;
    }
    this.windowStart = -1;
    this.cluster.waits.scanned(now);
    this.provision(now);
  }

  private onRequeue(): void {
    this.requeueArmed = false;
    if (this.pool.pending.total > 0 || (this.pool.headroom?.pending ?? 0) > 0) this.podPending();
  }

  // Scratch for the NodeClaims of one batch.
  private claimCpu: number[] = [];
  private claimMem: number[] = [];
  private claimPods: number[] = [];
  private claimMask: number[] = [];

  /**
   * One provisioning pass over the pending pods (provisioner.go Schedule): in-flight nodes first,
   * then new NodeClaims, each launched as the cheapest type that fits its pods.
   */
  private provision(now: number): void {
    this.batches++;
    const pool = this.pool;
    const q = pool.pending;
    // Placeholders that fit a Ready node are bound by kube-scheduler before Karpenter sees them;
    // the rest are one more group of pending pods, batched like the workload's.
    const h = pool.headroom;
    const placeholders = h !== undefined ? pool.placePendingPlaceholders(now) : 0;
    if (q.total === 0 && placeholders === 0) return;
    const shapes = pool.shapes;
    const qCpu = placeholders > 0 ? [...q.cpu, (h as NonNullable<typeof h>).cpu] : q.cpu;
    const qMem = placeholders > 0 ? [...q.mem, (h as NonNullable<typeof h>).mem] : q.mem;
    const counts = placeholders > 0 ? [...q.count, placeholders] : q.count.slice();
    const placeholderGroup = placeholders > 0 ? counts.length - 1 : -1;
    // queue.go: pods by CPU, then memory, descending.
    const order: number[] = [];
    for (let g = 0; g < counts.length; g++) if (counts[g] > 0) order.push(g);
    order.sort((a, b) => qCpu[b] - qCpu[a] || qMem[b] - qMem[a]);
    // Ready nodes have no room for them (kube-scheduler would have bound them); nodes still
    // coming up take what fits on them.
    for (let s = 0; s < shapes.length; s++) {
      if (pool.provisioningCount[s] > 0) binpack(shapes[s], qCpu, qMem, counts, order, pool.provisioningCount[s]);
    }
    const lim = this.config.limits;
    let cpuLeft = (lim.cpu ?? Infinity) - this.capacityCpu;
    let memLeft = (lim.memoryGiB ?? Infinity) - this.capacityMem;
    let nodesLeft = this.maxNodes - pool.aliveTotal;
    const cCpu = this.claimCpu;
    const cMem = this.claimMem;
    const cPods = this.claimPods;
    const cMask = this.claimMask;
    cCpu.length = cMem.length = cPods.length = cMask.length = 0;
    const all = (1 << shapes.length) - 1;
    let blocked = false;
    for (const g of order) {
      let k = counts[g];
      if (k <= 0) continue;
      const cpu = qCpu[g];
      const mem = qMem[g];
      // Open NodeClaims first, then new ones.
      for (let c = 0; c < cCpu.length && k > 0; c++) {
        const m = this.fitCount(cMask[c], cCpu[c], cMem[c], cPods[c], cpu, mem, k);
        if (m === 0) continue;
        cCpu[c] += m * cpu;
        cMem[c] += m * mem;
        cPods[c] += m;
        cMask[c] = this.fitting(cMask[c], cCpu[c], cMem[c], cPods[c]);
        k -= m;
      }
      while (k > 0) {
        let allowed = 0;
        if (nodesLeft > 0) {
          for (let s = 0; s < shapes.length; s++) if (shapes[s].vcpu <= cpuLeft && shapes[s].memoryGiB <= memLeft) allowed |= 1 << s;
        }
        const m = allowed === 0 ? 0 : this.fitCount(allowed, 0, 0, 0, cpu, mem, k);
        if (m === 0) break;
        const mask = this.fitting(allowed & all, m * cpu, m * mem, m);
        cCpu.push(m * cpu);
        cMem.push(m * mem);
        cPods.push(m);
        cMask.push(mask);
        let maxCpu = 0;
        let maxMem = 0;
        for (let s = 0; s < shapes.length; s++) {
          if (mask & (1 << s)) {
            if (shapes[s].vcpu > maxCpu) maxCpu = shapes[s].vcpu;
            if (shapes[s].memoryGiB > maxMem) maxMem = shapes[s].memoryGiB;
          }
        }
        cpuLeft -= maxCpu;
        memLeft -= maxMem;
        nodesLeft--;
        k -= m;
      }
      if (k > 0) {
        // A limit left these pods without a node: they wait on it until the next batch at least.
        blocked = true;
        // Placeholders are no workload pods: in no waiting figure.
        if (g === placeholderGroup) continue;
        let which: KarpenterLimit = 'nodePoolMemoryGiB';
        if (nodesLeft <= 0) which = 'maxNodes';
        else if (shapes.every((sh) => sh.vcpu > cpuLeft)) which = 'nodePoolCpu';
        this.blocking = which;
        q.markYoungest(g, k, this.onBlocked);
      }
    }
    for (let c = 0; c < cMask.length; c++) this.launch(this.cheapest(cMask[c]), now);
    // Pods that stay pending are reconciled again and trigger another batch (controller.go RequeueAfter 10 s).
    if ((blocked || q.total > 0 || placeholders > 0) && !this.requeueArmed) {
      this.requeueArmed = true;
      this.cluster.kernel.schedule(now + KARPENTER.podRequeue, this.kRequeue, 0, PRIORITY.scan);
    }
  }

  /** Most of `k` pods (cpu, mem) that fit, with `used`, on some type in `mask`. */
  private fitCount(mask: number, usedCpu: number, usedMem: number, usedPods: number, cpu: number, mem: number, k: number): number {
    const shapes = this.pool.shapes;
    let best = 0;
    for (let s = 0; s < shapes.length; s++) {
      if (!(mask & (1 << s))) continue;
      const sh = shapes[s];
      let m = Math.min(k, sh.podSlots - usedPods);
      if (cpu > 0) m = Math.min(m, Math.floor((sh.podCpu - usedCpu) / cpu + 1e-9));
      if (mem > 0) m = Math.min(m, Math.floor((sh.podMem - usedMem) / mem + 1e-9));
      if (m > best) best = m;
    }
    return best;
  }

  /** The types in `mask` whose room holds (cpu, mem, pods). */
  private fitting(mask: number, cpu: number, mem: number, pods: number): number {
    const shapes = this.pool.shapes;
    let out = 0;
    for (let s = 0; s < shapes.length; s++) {
      const sh = shapes[s];
      if (mask & (1 << s) && cpu <= sh.podCpu + 1e-6 && mem <= sh.podMem + 1e-6 && pods <= sh.podSlots) out |= 1 << s;
    }
    return out;
  }

  /** The cheapest type in `mask` (EC2 Fleet lowest-price); the first listed on a tie. */
  private cheapest(mask: number): number {
    const shapes = this.pool.shapes;
    let best = -1;
    for (let s = 0; s < shapes.length; s++) {
      if (mask & (1 << s) && (best < 0 || shapes[s].pricePerHour < shapes[best].pricePerHour)) best = s;
    }
    return best;
  }

  private launch(s: number, now: number): number {
    const slot = this.pool.launch(s, now, false);
    this.adopt(slot);
    return slot;
  }

  /** Counts a node against the limits and schedules its expiry. */
  private adopt(slot: number): void {
    if (slot >= this.cap) this.grow(slot + 1);
    const shape = this.pool.shapes[this.pool.type[slot]];
    this.counted[slot] = 1;
    this.capacityCpu += shape.vcpu;
    this.capacityMem += shape.memoryGiB;
    this.disrupting[slot] = 0;
    this.expireDue[slot] = 0;
    this.stuckUntil[slot] = -Infinity;
    this.bucketOf[slot] = -1;
    if (this.expireAfter < Infinity) {
      const at = this.pool.launchedAt[slot] + this.expireAfter;
      this.expiries.push(slot, at);
      if (!this.expiryArmed) {
        this.expiryArmed = true;
        this.cluster.kernel.schedule(this.expiries.headDeadline, this.kExpire, 0, PRIORITY.scan);
      }
    }
  }

  // ---- the pool's changes (NodeWatcher) ---------------------------------------------------------

  nodeReady(slot: number): void {
    const now = this.cluster.kernel.now;
    this.lastPodEvent[slot] = now;
    this.roomEvents++;
    const cands = this.awaiting.get(slot);
    if (cands) {
      // The replacement is Ready: drain and delete the nodes it replaces.
      this.awaiting.delete(slot);
      for (const c of cands) this.deleteNode(c, now);
      this.disrupted.underutilized += cands.length;
    }
    if (this.expireDue[slot]) return this.expire(slot, now);
    this.list(slot);
  }

  podsChanged(slot: number): void {
    const now = this.cluster.kernel.now;
    this.lastPodEvent[slot] = now;
    const b = this.bucketOf[slot];
    if (b < 0) return;
    const n = this.pods(slot);
    if (n < b) {
      this.roomEvents++;
      this.stuckUntil[slot] = -Infinity;
    }
    this.unlist(slot);
    this.list(slot);
  }

  nodeLeaving(slot: number): void {
    this.unlist(slot);
    const pool = this.pool;
    if (pool.status[slot] !== NODE.free) return;
    // Gone: no longer counted against the limits.
    if (this.counted[slot]) {
      this.counted[slot] = 0;
      const shape = pool.shapes[pool.type[slot]];
      this.capacityCpu -= shape.vcpu;
      this.capacityMem -= shape.memoryGiB;
    }
    if (this.disrupting[slot]) {
      this.disrupting[slot] = 0;
      this.marked--;
    }
    // A replacement that never registered: the command is abandoned, its nodes untainted.
    const cands = this.awaiting.get(slot);
    if (cands) {
      this.awaiting.delete(slot);
      for (const c of cands) this.unmark(c, true);
    }
  }

  private list(slot: number): void {
    if (this.pool.status[slot] !== NODE.ready || this.disrupting[slot] || this.bucketOf[slot] >= 0) return;
    const b = this.pods(slot);
    this.bucketOf[slot] = b;
    this.prev[slot] = this.tail[b];
    this.next[slot] = -1;
    if (this.tail[b] >= 0) this.next[this.tail[b]] = slot;
    else this.head[b] = slot;
    this.tail[b] = slot;
  }

  private unlist(slot: number): void {
    const b = this.bucketOf[slot];
    if (b < 0) return;
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p >= 0) this.next[p] = n;
    else this.head[b] = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail[b] = p;
    this.bucketOf[slot] = -1;
  }

  // ---- disruption ----------------------------------------------------------------------------

  /** How many more nodes the budget lets this loop disrupt (helpers.go BuildDisruptionBudgetMapping). */
  private allowedDisruptions(): number {
    const pool = this.pool;
    let provisioning = 0;
    for (const n of pool.provisioningCount) provisioning += n;
    // Initialized nodes not terminating; being deleted counts as disrupting.
    const numNodes = pool.aliveTotal - provisioning;
    const disrupting = this.marked + pool.deleting;
    const allowed = this.budgetPercent < 0 ? this.budgetNodes : Math.ceil((numNodes * this.budgetPercent) / 100);
    const byFloor = pool.aliveTotal - pool.deleting - this.marked - this.minNodes;
    return Math.max(0, Math.min(allowed - disrupting, byFloor));
  }

  private disruptionLoop(): void {
    if (this.validating) return;
    const now = this.cluster.kernel.now;
    if (this.computeCommand(now)) {
      this.validating = true;
      this.cluster.kernel.schedule(now + KARPENTER.validationDelay, this.kValidate, 0, PRIORITY.scan);
    } else {
      this.cluster.kernel.schedule(now + KARPENTER.pollingPeriod, this.kLoop, 0, PRIORITY.scan);
    }
  }

  private readonly candidates: number[] = [];

  /** Emptiness, then multi-node, then single-node consolidation; true when one found a command (in `command`). */
  private computeCommand(now: number): boolean {
    const budget = this.allowedDisruptions();
    if (budget <= 0) return false;
    const cmd = this.command;
    cmd.length = 0;
    const after = this.consolidateAfter;
    // Emptiness: the empty list is in order of the last pod event, oldest first.
    for (let slot = this.head[0]; slot >= 0 && cmd.length < budget; slot = this.next[slot]) {
      if (this.lastPodEvent[slot] + after > now) break;
      cmd.push(slot);
    }
    if (cmd.length > 0) {
      this.commandKind = EMPTY;
      this.commandReplacement = -1;
      for (const slot of cmd) this.mark(slot);
      return true;
    }
    if (this.config.consolidationPolicy !== 'WhenEmptyOrUnderutilized') return false;
    // Nothing freed room since consolidation last found nothing: it would find nothing again
    // (state/cluster.go IsConsolidated, with its 5-minute timeout).
    if (this.roomEvents === this.consolidatedRoom && now - this.consolidatedAt < KARPENTER.consolidatedTimeout) return false;
    const window = Math.min(budget, KARPENTER.maxMultiNodeCandidates);
    this.work.loops++;
    const cands = this.candidates;
    cands.length = 0;
    const want = window + KARPENTER.singleNodeCandidates;
    let visits = 4 * want;
    for (let b = 1; b < this.head.length && cands.length < want && visits > 0; b++) {
      for (let slot = this.head[b]; slot >= 0 && cands.length < want && visits-- > 0; slot = this.next[slot]) {
        if (this.lastPodEvent[slot] + after <= now && !(this.stuckUntil[slot] > now)) cands.push(slot);
      }
    }
    // Multi-node: the longest prefix of the window that can go.
    const n = this.longestPrefix(cands, Math.min(window, cands.length));
    if (n > 0) {
      for (let i = 0; i < n; i++) cmd.push(cands[i]);
    } else if (cands.length > 0) {
      // The first candidate cannot go even alone. Single-node: the first one that can.
      this.stuckUntil[cands[0]] = now + KARPENTER.consolidatedTimeout;
      for (let i = 1; i < cands.length && cmd.length === 0; i++) {
        const one = [cands[i]];
        if (this.longestPrefix(one, 1) === 1) cmd.push(cands[i]);
        else this.stuckUntil[cands[i]] = now + KARPENTER.consolidatedTimeout;
      }
    }
    if (cmd.length === 0) {
      this.consolidatedRoom = this.roomEvents;
      this.consolidatedAt = now;
      return false;
    }
    this.commandKind = CONSOLIDATE;
    this.commandReplacement = this.prefixReplacement;
    for (const slot of cmd) this.mark(slot);
    return true;
  }

  /** Replacement type of the prefix `longestPrefix` found (-1: none needed). */
  private prefixReplacement = -1;
  private readonly resTarget: number[] = [];
  private readonly resPod: number[] = [];

  /**
   * Karpenter's consolidation simulation (consolidation.go computeConsolidation) over the first
   * `count` of `cands`, which leave scheduling meanwhile: each of their pods goes to the best Ready
   * node elsewhere (its room taken for the pods after it), or, if none has room, into one new node.
   * A prefix is valid if all its pods fit elsewhere (delete), or the rest fit one node of a type
   * cheaper than the prefix's nodes together (replace). Returns the longest valid prefix's length
   * (its replacement type in `prefixReplacement`); stops at the first prefix whose leftovers no
   * single type holds. Changes nothing in the end.
   */
  private longestPrefix(cands: readonly number[], count: number): number {
    const pool = this.pool;
    const shapes = pool.shapes;
    const cpu = this.cluster.pods.cpu;
    const mem = this.cluster.pods.mem;
    const index = pool.index;
    const h = pool.headroom;
    const resTarget = this.resTarget;
    const resPod = this.resPod;
    resTarget.length = resPod.length = 0;
    for (let i = 0; i < count; i++) pool.cordon(cands[i]);
    const all = (1 << shapes.length) - 1;
    let binCpu = 0;
    let binMem = 0;
    let binPods = 0;
    let price = 0;
    let best = 0;
    this.prefixReplacement = -1;
    // The most one new node could hold, per dimension: over every type, or for a lone candidate
    // over the types cheaper than it (its only valid replacements). Leftovers past it make the
    // candidate fail whatever its other pods do, so its simulation stops there (same outcome,
    // fewer placements: most single-node tries fail on their first pod that fits nowhere).
    let limCpu = -1;
    let limMem = -1;
    let limPods = -1;
    const lone = count === 1 ? shapes[pool.type[cands[0]]].pricePerHour : Infinity;
    for (const sh of shapes) {
      if (!(sh.pricePerHour < lone)) continue;
      if (sh.podCpu > limCpu) limCpu = sh.podCpu;
      if (sh.podMem > limMem) limMem = sh.podMem;
      if (sh.podSlots > limPods) limPods = sh.podSlots;
    }
    limCpu += 1e-6;
    limMem += 1e-6;
    outer: for (let i = 0; i < count; i++) {
      const c = cands[i];
      let addCpu = 0;
      let addMem = 0;
      let addPods = 0;
      for (let pod = pool.firstPodOnNode(c); pod >= 0; pod = pool.nextPodOnNode(pod)) {
        const t = index.best(cpu[pod], mem[pod]);
        this.work.podsSimulated++;
        if (t >= 0) {
          pool.reserve(t, cpu[pod], mem[pod], 1);
          resTarget.push(t);
          resPod.push(pod);
        } else {
          addCpu += cpu[pod];
          addMem += mem[pod];
          addPods++;
          if (binCpu + addCpu > limCpu || binMem + addMem > limMem || binPods + addPods > limPods) break outer;
        }
      }
      // Its placeholders move like any pod (the simulation knows no preemption): to free room
      // elsewhere, else onto the replacement.
      const held = h === undefined ? 0 : h.count[c];
      for (let p = 0; p < held; p++) {
        const hh = h as NonNullable<typeof h>;
        const t = index.best(hh.cpu, hh.mem);
        this.work.podsSimulated++;
        if (t >= 0) {
          pool.reserve(t, hh.cpu, hh.mem, 1);
          resTarget.push(t);
          resPod.push(-1);
        } else {
          addCpu += hh.cpu;
          addMem += hh.mem;
          addPods++;
          if (binCpu + addCpu > limCpu || binMem + addMem > limMem || binPods + addPods > limPods) break outer;
        }
      }
      let mask = all;
      if (binPods + addPods > 0) mask = this.fitting(all, binCpu + addCpu, binMem + addMem, binPods + addPods);
      if (mask === 0) {
        // Its leftovers need a second new node: no longer one command.
        break;
      }
      binCpu += addCpu;
      binMem += addMem;
      binPods += addPods;
      price += shapes[pool.type[c]].pricePerHour;
      if (binPods === 0) {
        best = i + 1;
        this.prefixReplacement = -1;
      } else {
        const t = this.cheapest(mask);
        if (shapes[t].pricePerHour < price) {
          best = i + 1;
          this.prefixReplacement = t;
        }
      }
    }
    // Give the room back, then update each target's index entry once.
    const call = ++this.work.simulations;
    const touched = this.touched;
    for (let r = 0; r < resTarget.length; r++) {
      const t = resTarget[r];
      const pod = resPod[r];
      // -1: a placeholder.
      pool.freeCpu[t] += pod >= 0 ? cpu[pod] : (h as NonNullable<typeof h>).cpu;
      pool.freeMem[t] += pod >= 0 ? mem[pod] : (h as NonNullable<typeof h>).mem;
      pool.freePods[t]++;
    }
    for (let r = 0; r < resTarget.length; r++) {
      const t = resTarget[r];
      if (touched[t] === call) continue;
      touched[t] = call;
      pool.reserve(t, 0, 0, 0);
    }
    for (let i = 0; i < count; i++) pool.uncordon(cands[i]);
    return best;
  }

  private mark(slot: number): void {
    this.unlist(slot);
    this.disrupting[slot] = 1;
    this.marked++;
  }

  /** Takes a node out of a command that will not happen; `tainted`: it was cordoned for it. */
  private unmark(slot: number, tainted: boolean): void {
    if (!this.disrupting[slot]) return;
    this.disrupting[slot] = 0;
    this.marked--;
    if (this.pool.status[slot] !== NODE.ready) return;
    if (tainted) this.pool.uncordon(slot);
    if (this.expireDue[slot]) return this.expire(slot, this.cluster.kernel.now);
    this.list(slot);
  }

  /**
   * 15 s after a command was computed (validation.go): it still holds if its nodes are still
   * there (and, for emptiness, still empty) and, for consolidation, the same simulation still
   * allows it. Then it runs; else it is abandoned. Either way the loop runs again at once.
   */
  private validate(): void {
    const now = this.cluster.kernel.now;
    this.validating = false;
    const pool = this.pool;
    const cmd = this.command.slice();
    let ok = cmd.every((s) => pool.status[s] === NODE.ready && this.disrupting[s] === 1);
    if (ok && this.commandKind === EMPTY) ok = cmd.every((s) => this.pods(s) === 0);
    let replacement = this.commandReplacement;
    if (ok && this.commandKind === CONSOLIDATE) {
      ok = this.longestPrefix(cmd, cmd.length) === cmd.length;
      replacement = this.prefixReplacement;
    }
    if (!ok) {
      for (const s of cmd) this.unmark(s, false);
    } else if (replacement < 0) {
      // Tainted together: no pod evicted from one lands on another of the same command.
      for (const s of cmd) pool.cordon(s);
      for (const s of cmd) this.deleteNode(s, now);
      if (this.commandKind === EMPTY) this.disrupted.empty += cmd.length;
      else this.disrupted.underutilized += cmd.length;
    } else {
      // Taint the nodes, launch the replacement; they are drained once it is Ready.
      for (const s of cmd) pool.cordon(s);
      const r = this.launch(replacement, now);
      this.disrupted.replacements++;
      this.awaiting.set(r, cmd);
    }
    this.cluster.kernel.schedule(now, this.kLoop, 0, PRIORITY.scan);
  }

  /** Drains a node (its pods go elsewhere or pending) and deletes it, billed until its pods have exited. */
  private deleteNode(slot: number, now: number): void {
    const pool = this.pool;
    if (this.disrupting[slot]) {
      this.disrupting[slot] = 0;
      this.marked--;
    }
    this.unlist(slot);
    // A spot node interrupted meanwhile is the provider's to reclaim.
    if (pool.status[slot] !== NODE.ready) return;
    if (pool.podCount[slot] === 0) return pool.beginDeletion(slot, now, now);
    pool.evictAll(slot, now);
    pool.beginDeletion(slot, now, now + this.drain.sample());
  }

  // ---- expiration ------------------------------------------------------------------------------

  private onExpiries(): void {
    const now = this.cluster.kernel.now;
    const q = this.expiries;
    const pool = this.pool;
    while (q.size > 0 && q.headDeadline <= now) {
      const due = q.headDeadline;
      const slot = q.shift();
      // A slot reused since holds a later deadline: this entry is stale.
      if (pool.status[slot] === NODE.free || pool.status[slot] === NODE.deleting || pool.launchedAt[slot] + this.expireAfter !== due) continue;
      if (pool.status[slot] === NODE.provisioning || this.disrupting[slot]) this.expireDue[slot] = 1;
      else this.expire(slot, now);
    }
    this.expiryArmed = q.size > 0;
    if (this.expiryArmed) this.cluster.kernel.schedule(q.headDeadline, this.kExpire, 0, PRIORITY.scan);
  }

  /** expireAfter reached: drained and deleted whatever the budget (its pods trigger a batch if they find no room). */
  private expire(slot: number, now: number): void {
    this.expireDue[slot] = 0;
    this.disrupted.expired++;
    this.deleteNode(slot, now);
  }
}
