import { LEVEL } from '../metrics/recorder.ts';
import { CAUSE, NODE_STAGE_EDGES } from '../metrics/waits.ts';
import type { NodePool as NodePoolConfig } from '../scenario/strategy.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import { stopPaying } from './billing.ts';
import { Cluster, NOWHERE, ON_SERVERLESS, POD, PRIORITY } from './cluster.ts';
import { Headroom } from './headroom.ts';
import type { NodeShape } from './nodeShape.ts';
import { PendingQueue } from './pendingQueue.ts';
import { PlacementIndex } from './placementIndex.ts';
import { ImagePullTime } from './imagePullTime.ts';
import { ProvisioningPipeline } from './provisioningPipeline.ts';
import { resolveProvisioning } from './resolveProvisioning.ts';
import { Random } from '../sim/random.ts';
import { MAX_NODES } from '../scenario/limits.ts';
import { replaceable } from '../sim/replaceable.ts';
import { leastFreeUnder } from './underThreshold.ts';

/** `interrupted`: a spot node after its interruption notice (out of scheduling until it is reclaimed). */
/** dropped: a node given up on before it was created whose Ready or give-up event is still to come (the slot is reused after it). */
export const NODE = { free: 0, provisioning: 1, ready: 2, deleting: 3, interrupted: 4, dropped: 5 } as const;

/**
 * Spot / preemptible capacity plugged into a pool (src/models/spot.ts): it prices each launch
 * (spot, or the on-demand fallback) and starts a node's interruptions once it is Ready.
 */
export interface NodeCapacity {
  /** Price per hour of the node just launched in `slot` with shape `s`. */
  launched(slot: number, s: number, now: number): number;
  ready(slot: number, now: number): void;
  isSpot(slot: number): boolean;
}

/**
 * Told of node and pod changes by the pool, so a provisioner can keep its own view (Karpenter: its
 * batch trigger and its consolidation candidates) without scanning the nodes.
 */
export interface NodeWatcher {
  /** A pod joined the pending queue. */
  podPending(pod: number): void;
  /** The node became Ready (after taking the pending pods that fit it). */
  nodeReady(slot: number): void;
  /** A pod was bound to the node or left it (podCount changed). */
  podsChanged(slot: number): void;
  /** The node is being deleted or is gone (out of scheduling for good). */
  nodeLeaving(slot: number): void;
}

/** Whether the pool needs placeholders at some time: its Deployment has replicas now or by its schedule. */
export function headroomWanted(h: NonNullable<NodePoolConfig['headroom']>): boolean {
  return h.placeholderPods > 0 || (h.schedule ?? []).some((a) => a.placeholderPods > 0);
}

/** Most pod classes for which a node keeps its images in a table (`NodePool.imageAt`), not a Map. */
const IMAGE_TABLE_CLASSES = 16;

/**
 * A removal simulation outside cluster-autoscaler's walk excludes no node: a walk excludes the
 * nodes listed before the candidate it simulates (`W_POS` below the candidate's), and positions
 * are never negative.
 */
const NO_WALK = 0;

/**
 * What cluster-autoscaler's walk reads per candidate, side by side in `walkState` (one cache line
 * for four nodes instead of a miss per array): its position in `candidates` (UNLISTED when it is
 * not listed), whether it is in the `watched` list, the latest update that found the node
 * unneeded (stored when the node leaves the unneeded prefix: see `unneededUpdate`), and flags
 * saying whether its last simulation still holds.
 */
const W_POS = 0;
const W_WATCHED = 1;
const W_UPDATE = 2;
const W_FLAGS = 3;
const W_STRIDE = 4;
/** `W_POS` of a node not in `candidates`: above any position, so never "listed before" a candidate. */
const UNLISTED = 0x7fffffff;
/** A pod was bound to the node since its pods were last found movable. */
const ATTACHED = 1;
/** A node some pod was to move to has lost room (or left) since then. */
const STALE = 2;
/** No simulation holds: never simulated, or the last one found no place for some pod. */
const UNSIMULATED = 4;

/**
 * What the removal simulation keeps per pod, side by side in `podMoves` (it reads all of them for
 * each pod it moves, and pods on a node are scattered over the pod table: one cache miss instead
 * of two): [previous, next] pod in the same dependents list (previous -2: in no list), and where
 * the pod went in its node's latest successful removal simulation (negative: nowhere yet).
 */
const PM_PREV = 0;
const PM_NEXT = 1;
const PM_TO = 2;
const PM_STRIDE = 3;

/**
 * A node pool: nodes of one or more shapes, kube-scheduler placement (NodeResourcesFit scoring),
 * kubelet pod start (sandbox, then the image pull unless the node already has the image), node
 * billing from launch request to removal, and the queue of unschedulable pods.
 *
 * Nodes live in reusable slots of typed arrays. Per node it keeps its pods as a linked list and
 * whether it is underutilized (cluster-autoscaler's scale-down candidates) in a list ordered by
 * when it became so. Whether a candidate is *unneeded* (its pods could move elsewhere) is
 * cluster-autoscaler's to decide at each scan; the pool keeps that verdict's timer per node.
 */
export class NodePool {
  readonly shapes: NodeShape[];
  readonly index: PlacementIndex;
  readonly pending: PendingQueue;
  private readonly sandbox: DelaySampler;
  private readonly imagePull: ImagePullTime;
  /** A node's stages from the scale-up decision to Ready (provider preset). */
  readonly pipeline: ProvisioningPipeline;
  private readonly bill: { granularitySeconds: number; minimumSeconds: number };

  // Node slots.
  private cap = 0;
  type = new Uint16Array(0);
  status = new Uint8Array(0);
  /** When the cloud started (or will start) billing the node. */
  launchedAt = new Float64Array(0);
  /** When cluster-autoscaler's request for the node left (its decision plus its loop time). */
  requestedAt = new Float64Array(0);
  /**
   * Per node, NODE_STAGE_EDGES times (see metrics/waits.ts): the scale-up decision, the request
   * leaving the autoscaler, the node group starting its launches, the node passing the group's
   * launch rate, the cloud's create call granted, Ready. A pod bound to the node has its
   * provisioning wait split at these.
   */
  private stageTimes = new Float64Array(0);
  freeCpu = new Float64Array(0);
  freeMem = new Float64Array(0);
  freePods = new Int32Array(0);
  podCount = new Int32Array(0);
  /** The image first pulled on the node (a pod class: each workload runs its own image), and when it was there. */
  imageCls = new Int32Array(0);
  imageReadyAt = new Float64Array(0);
  /**
   * With a few pod classes (IMAGE_TABLE_CLASSES at most), when each class's image is there, per
   * node and class, [slot * imageStride + cls] (NaN: not pulled): nodes run several workloads, so
   * a lookup per bind in `moreImages` (two Map lookups) was one of the larger costs of a bind.
   * imageStride 0: more classes, `imageCls` and `moreImages` instead.
   */
  private imageAt = new Float64Array(0);
  private readonly imageStride: number;
  /** With serialized pulls (kubelet serializeImagePulls), when the node's one pull slot is free. */
  pullFreeAt = new Float64Array(0);
  /** What the node costs per hour (its shape's price, or its spot price). */
  pricePerHour = new Float64Array(0);
  /** When the node became underutilized (NaN when it is not, or while it waits for a recheck). */
  underutilizedSince = new Float64Array(0);
  /**
   * cluster-autoscaler's unneeded timer: since when the node has been found unneeded (under the
   * threshold and its pods movable) at every scale-down update in a row. Valid while
   * `unneededUpdate(slot)` is the autoscaler's latest update.
   */
  unneededSince = new Float64Array(0);
  /** Found unremovable (NoPlaceToMovePods): not a candidate again before this time. */
  recheckAt = new Float64Array(0);
  /** Per node, W_STRIDE int32s: see W_POS ... W_FLAGS. */
  private walkState = new Int32Array(0);
  /** Per node: the pods whose last simulated move goes to it (a doubly linked list over pods). */
  private dependentsHead = new Int32Array(0);
  private podHead = new Int32Array(0);
  private freeSlots: number[] = [];
  private slotsUsed = 0;
  /**
   * Per node group (shape), the nodes asked for whose instance is not created yet, in the order
   * they were asked for (their create times ascend): slots and create times, read from `createHead`.
   * Stale entries (created, or gone) are skipped when read.
   */
  private readonly notCreated: Array<{ slots: number[]; grantedAt: number[] }>;
  private readonly createHead: number[];
  /**
   * Underutilized nodes (cluster-autoscaler's scale-down candidates), oldest first: the entries
   * from `candidatesStart` to `candidatesEnd`, -1 for a node taken off the list since (dropped
   * when they outnumber the nodes: `endCandidateWalk`, `compactCandidates`). An array, not a linked list: the walk reads the
   * next node's slot without waiting for the current node's state to come from memory, so the
   * cache misses of successive nodes overlap (following the list's links was most of the walk's
   * time). Replaced when it grows: read it again after anything that lists a node.
   */
  candidates = new Int32Array(64);
  candidatesStart = 0;
  candidatesEnd = 0;
  /** The oldest candidate, -1 if there is none (for tests: the walk reads `candidates`). */
  get underutilizedHead(): number {
    for (let i = this.candidatesStart; i < this.candidatesEnd; i++) if (this.candidates[i] >= 0) return this.candidates[i];
    return -1;
  }

  // Pods on nodes: a doubly linked list per node.
  /** [previous, next] pod on the same node, interleaved (one cache line per pod, not two). */
  private podLinks: Int32Array;

  /** Nodes alive (provisioning or ready), by shape and in all. */
  readonly alive: number[];
  aliveTotal = 0;
  readonly provisioningCount: number[];
  launched = 0;
  /** Nodes cluster-autoscaler is deleting (drained, not yet terminated: still billed). */
  deleting = 0;
  /** Karpenter's view of the pool (undefined under cluster-autoscaler). */
  watcher: NodeWatcher | undefined;
  /** Called when a node of shape `s` did not register in time (cluster-autoscaler backs the group off). */
  onProvisionFailed: ((s: number, now: number) => void) | undefined;
  failedToRegister = 0;
  /** Of `failedToRegister`, the placeholders whose instance was never created (see ProvisioningPipeline.plan). */
  neverCreated = 0;
  removed = 0;
  /** Pods currently bound to nodes (for ResourcePolicy unit max). */
  bound = 0;
  /** Node compute billed so far (each node billed when it is removed or at the end). */
  get nodeCost(): number {
    return this.billed + 0;
  }
  /**
   * `nodeCost`, kept from -0 on (+ 0 in the getter makes it 0): a field that starts as a small
   * integer and later holds a fraction changes the pool's hidden class mid-run, which throws away
   * the optimized code of every pool method (then compiled again); -0 is a double from the start.
   */
  private billed = -0;
  /** Spot capacity, when the pool buys it. */
  capacity: NodeCapacity | undefined;
  /** Told each node's billing when it stops: [since, until], billed seconds, price per second (commitments count usage by the hour). */
  onNodeBilled: ((slot: number, since: number, until: number, billedSeconds: number, perSecond: number) => void) | undefined;
  private readonly utilizationThreshold: number;
  /** Per shape, the least free CPU and memory under the utilization threshold (`leastFreeUnder`). */
  private readonly leastFreeCpu: Float64Array;
  private readonly leastFreeMem: Float64Array;
  /** False if some shape's allocatable is not positive (no cut): `utilization` is computed then. */
  private readonly cutsExact: boolean;
  private readonly kReady: number;
  private readonly kFailed: number;
  private readonly kTerminated: number;
  private readonly kFinish: number;
  /** Largest pod-usable CPU and memory over the shapes (a pod bigger than this never fits). */
  readonly maxPodCpu: number;
  readonly maxPodMem: number;
  /** Overprovisioning placeholder pods (see headroom.ts), when the pool has them. */
  readonly headroom: Headroom | undefined;

  constructor(
    private readonly cluster: Cluster,
    config: NodePoolConfig,
    shapes: NodeShape[],
  ) {
    this.shapes = shapes;
    this.candidates = replaceable(this.candidates);
    this.watched = replaceable(this.watched);
    this.visitAt = replaceable(this.visitAt);
    const classes = cluster.pods.classNames.length;
    this.imageStride = classes <= IMAGE_TABLE_CLASSES ? classes : 0;
    const rng = cluster.rng;
    this.sandbox = new DelaySampler(config.podStart.sandbox, rng);
    const provisioning = resolveProvisioning(config);
    this.imagePull = new ImagePullTime(config.podStart.imagePull, rng, cluster.pods.imageSizeMiB, provisioning.imagePull);
    this.serializeImagePulls = provisioning.serializeImagePulls;
    // A custom pool keeps drawing its one delay from the shared stream, as before the stages; a
    // provider preset's stages have a stream of their own, so they do not shift the pod starts.
    this.pipeline = new ProvisioningPipeline(provisioning, provisioning.preset === 'custom' ? rng : new Random(rng.uint32(), 13));
    this.pipeline.direct = config.karpenter !== undefined;
    this.bill = config.billing;
    // Karpenter deletes a NodeClaim not registered within 15 min (nodeclaim/lifecycle/liveness.go registrationTimeout).
    this.maxNodeProvisionTime = config.autoscaler?.maxNodeProvisionTime ?? (config.karpenter ? 900 : Infinity);
    // Karpenter has no utilization threshold: no cluster-autoscaler candidate list to keep.
    this.utilizationThreshold = config.karpenter ? 0 : (config.autoscaler?.scaleDownUtilizationThreshold ?? 0);
    const cuts = shapes.map((s) => [leastFreeUnder(s.allocatableCpu, this.utilizationThreshold), leastFreeUnder(s.allocatableMem, this.utilizationThreshold)]);
    this.cutsExact = cuts.every(([c, m]) => c !== undefined && m !== undefined);
    this.leastFreeCpu = Float64Array.from(cuts, ([c]) => c ?? NaN);
    this.leastFreeMem = Float64Array.from(cuts, ([, m]) => m ?? NaN);
    this.index = new PlacementIndex(config.scoring === 'MostAllocated', 64);
    this.pending = new PendingQueue(cluster.pods.count);
    this.podLinks = new Int32Array(2 * cluster.pods.count);
    this.podMoves = new Int32Array(PM_STRIDE * cluster.pods.count).fill(-2);
    this.alive = shapes.map(() => 0);
    this.provisioningCount = shapes.map(() => 0);
    this.notCreated = shapes.map(() => ({ slots: [], grantedAt: [] }));
    this.createHead = shapes.map(() => 0);
    this.maxPodCpu = Math.max(...shapes.map((s) => s.podCpu));
    this.maxPodMem = Math.max(...shapes.map((s) => s.podMem));
    this.headroom = config.headroom && headroomWanted(config.headroom) ? new Headroom(config.headroom, config.scoring === 'MostAllocated', rng.uint32()) : undefined;
    const k = cluster.kernel;
    this.kReady = k.on('nodeReady', (slot) => this.onNodeReady(slot));
    this.kFailed = k.on('nodeNotRegistered', (slot) => this.onNodeFailed(slot));
    this.kTerminated = k.on('nodeTerminated', (slot) => this.onTerminated(slot));
    this.kFinish = k.on('podFinishedOnNode', (pod) => this.onPodFinished(pod));
    // Room for maxNodes slots from the start (more only if dropped or deleting nodes still hold
    // slots): doubling from 64 copied every slot array a dozen times in a large scale-up, and
    // the memory is only touched as nodes launch (`grow` fills only what `launch` does not set).
    this.grow(Math.min(config.maxNodes, MAX_NODES));
  }

  private readonly maxNodeProvisionTime: number;

  // ---- node slots -------------------------------------------------------------------------

  /**
   * Room for at least `min` node slots. The new slots are left zeroed (untouched memory costs
   * nothing until written): `launch` sets every per-slot field a new node reads.
   */
  private grow(min: number): void {
    let cap = Math.max(64, this.cap * 2);
    while (cap < min) cap *= 2;
    const g = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.type = g(this.type);
    this.status = g(this.status);
    this.launchedAt = g(this.launchedAt);
    this.requestedAt = g(this.requestedAt);
    const st = new Float64Array(cap * NODE_STAGE_EDGES);
    st.set(this.stageTimes);
    this.stageTimes = st;
    this.freeCpu = g(this.freeCpu);
    this.freeMem = g(this.freeMem);
    this.freePods = g(this.freePods);
    this.podCount = g(this.podCount);
    this.imageCls = g(this.imageCls);
    this.imageReadyAt = g(this.imageReadyAt);
    if (this.imageStride > 0) {
      const images = new Float64Array(cap * this.imageStride);
      images.set(this.imageAt);
      this.imageAt = images;
    }
    this.pullFreeAt = g(this.pullFreeAt);
    this.pricePerHour = g(this.pricePerHour);
    this.underutilizedSince = g(this.underutilizedSince);
    this.unneededSince = g(this.unneededSince);
    this.recheckAt = g(this.recheckAt);
    const w = new Int32Array(cap * W_STRIDE);
    w.set(this.walkState);
    this.walkState = w;
    this.dependentsHead = g(this.dependentsHead);
    this.podHead = g(this.podHead);
    this.simulatedIn = g(this.simulatedIn);
    this.headroom?.grow(cap);
    this.cap = cap;
  }

  /**
   * Requests a node of shape `s` at `now` (cluster-autoscaler's decision); its node group starts
   * launching it at `groupStart` (see `ProvisioningPipeline`); CA's request left at `requestAt`. `readyNow` is for nodes that exist
   * at the start. The node counts as requested from `now`; the cloud bills it from its billing
   * start (the create call, or running). A node whose Ready would come after
   * max-node-provision-time never registers: cluster-autoscaler gives up on it then, billed from
   * its billing start if that came first, like an instance that booted but never joined.
   */
  launch(s: number, now: number, readyNow: boolean, groupStart = now, requestAt = now): number {
    let slot: number;
    if (this.freeSlots.length > 0) slot = this.freeSlots.pop() as number;
    else {
      slot = this.slotsUsed++;
      if (slot >= this.cap) this.grow(slot + 1);
      // A slot's first use: what `grow` left zeroed and `launch` does not set below (a reused
      // slot keeps it from its last node: -1 and UNLISTED once the node left; a reused slot's
      // watched mark stays with its entry in `watched`, which the next walk drops).
      this.dependentsHead[slot] = -1;
      this.walkState[W_STRIDE * slot + W_POS] = UNLISTED;
    }
    const shape = this.shapes[s];
    this.type[slot] = s;
    this.status[slot] = NODE.provisioning;
    this.requestedAt[slot] = requestAt;
    this.freeCpu[slot] = shape.podCpu;
    this.freeMem[slot] = shape.podMem;
    this.freePods[slot] = shape.podSlots;
    this.podCount[slot] = 0;
    this.imageCls[slot] = -1;
    this.imageReadyAt[slot] = Infinity;
    this.pullFreeAt[slot] = -Infinity;
    const stride = this.imageStride;
    if (stride > 0) for (let i = slot * stride, end = i + stride; i < end; i++) this.imageAt[i] = NaN;
    else this.moreImages.delete(slot);
    this.underutilizedSince[slot] = NaN;
    this.unneededSince[slot] = NaN;
    this.recheckAt[slot] = -Infinity;
    this.walkState[W_STRIDE * slot + W_UPDATE] = -1;
    this.walkState[W_STRIDE * slot + W_FLAGS] = UNSIMULATED;
    this.podHead[slot] = -1;
    const price = this.capacity ? this.capacity.launched(slot, s, now) : shape.pricePerHour;
    this.pricePerHour[slot] = price;
    if (this.headroom) this.headroom.count[slot] = 0;
    this.alive[s]++;
    this.aliveTotal++;
    this.provisioningCount[s]++;
    this.launched++;
    const r = this.cluster.recorder;
    r.change(now, LEVEL.nodes, 1);
    let billFrom = now;
    let readyAt = now;
    const e = NODE_STAGE_EDGES * slot;
    const stages = this.stageTimes;
    if (!readyNow) {
      const p = this.pipeline;
      p.plan(groupStart, s, now + this.maxNodeProvisionTime);
      billFrom = p.billingStart;
      readyAt = p.readyAt;
      stages[e] = now;
      stages[e + 1] = requestAt;
      stages[e + 2] = groupStart;
      stages[e + 3] = p.groupPassedAt;
      stages[e + 4] = p.grantedAt;
      stages[e + 5] = readyAt;
    } else {
      stages.fill(now, e, e + NODE_STAGE_EDGES);
    }
    this.launchedAt[slot] = billFrom;
    // Billing may start later than now (the instance is running later): recorded in advance.
    r.at(billFrom);
    r.add(LEVEL.paidCpu, shape.vcpu);
    r.add(LEVEL.paidMem, shape.memoryGiB);
    r.add(LEVEL.costRate, price / 3600);
    if (readyNow) {
      this.onNodeReady(slot);
    } else {
      const k = this.cluster.kernel;
      if (stages[e + 4] > now && !this.pipeline.direct) {
        const q = this.notCreated[s];
        // Entries created by now are stale: forget them (in bulk, so that the lists stay short).
        let head = this.createHead[s];
        while (head < q.grantedAt.length && q.grantedAt[head] <= now) head++;
        if (head >= 1024 && 2 * head >= q.grantedAt.length) {
          q.slots.splice(0, head);
          q.grantedAt.splice(0, head);
          head = 0;
        }
        this.createHead[s] = head;
        q.slots.push(slot);
        q.grantedAt.push(stages[e + 4]);
      }
      if (readyAt - now > this.maxNodeProvisionTime) k.schedule(now + this.maxNodeProvisionTime, this.kFailed, slot, PRIORITY.nodeReady);
      else k.schedule(readyAt, this.kReady, slot, PRIORITY.nodeReady);
    }
    return slot;
  }

  private onNodeReady(slot: number): void {
    if (this.status[slot] === NODE.dropped) return this.reuse(slot);
    this.status[slot] = NODE.ready;
    this.cluster.recorder.change(this.cluster.kernel.now, LEVEL.nodesReady, 1);
    this.provisioningCount[this.type[slot]]--;
    this.fillThenUpdate(slot, this.cluster.kernel.now);
    this.reindex(slot);
    this.capacity?.ready(slot, this.cluster.kernel.now);
    this.watcher?.nodeReady(slot);
  }

  private onNodeFailed(slot: number): void {
    if (this.status[slot] === NODE.dropped) return this.reuse(slot);
    const s = this.type[slot];
    this.provisioningCount[s]--;
    this.failedToRegister++;
    const now = this.cluster.kernel.now;
    // Its create call would have been granted after now: the instance never existed.
    const placeholder = this.stageTimes[NODE_STAGE_EDGES * slot + 4] > now;
    if (placeholder) this.neverCreated++;
    this.remove(slot, now);
    if (placeholder && !this.pipeline.direct) this.dropNotCreated(s, now);
    this.onProvisionFailed?.(s, now);
  }

  /**
   * cluster-autoscaler gave up on a node of group `s` that was never created: on AWS, deleting
   * such a placeholder instance sets the Auto Scaling group's desired capacity to the instances it
   * has (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/auto_scaling_groups.go,
   * DeleteInstances, @55c37cd5eb55), so every instance of the group not yet created is dropped
   * with it, also those that would have come up in time; pods wait for a later scale-up (the group
   * is backed off). Their launch tokens go back: the group launches nothing it was asked for before.
   */
  private dropNotCreated(s: number, now: number): void {
    const q = this.notCreated[s];
    const e = NODE_STAGE_EDGES;
    for (let i = this.createHead[s]; i < q.slots.length; i++) {
      const slot = q.slots[i];
      const granted = q.grantedAt[i];
      // Skip stale entries: created by now, or already gone (given up, dropped, the slot reused).
      if (granted <= now || this.status[slot] !== NODE.provisioning || this.type[slot] !== s || this.stageTimes[e * slot + 4] !== granted) continue;
      this.provisioningCount[s]--;
      this.failedToRegister++;
      this.neverCreated++;
      this.pipeline.withdraw(granted, this.stageTimes[e * slot] + this.maxNodeProvisionTime, now);
      this.remove(slot, now, false);
      this.status[slot] = NODE.dropped;
    }
    q.slots.length = 0;
    q.grantedAt.length = 0;
    this.createHead[s] = 0;
    this.pipeline.resetNodeGroup(s, now);
  }

  /** A dropped node's own event came: its slot can hold a new node now. */
  private reuse(slot: number): void {
    this.status[slot] = NODE.free;
    this.freeSlots.push(slot);
  }

  /**
   * cluster-autoscaler deletes a drained (or empty) node: out of scheduling now, terminated and
   * billed until `terminatedAt` (the taint delay, and the drained pods' graceful termination).
   */
  beginDeletion(slot: number, now: number, terminatedAt: number): void {
    if (this.podCount[slot] !== 0) throw new Error(`node ${slot} still has ${this.podCount[slot]} pods`);
    this.unlistUnderutilized(slot);
    this.index.clear(slot);
    if (this.headroom !== undefined && this.headroom.count[slot] > 0) this.movePlaceholders(slot, now);
    this.status[slot] = NODE.deleting;
    this.deleting++;
    this.watcher?.nodeLeaving(slot);
    if (this.dependentsHead[slot] >= 0) this.invalidateDependents(slot);
    if (terminatedAt <= now) this.onTerminated(slot, now);
    else this.cluster.kernel.schedule(terminatedAt, this.kTerminated, slot, PRIORITY.nodeReady);
  }

  private onTerminated(slot: number, now = this.cluster.kernel.now): void {
    this.deleting--;
    this.remove(slot, now);
  }

  /** Terminates a node (its pods must be gone) and bills it; `reuse` false keeps the slot out of use (see `reuse`). */
  remove(slot: number, now: number, reuse = true): void {
    if (this.podCount[slot] !== 0) throw new Error(`node ${slot} still has ${this.podCount[slot]} pods`);
    this.unlistUnderutilized(slot);
    this.index.clear(slot);
    if (this.status[slot] !== NODE.provisioning) this.cluster.recorder.change(now, LEVEL.nodesReady, -1);
    const h = this.headroom;
    if (h !== undefined) {
      h.reindex(this, slot, false, 1, 1);
      // A node gone without a drain (a reclaimed spot node): its placeholders are recreated by their
      // ReplicaSet and wait for room (before, they vanished and the headroom shrank for good).
      const k = h.count[slot];
      if (k > 0) {
        h.count[slot] = 0;
        this.freeCpu[slot] += k * h.cpu;
        this.freeMem[slot] += k * h.mem;
        this.freePods[slot] += k;
        h.addPending(k);
      }
    }
    this.status[slot] = NODE.free;
    this.watcher?.nodeLeaving(slot);
    if (this.dependentsHead[slot] >= 0) this.invalidateDependents(slot);
    this.recheckAt[slot] = -Infinity;
    const s = this.type[slot];
    this.alive[s]--;
    this.aliveTotal--;
    this.removed++;
    if (reuse) this.freeSlots.push(slot);
    this.billNode(slot, now);
  }

  private billNode(slot: number, now: number): void {
    const shape = this.shapes[this.type[slot]];
    const perSecond = this.pricePerHour[slot] / 3600;
    const r = this.cluster.recorder;
    r.change(now, LEVEL.nodes, -1);
    const since = this.launchedAt[slot];
    if (since >= now) {
      // Given up on (or the run ended) before the cloud started billing it: take back the paid
      // capacity recorded in advance from then on; nothing to pay.
      r.at(since);
      r.add(LEVEL.paidCpu, -shape.vcpu);
      r.add(LEVEL.paidMem, -shape.memoryGiB);
      r.add(LEVEL.costRate, -perSecond);
      return;
    }
    r.at(now);
    const billed = stopPaying(r, now, since, this.bill, shape.vcpu, shape.memoryGiB, perSecond);
    this.billed += perSecond * billed;
    this.onNodeBilled?.(slot, since, now, billed, perSecond);
  }

  // ---- spot interruption ---------------------------------------------------------------------

  /**
   * A spot node got its interruption notice: it leaves scheduling and scale-down for good (nothing
   * new binds to it); its pods keep running until `reclaim`. False if it is not Ready (already
   * being deleted by cluster-autoscaler: nothing to do).
   */
  beginInterruption(slot: number): boolean {
    if (this.status[slot] !== NODE.ready) return false;
    this.unlistUnderutilized(slot);
    this.index.clear(slot);
    this.status[slot] = NODE.interrupted;
    this.watcher?.nodeLeaving(slot);
    if (this.dependentsHead[slot] >= 0) this.invalidateDependents(slot);
    return true;
  }

  /**
   * The provider reclaims an interrupted node: `stopping(pod)` is called for each of its pods
   * (still bound) to stop it, then the pods are unbound, the node removed and billed. The stopped
   * pods are left in `out` for the caller to reschedule.
   */
  reclaim(slot: number, now: number, stopping: (pod: number) => void, out: number[]): void {
    const links = this.podLinks;
    out.length = 0;
    for (let pod = this.podHead[slot]; pod >= 0; pod = links[2 * pod + 1]) out.push(pod);
    for (const pod of out) {
      stopping(pod);
      this.release(pod, slot, now);
    }
    this.remove(slot, now);
  }

  /** Bills every node still alive at the end of the run as if removed then. */
  finish(now: number): void {
    for (let slot = 0; slot < this.slotsUsed; slot++) {
      if (this.status[slot] !== NODE.free) this.billNode(slot, now);
    }
  }

  private reindex(slot: number): void {
    if (this.status[slot] !== NODE.ready) return;
    const shape = this.shapes[this.type[slot]];
    const fc = this.freeCpu[slot];
    const fm = this.freeMem[slot];
    this.index.set(slot, fc, fm, this.freePods[slot], (fc / shape.podCpu + fm / shape.podMem) / 2);
    this.headroom?.reindex(this, slot, true, shape.podCpu, shape.podMem);
  }

  /** Takes a node out of scheduling (cluster-autoscaler taints it before removal). */
  cordon(slot: number): void {
    this.index.clear(slot);
  }

  uncordon(slot: number): void {
    this.reindex(slot);
  }

  // ---- utilization (cluster-autoscaler's view) ---------------------------------------------

  /** max(CPU, memory) requests over allocatable, DaemonSets included (CA's default). */
  utilization(slot: number): number {
    const s = this.shapes[this.type[slot]];
    const cpu = (s.allocatableCpu - this.freeCpu[slot]) / s.allocatableCpu;
    const mem = (s.allocatableMem - this.freeMem[slot]) / s.allocatableMem;
    return cpu > mem ? cpu : mem;
  }

  /**
   * Keeps the candidate list in step with the node's utilization. A node waiting for its recheck
   * (found unremovable) stays off the list until `recheck` puts it back.
   */
  updateUtilization(slot: number, now: number): void {
    if (this.status[slot] !== NODE.ready) return;
    // `utilization(slot) < utilizationThreshold`, exactly, as two comparisons (see underThreshold.ts):
    // this runs on every bind and every finish.
    const s = this.type[slot];
    // (Kept small, to be inlined where it is called on every bind and finish: the rarer tests are
    // calls.)
    const under =
      (this.cutsExact ? this.freeCpu[slot] >= this.leastFreeCpu[s] && this.freeMem[slot] >= this.leastFreeMem[s] : this.utilization(slot) < this.utilizationThreshold) &&
      !(this.recheckAt[slot] > now) &&
      (this.headroom === undefined || this.placeholdersAllowListing(slot));
    const listed = this.underutilizedSince[slot] === this.underutilizedSince[slot];
    if (under !== listed) {
      if (under) this.listUnderutilized(slot, now);
      else this.unlistUnderutilized(slot);
    } else if (under) this.watchIfChanged(slot);
  }

  /** A node holding placeholders next to real pods is no candidate (see headroom.ts). */
  private placeholdersAllowListing(slot: number): boolean {
    return !((this.headroom as Headroom).count[slot] > 0 && this.podCount[slot] > 0);
  }

  /**
   * A listed node, after a bind or a pod leaving it (every one is followed by
   * `updateUtilization`): if the last update found it unneeded and since then a pod was bound to
   * it (ATTACHED) or it is empty now, the next update must look at it.
   */
  private watchIfChanged(slot: number): void {
    const k = W_STRIDE * slot;
    const ws = this.walkState;
    if (ws[k + W_POS] < this.prefixEnd && ws[k + W_WATCHED] === 0 && (ws[k + W_FLAGS] !== 0 || this.podCount[slot] === 0)) this.watch(slot);
  }

  /** The next update looks at the node if it is in the unneeded prefix (an empty one whose unneeded time is up). */
  watchIfUnneeded(slot: number): void {
    const k = W_STRIDE * slot;
    if (this.walkState[k + W_POS] < this.prefixEnd && this.walkState[k + W_WATCHED] === 0) this.watch(slot);
  }

  /**
   * cluster-autoscaler found the node unremovable (its pods have no place to move): it is not a
   * candidate again until `until` (unremovable-node-recheck-timeout), when the caller calls
   * `updateUtilization` for it.
   */
  parkUntil(slot: number, until: number): void {
    this.recheckAt[slot] = until;
    this.unlistUnderutilized(slot);
  }

  private listUnderutilized(slot: number, now: number): void {
    this.underutilizedSince[slot] = now;
    if (this.candidatesEnd === this.candidates.length) this.compactCandidates();
    this.walkState[W_STRIDE * slot + W_POS] = this.candidatesEnd;
    this.candidates[this.candidatesEnd++] = slot;
  }

  private unlistUnderutilized(slot: number): void {
    if (this.underutilizedSince[slot] !== this.underutilizedSince[slot]) return;
    const k = W_STRIDE * slot;
    const pos = this.walkState[k + W_POS];
    this.candidates[pos] = -1;
    this.underutilizedSince[slot] = NaN;
    this.walkState[k + W_POS] = UNLISTED;
    if (pos < this.prefixEnd) this.leavePrefix(slot);
  }

  /** A node of the unneeded prefix is unlisted: its latest update is stored now (see `unneededUpdate`). */
  private leavePrefix(slot: number): void {
    this.walkState[W_STRIDE * slot + W_UPDATE] = this.lastWalk;
    this.prefixCount--;
  }

  /** `candidates` is full: moves its nodes to the front without the gaps, and doubles it if that leaves it more than half full. */
  private compactCandidates(): void {
    let c = this.candidates;
    let kept = 0;
    let prefixEnd = 0;
    for (let i = this.candidatesStart; i < this.candidatesEnd; i++) {
      if (i === this.prefixEnd) prefixEnd = kept;
      const slot = c[i];
      if (slot < 0) continue;
      c[kept] = slot;
      this.walkState[W_STRIDE * slot + W_POS] = kept++;
    }
    this.prefixEnd = this.prefixEnd >= this.candidatesEnd ? kept : prefixEnd;
    if (2 * kept > c.length) {
      const bigger = new Int32Array(2 * c.length);
      bigger.set(c.subarray(0, kept));
      this.candidates = c = bigger;
      // `watched` and `visitAt` hold candidate positions (one per prefix node at most), so they
      // grow with the list, here, and their own growth checks are never taken: a growth branch
      // first taken mid-replay deoptimised the update and the drain paths they are inlined into.
      const watched = new Int32Array(bigger.length);
      watched.set(this.watched);
      this.watched = watched;
      this.visitAt = new Int32Array(bigger.length);
    }
    this.candidatesStart = 0;
    this.candidatesEnd = kept;
  }

  /**
   * The unneeded prefix: the candidates from `candidatesStart` up to (not including) `prefixEnd`
   * are the nodes the latest update (`lastWalk`) found unneeded, in its order, with gaps (-1) for
   * those unlisted since; `prefixCount` of them are still listed. The next update finds each of
   * them unneeded again unless something it depends on changed; those nodes are in `watched`.
   */
  prefixEnd = 0;
  prefixCount = 0;
  lastWalk = 0;
  /**
   * The prefix nodes the next update must look at (marked in `W_WATCHED`; entries of nodes that
   * left the prefix since are dropped then): a pod was bound to it, a node its pods were to move
   * to lost room or left, or it is empty (the update lists the empty ones it may delete).
   */
  private watched = new Int32Array(64);
  private watchedCount = 0;
  /** The positions `watchedInOrder` leaves, and the prefix's listed nodes of `snapshotPrefix`. */
  visitAt = new Int32Array(64);

  watch(slot: number): void {
    this.walkState[W_STRIDE * slot + W_WATCHED] = 1;
    if (this.watchedCount === this.watched.length) this.growWatched();
    this.watched[this.watchedCount++] = slot;
  }

  private growWatched(): void {
    const bigger = new Int32Array(2 * this.watched.length);
    bigger.set(this.watched);
    this.watched = bigger;
  }

  /**
   * Empties `watched` and leaves in `visitAt` the candidate positions of its nodes still in the
   * unneeded prefix (all its positions if `all`), ascending; returns how many.
   */
  watchedInOrder(all: boolean): number {
    const ws = this.walkState;
    const w = this.watched;
    let n = 0;
    if (all) {
      n = this.prefixEnd - this.candidatesStart;
      this.visitFor(n);
      for (let i = 0; i < n; i++) this.visitAt[i] = this.candidatesStart + i;
    } else this.visitFor(this.watchedCount);
    const at = this.visitAt;
    for (let i = 0; i < this.watchedCount; i++) {
      const k = W_STRIDE * w[i];
      ws[k + W_WATCHED] = 0;
      if (all) continue;
      const pos = ws[k + W_POS];
      if (pos >= this.prefixEnd) continue;
      // Insertion sort: a few dozen nodes, mostly in order already.
      let j = n++;
      for (; j > 0 && at[j - 1] > pos; j--) at[j] = at[j - 1];
      at[j] = pos;
    }
    this.watchedCount = 0;
    return n;
  }

  /** The nodes of the unneeded prefix still listed from position `from` on, in order, into `visitAt`; returns how many. */
  snapshotPrefix(from: number): number {
    this.visitFor(this.prefixEnd - from);
    const c = this.candidates;
    const out = this.visitAt;
    let n = 0;
    for (let i = from; i < this.prefixEnd; i++) if (c[i] >= 0) out[n++] = c[i];
    return n;
  }

  private visitFor(n: number): void {
    if (n <= this.visitAt.length) return;
    let cap = this.visitAt.length;
    while (cap < n) cap *= 2;
    this.visitAt = new Int32Array(cap);
  }

  /**
   * Update `walk` visited the candidates up to (not including) `stoppedAt` and found `count` of
   * them unneeded (the others were unlisted, or had been before): they are the new unneeded
   * prefix. Its gaps are dropped once they outnumber its nodes (the drain loop passes them).
   */
  endCandidateWalk(walk: number, count: number, stoppedAt: number): void {
    this.prefixEnd = stoppedAt;
    this.prefixCount = count;
    this.lastWalk = walk;
    if (stoppedAt - this.candidatesStart - count <= count) return;
    const c = this.candidates;
    let to = stoppedAt;
    for (let i = stoppedAt - 1; i >= this.candidatesStart; i--) {
      const slot = c[i];
      if (slot < 0) continue;
      c[--to] = slot;
      this.walkState[W_STRIDE * slot + W_POS] = to;
    }
    this.candidatesStart = to;
  }

  /**
   * The latest scale-down update that found the node unneeded (-1: none since it launched). The
   * nodes of the unneeded prefix were found so by the latest; a node's own entry is written when
   * it leaves the prefix, so an update does not write one per node it finds unneeded again.
   */
  unneededUpdate(slot: number): number {
    const k = W_STRIDE * slot;
    return this.walkState[k + W_POS] < this.prefixEnd ? this.lastWalk : this.walkState[k + W_UPDATE];
  }

  /** Forgets that the node was found unneeded (a drain found no room for its pods); it must not be listed. */
  forgetUnneeded(slot: number): void {
    this.walkState[W_STRIDE * slot + W_UPDATE] = -1;
  }

  // ---- pods --------------------------------------------------------------------------------

  /** Can a pod of this size ever fit on an empty node of some shape? */
  fitsSomeShape(pod: number): boolean {
    const p = this.cluster.pods;
    const c = p.cpu[pod];
    const m = p.mem[pod];
    for (const s of this.shapes) if (c <= s.podCpu && m <= s.podMem && s.podSlots > 0) return true;
    return false;
  }

  /** kube-scheduler: binds the pod to the best Ready node now; false if none has room. */
  tryBind(pod: number, now: number): boolean {
    const p = this.cluster.pods;
    const slot = this.index.best(p.cpu[pod], p.mem[pod]);
    if (slot < 0) return this.headroom !== undefined && this.bindByPreemption(pod, now);
    this.bind(pod, slot, now);
    this.updateUtilization(slot, now);
    this.reindex(slot);
    return true;
  }

  /**
   * kube-scheduler preemption: no node has room, but evicting placeholders of one would make it.
   * The pod is bound there now (the room is reserved for it, like a nominated node) and starts
   * once the victims are gone.
   */
  private bindByPreemption(pod: number, now: number): boolean {
    const h = this.headroom as Headroom;
    const p = this.cluster.pods;
    const slot = h.nodeToPreempt(p.cpu[pod], p.mem[pod]);
    if (slot < 0) return false;
    const delay = h.preempt(this, slot, p.cpu[pod], p.mem[pod]);
    this.bind(pod, slot, now, now + delay);
    this.updateUtilization(slot, now);
    this.reindex(slot);
    return true;
  }

  // attach and detach read the pod's requests themselves: passed in as arguments, each double
  // would be boxed (a heap allocation) whenever the call is not inlined (measured: about a third
  // more scavenges in a 1M replay).
  private attach(pod: number, slot: number): void {
    const p = this.cluster.pods;
    this.freeCpu[slot] -= p.cpu[pod];
    this.freeMem[slot] -= p.mem[pod];
    this.freePods[slot]--;
    this.podCount[slot]++;
    this.walkState[W_STRIDE * slot + W_FLAGS] |= ATTACHED;
    // Less room here: a simulated move onto this node may no longer fit.
    if (this.dependentsHead[slot] >= 0) this.invalidateDependents(slot);
    const head = this.podHead[slot];
    const links = this.podLinks;
    links[2 * pod] = -1;
    links[2 * pod + 1] = head;
    if (head >= 0) links[2 * head] = pod;
    this.podHead[slot] = pod;
    this.cluster.node[pod] = slot;
    this.watcher?.podsChanged(slot);
  }

  private detach(pod: number, slot: number): void {
    const p = this.cluster.pods;
    this.freeCpu[slot] += p.cpu[pod];
    this.freeMem[slot] += p.mem[pod];
    this.freePods[slot]++;
    this.podCount[slot]--;
    const links = this.podLinks;
    const prev = links[2 * pod];
    const next = links[2 * pod + 1];
    if (prev >= 0) links[2 * prev + 1] = next;
    else this.podHead[slot] = next;
    if (next >= 0) links[2 * next] = prev;
    this.cluster.node[pod] = NOWHERE;
    this.watcher?.podsChanged(slot);
  }

  /**
   * Binds a pod to a node and starts it: sandbox, then the image (pulled once per node). The
   * caller updates the node's utilization (`updateUtilization`) and the placement index
   * (`reindex`) once it has bound what it binds at this instant.
   */
  private bind(pod: number, slot: number, now: number, startAt = now): void {
    const c = this.cluster;
    // The node's stage times, for the ledger to split the pod's provisioning wait (if it was queued).
    c.waits.bindingTo(pod, this.stageTimes, NODE_STAGE_EDGES * slot);
    this.attach(pod, slot);
    this.bound++;
    const r = c.recorder;
    r.at(now);
    r.add(LEVEL.requestedCpu, c.pods.cpu[pod] / 1000);
    r.add(LEVEL.requestedMem, c.pods.mem[pod] / 1024);
    if (startAt > now && c.notYetRunning(pod)) {
      // Bound by preempting placeholder pods: it waits for the victims to go before its sandbox.
      c.waits.close(pod, now);
      c.waits.charge(CAUSE.preemption, now, startAt);
    }
    this.start(pod, slot, startAt);
  }

  private start(pod: number, slot: number, now: number): void {
    const c = this.cluster;
    const sandboxDone = now + this.sandbox.sample();
    const cls = c.pods.cls[pod];
    let image: number;
    if (this.imageStride > 0) {
      // Pulled (or being pulled) for an earlier pod of this workload: wait for the same pull.
      const i = slot * this.imageStride + cls;
      image = this.imageAt[i];
      if (image !== image) {
        this.imageAt[i] = this.pull(slot, sandboxDone, cls);
        // Read back, not taken from the call: `image` is then a plain double on both paths. A
        // variable (or conditional) joining a double with a number returned by a call V8 did not
        // inline is boxed on every path (a heap allocation per pod); so is `running` below
        // without Math.max.
        image = this.imageAt[i];
      }
    } else image = this.imageWithoutTable(slot, sandboxDone, cls);
    const running = Math.max(sandboxDone, image);
    if (c.notYetRunning(pod)) c.waits.startOnNode(pod, now, sandboxDone, running);
    c.kernel.schedule(c.runFrom(pod, running, 1), this.kFinish, pod, PRIORITY.finish);
  }

  /** When class `cls`'s image is on `slot` for a pod whose sandbox is done at `from`, with too many classes for `imageAt`. */
  private imageWithoutTable(slot: number, from: number, cls: number): number {
    // Pulled (or being pulled) for an earlier pod of this workload: wait for the same pull.
    if (this.imageCls[slot] === cls) return this.imageReadyAt[slot];
    if (this.imageCls[slot] < 0) {
      const image = this.pull(slot, from, cls);
      this.imageCls[slot] = cls;
      this.imageReadyAt[slot] = image;
      return image;
    }
    // Another workload's image on a node that already has one (rare: most nodes run one).
    let images = this.moreImages.get(slot);
    if (!images) this.moreImages.set(slot, (images = new Map()));
    const cached = images.get(cls);
    if (cached !== undefined) return cached;
    const image = this.pull(slot, from, cls);
    images.set(cls, image);
    return image;
  }

  /**
   * A pull of class `cls`'s image on `slot` asked for at `from`; returns when the image is there. kubelet pulls
   * one image at a time per node by default (serializeImagePulls: true): a pull waits for the
   * node's previous one.
   */
  private pull(slot: number, from: number, cls: number): number {
    const start = this.serializeImagePulls && this.pullFreeAt[slot] > from ? this.pullFreeAt[slot] : from;
    const end = start + this.imagePull.seconds(cls);
    if (this.serializeImagePulls) this.pullFreeAt[slot] = end;
    return end;
  }

  /**
   * Images beyond a node's first: when each is there, by slot and pod class (see `start`). A slot's
   * entry goes when the slot is reused for a new node, so the map holds at most the live slots'.
   */
  private readonly moreImages = new Map<number, Map<number, number>>();
  private readonly serializeImagePulls: boolean;

  private onPodFinished(pod: number): void {
    const c = this.cluster;
    const now = c.kernel.now;
    // A pod evicted since has a newer finish time: this event is stale then. One that reran on
    // serverless can end at this same instant (a fixed end, its session's), and that run's own
    // event ends it there, so this one is stale too.
    if (!c.finishesNow(pod, now) || c.node[pod] === ON_SERVERLESS) return;
    c.state[pod] = POD.done;
    c.completed++;
    const slot = c.node[pod];
    // `release`, with the Running level's change after one `at`.
    this.detach(pod, slot);
    this.bound--;
    const r = c.recorder;
    r.at(now);
    r.add(LEVEL.running, -1);
    r.add(LEVEL.requestedCpu, -c.pods.cpu[pod] / 1000);
    r.add(LEVEL.requestedMem, -c.pods.mem[pod] / 1024);
    this.fillThenUpdate(slot, now);
    this.reindex(slot);
  }

  /**
   * A node gained room (a pod finished, or it became Ready): pending pods take it, and its
   * utilization is brought up to date. Without placeholders, one update after the binds leaves
   * the candidate list exactly as one update before them and one per bind did: binds only raise
   * the node's utilization, so it is listed at the end iff it was under the threshold all along
   * (listed since the same time, at the same place), and unlisted otherwise. Placeholders can be
   * preempted on the way (lowering it again), so with them every step keeps its own update.
   */
  private fillThenUpdate(slot: number, now: number): void {
    if (this.headroom === undefined) {
      this.fillFromPending(slot);
      this.updateUtilization(slot, now);
    } else {
      this.updateUtilization(slot, now);
      this.fillFromPending(slot);
    }
  }

  private release(pod: number, slot: number, now: number): void {
    const c = this.cluster;
    this.detach(pod, slot);
    this.bound--;
    const r = c.recorder;
    r.at(now);
    r.add(LEVEL.requestedCpu, -c.pods.cpu[pod] / 1000);
    r.add(LEVEL.requestedMem, -c.pods.mem[pod] / 1024);
    this.updateUtilization(slot, now);
  }

  // ---- unschedulable pods --------------------------------------------------------------------

  enqueuePending(pod: number): void {
    const p = this.cluster.pods;
    this.cluster.state[pod] = POD.pendingNodes;
    this.pending.push(pod, p.cpu[pod], p.mem[pod]);
    // A pod back on the queue after it had run (evicted) is past its pending time: nothing to charge.
    if (this.cluster.notYetRunning(pod)) this.cluster.waits.queue(pod, this.cluster.kernel.now);
    this.watcher?.podPending(pod);
  }

  removePending(pod: number): void {
    const p = this.cluster.pods;
    this.pending.remove(pod, p.cpu[pod], p.mem[pod]);
  }

  /**
   * Room appeared on one node (a pod finished, or the node became Ready): schedule waiting pods
   * onto it, oldest shape first. Only this node changed, so only it needs checking. Nothing
   * queries the placement index meanwhile, so the caller reindexes the node once afterwards.
   */
  private fillFromPending(slot: number): void {
    const q = this.pending;
    const h = this.headroom;
    if ((q.total === 0 && h === undefined) || this.status[slot] !== NODE.ready) return;
    const now = this.cluster.kernel.now;
    if (q.total > 0) {
      const groups = q.active;
      for (let i = 0; i < groups.length && (this.freePods[slot] > 0 || h !== undefined); i++) {
        const g = groups[i];
        const cpu = q.cpu[g];
        const mem = q.mem[g];
        for (;;) {
          if (q.count[g] === 0) break;
          let startAt = now;
          if (!(this.freeCpu[slot] >= cpu && this.freeMem[slot] >= mem && this.freePods[slot] > 0)) {
            // Room only if placeholders here make way (kube-scheduler preemption).
            if (h === undefined || !h.couldMakeRoom(this, slot, cpu, mem)) break;
            startAt = now + h.preempt(this, slot, cpu, mem);
          }
          const pod = q.peek(g);
          q.take(pod, g);
          this.bind(pod, slot, now, startAt);
          // Without placeholders the caller updates the utilization once, after all the binds (`fillThenUpdate`).
          if (h !== undefined) this.updateUtilization(slot, now);
        }
      }
      q.compactActive();
    }
    // Placeholders take what room the real pods left.
    if (h !== undefined && h.pending > 0 && h.fill(this, slot) > 0) {
      this.updateUtilization(slot, now);
      this.watcher?.podsChanged(slot);
    }
  }

  /** The first pod on the node (follow with `nextPodOnNode`), -1 when it has none. */
  firstPodOnNode(slot: number): number {
    return this.podHead[slot];
  }

  nextPodOnNode(pod: number): number {
    return this.podLinks[2 * pod + 1];
  }

  /**
   * Takes room on a Ready node for a simulated move (or gives it back with negative amounts) and
   * updates its index entry, so the next placement query sees it.
   */
  reserve(slot: number, cpu: number, mem: number, pods: number): void {
    this.freeCpu[slot] -= cpu;
    this.freeMem[slot] -= mem;
    this.freePods[slot] -= pods;
    this.reindex(slot);
  }

  /**
   * Evicts every pod on `slot` (taken out of scheduling first), like Karpenter's termination drain:
   * each evicted pod goes to the best Ready node with room at once, or back to the pending queue
   * to wait for one. A pod that was running keeps the run time it still owed.
   */
  evictAll(slot: number, now: number): void {
    const c = this.cluster;
    this.cordon(slot);
    for (let pod = this.podHead[slot]; pod >= 0; pod = this.podHead[slot]) {
      c.stop(pod, now);
      c.evictions++;
      this.release(pod, slot, now);
      if (!this.tryBind(pod, now)) this.enqueuePending(pod);
    }
  }

  // ---- scale-down support --------------------------------------------------------------------

  /**
   * The placements of the latest drain placement or removal simulation: `moved[i]` goes to
   * `targets[i]`, for i < `movedCount`. Typed and reused (a plain array emptied with `length = 0`
   * drops its storage, so each simulation allocated it again).
   */
  private moved = new Int32Array(64);
  private targets = new Int32Array(64);
  private movedCount = 0;

  /** Room in `moved` / `targets` for `n` placements. */
  private scratchFor(n: number): void {
    if (n <= this.moved.length) return;
    let cap = this.moved.length;
    while (cap < n) cap *= 2;
    this.moved = new Int32Array(cap);
    this.targets = new Int32Array(cap);
  }

  /**
   * Where kube-scheduler would put the pods of a drained node: the best Ready node (other than
   * `slot`, which is cordoned meanwhile) for every pod on `slot`, each pod seeing the room the
   * ones before it took. Leaves the placements in `moved` / `targets` and the room as it was;
   * false if some pod fits nowhere. The caller uncordons `slot` (or removes it).
   */
  private placePodsElsewhere(slot: number): boolean {
    const c = this.cluster;
    this.scratchFor(this.podCount[slot]);
    const moved = this.moved;
    const targets = this.targets;
    let count = 0;
    this.cordon(slot);
    let ok = true;
    const cpu = c.pods.cpu;
    const mem = c.pods.mem;
    const links = this.podLinks;
    const index = this.index;
    for (let pod = this.podHead[slot]; pod >= 0; ) {
      const target = index.best(cpu[pod], mem[pod]);
      if (target < 0) {
        ok = false;
        break;
      }
      // Reserve room on the target so the next pod of this drain sees it taken. The last pod's
      // reservation is seen by no query: its target's index entry is left to the loop below.
      this.freeCpu[target] -= cpu[pod];
      this.freeMem[target] -= mem[pod];
      this.freePods[target]--;
      const next = links[2 * pod + 1];
      if (next >= 0) this.reindex(target);
      moved[count] = pod;
      targets[count++] = target;
      pod = next;
    }
    this.movedCount = count;
    // Give the room back, then update each target's index entry once (the index holds only the
    // final room, so one update per target gives what one per pod gave).
    for (let i = 0; i < count; i++) {
      const t = targets[i];
      const pod = moved[i];
      this.freeCpu[t] += cpu[pod];
      this.freeMem[t] += mem[pod];
      this.freePods[t]++;
    }
    const mark = ++this.simulation;
    const simulatedIn = this.simulatedIn;
    for (let i = 0; i < count; i++) {
      const t = targets[i];
      if (simulatedIn[t] === mark) continue;
      simulatedIn[t] = mark;
      this.reindex(t);
    }
    return ok;
  }

  /** Count of drain placements, and per node the latest one whose pods went to it. */
  private simulation = 0;
  private simulatedIn = new Int32Array(0);

  /** Per pod, PM_STRIDE int32s: see PM_PREV ... PM_TO. */
  private readonly podMoves: Int32Array;

  private dependOn(pod: number, target: number): void {
    const pm = this.podMoves;
    const k = PM_STRIDE * pod;
    // Out of the list it is in (`undepend`, inlined: this runs for every pod of every simulation).
    const prev = pm[k + PM_PREV];
    if (prev !== -2) {
      // Already in the target's list: nothing reads the lists' order (`invalidateDependents` marks
      // every pod's node alike), so it stays where it is (relinking it took its neighbours' lines).
      if (pm[k + PM_TO] === target) return;
      const next = pm[k + PM_NEXT];
      if (prev >= 0) pm[PM_STRIDE * prev + PM_NEXT] = next;
      else this.dependentsHead[pm[k + PM_TO]] = next;
      if (next >= 0) pm[PM_STRIDE * next + PM_PREV] = prev;
    }
    const head = this.dependentsHead[target];
    pm[k + PM_PREV] = -1;
    pm[k + PM_NEXT] = head;
    if (head >= 0) pm[PM_STRIDE * head + PM_PREV] = pod;
    this.dependentsHead[target] = pod;
    pm[k + PM_TO] = target;
  }

  /** `target` lost room or left: the nodes whose pods were to move there must be simulated again. */
  private invalidateDependents(target: number): void {
    const pm = this.podMoves;
    const node = this.cluster.node;
    for (let pod = this.dependentsHead[target]; pod >= 0; ) {
      const next = pm[PM_STRIDE * pod + PM_NEXT];
      const on = node[pod];
      if (on >= 0) {
        const k = W_STRIDE * on;
        this.walkState[k + W_FLAGS] |= STALE;
        if (this.walkState[k + W_POS] < this.prefixEnd && this.walkState[k + W_WATCHED] === 0) this.watch(on);
      }
      pm[PM_STRIDE * pod + PM_PREV] = -2;
      pod = next;
    }
    this.dependentsHead[target] = -1;
  }

  /** No flag set since the node's pods were last found movable: the verdict holds as it is (see `podsStillMove`). */
  simulationHolds(slot: number): boolean {
    return this.walkState[W_STRIDE * slot + W_FLAGS] === 0;
  }

  /**
   * The cheap re-check of a node whose pods were found movable at the last update: still so if no
   * pod has been bound to it since and none of the nodes its pods were to move to has lost room
   * or left (those mark it as it happens, see `invalidateDependents`); if one has, still so if
   * the simulated moves all still fit where they went. A simulated move that still fits is still
   * a place to move to, so the verdict holds without a new simulation (a placement query and two
   * index updates per pod). False means "simulate again".
   * The destinations it found cannot have been taken out by this walk: a node found unneeded
   * earlier in the walk than this one was so at the last update too (nodes join the candidate
   * list at its end), when it was no destination either.
   */
  podsStillMove(slot: number, before: number): boolean {
    const flags = this.walkState[W_STRIDE * slot + W_FLAGS];
    if ((flags & (ATTACHED | UNSIMULATED)) !== 0) return false;
    if (flags === 0) return true;
    // Some destination lost room: check that the simulated moves still fit, all together.
    const c = this.cluster;
    const cpu = c.pods.cpu;
    const mem = c.pods.mem;
    const links = this.podLinks;
    const pm = this.podMoves;
    let ok = true;
    let pod = this.podHead[slot];
    for (; pod >= 0; pod = links[2 * pod + 1]) {
      const t = pm[PM_STRIDE * pod + PM_TO];
      if (this.status[t] !== NODE.ready || this.walkState[W_STRIDE * t + W_POS] < before || t === slot) {
        ok = false;
        break;
      }
      this.freeCpu[t] -= cpu[pod];
      this.freeMem[t] -= mem[pod];
      this.freePods[t]--;
      if (this.freeCpu[t] < 0 || this.freeMem[t] < 0 || this.freePods[t] < 0) {
        ok = false;
        pod = links[2 * pod + 1];
        break;
      }
    }
    // Give back what was taken, up to (not including) `pod`; if they all fit, watch their
    // destinations again.
    for (let p = this.podHead[slot]; p !== pod; p = links[2 * p + 1]) {
      const t = pm[PM_STRIDE * p + PM_TO];
      this.freeCpu[t] += cpu[p];
      this.freeMem[t] += mem[p];
      this.freePods[t]++;
      if (ok) this.dependOn(p, t);
    }
    if (ok) this.walkState[W_STRIDE * slot + W_FLAGS] = 0;
    return ok;
  }

  /**
   * cluster-autoscaler's removal simulation (simulator/scheduling/hinting_simulator.go): could
   * every pod on `slot` run on another Ready node not listed before candidate position `before`
   * (found unneeded earlier in the walk; 0: none excluded), each pod seeing the
   * room the ones before it took? Like CA, each pod first tries its hint (where it went in its
   * node's last simulation), then the first node that fits, round robin from where the last such
   * search stopped (the scheduler framework's RunFiltersUntilPassingNode: filters only, no
   * scoring). Changes nothing: reserved room is kept in the pool's arrays and the skipped nodes
   * (`slot`, excluded, reserved) are skipped at query time (`acceptMove`), not written to the index.
   */
  podsCanMove(slot: number, before: number): boolean {
    if (this.podCount[slot] === 0) return true;
    const ok = this.simulateRemoval(slot, before, true);
    this.walkState[W_STRIDE * slot + W_FLAGS] = ok ? 0 : UNSIMULATED;
    return ok;
  }

  /**
   * The removal simulation of `podsCanMove`: leaves the places found in `moved` / `targets` and
   * the room as it was; if `keepHints` and every pod found a place, those places become the pods'
   * hints and their nodes are watched for losing room (`invalidateDependents`).
   */
  private simulateRemoval(slot: number, before: number, keepHints: boolean): boolean {
    const c = this.cluster;
    const cpu = c.pods.cpu;
    const mem = c.pods.mem;
    const links = this.podLinks;
    const index = this.index;
    const moves = this.podMoves;
    this.scratchFor(this.podCount[slot]);
    const moved = this.moved;
    const targets = this.targets;
    let count = 0;
    this.simSlot = slot;
    this.simBefore = before;
    let ok = true;
    for (let pod = this.podHead[slot]; pod >= 0; pod = links[2 * pod + 1]) {
      const pc = cpu[pod];
      const pm = mem[pod];
      this.simCpu = pc;
      this.simMem = pm;
      let t = moves[PM_STRIDE * pod + PM_TO];
      if (t < 0 || !this.acceptMove(t)) {
        t = index.firstFit(pc, pm, this.simCursor, Infinity, this.acceptMove);
        if (t < 0) t = index.firstFit(pc, pm, 0, this.simCursor, this.acceptMove);
        if (t < 0) {
          ok = false;
          break;
        }
        this.simCursor = t + 1;
      }
      this.freeCpu[t] -= pc;
      this.freeMem[t] -= pm;
      this.freePods[t]--;
      moved[count] = pod;
      targets[count++] = t;
    }
    this.movedCount = count;
    for (let i = 0; i < count; i++) {
      const t = targets[i];
      const pod = moved[i];
      this.freeCpu[t] += cpu[pod];
      this.freeMem[t] += mem[pod];
      this.freePods[t]++;
      if (ok && keepHints) this.dependOn(pod, t);
    }
    return ok;
  }

  /**
   * A node with no real pods may go if it holds no placeholders, or if they all fit on other Ready
   * nodes not listed before candidate position `before` (cluster-autoscaler's removal simulation moves them like
   * any replicated pod: first fit, as `simulateRemoval`). Changes nothing.
   */
  emptyNodeCanGo(slot: number, before: number): boolean {
    const h = this.headroom;
    if (h === undefined || h.count[slot] === 0) return true;
    this.simSlot = slot;
    this.simBefore = before;
    this.simCpu = h.cpu;
    this.simMem = h.mem;
    this.scratchFor(h.count[slot]);
    const taken = this.targets;
    let count = 0;
    let ok = true;
    for (let i = 0; i < h.count[slot]; i++) {
      // acceptMove reads the room left, so the reservations below need no index update.
      const t = this.index.firstFit(h.cpu, h.mem, 0, Infinity, this.acceptMove);
      if (t < 0) {
        ok = false;
        break;
      }
      this.freeCpu[t] -= h.cpu;
      this.freeMem[t] -= h.mem;
      this.freePods[t]--;
      taken[count++] = t;
    }
    for (let i = 0; i < count; i++) {
      const t = taken[i];
      this.freeCpu[t] += h.cpu;
      this.freeMem[t] += h.mem;
      this.freePods[t]++;
    }
    return ok;
  }

  /** The placeholders of a node being deleted move to other nodes' room; those that fit nowhere go pending. */
  private movePlaceholders(slot: number, now: number): void {
    const h = this.headroom as Headroom;
    const k = h.count[slot];
    h.count[slot] = 0;
    this.freeCpu[slot] += k * h.cpu;
    this.freeMem[slot] += k * h.mem;
    this.freePods[slot] += k;
    h.reindex(this, slot, false, 1, 1);
    for (let i = 0; i < k; i++) {
      const t = this.index.best(h.cpu, h.mem);
      if (t < 0) {
        h.addPending(k - i);
        return;
      }
      h.pending++;
      h.fill(this, t);
      this.updateUtilization(t, now);
      this.reindex(t);
      this.watcher?.podsChanged(t);
    }
  }

  /**
   * kube-scheduler binds pending placeholders to Ready nodes with room (the best first), before a
   * provisioner counts them as unschedulable. Returns how many are still pending.
   */
  placePendingPlaceholders(now: number): number {
    const h = this.headroom;
    if (h === undefined) return 0;
    while (h.pending > 0) {
      const t = this.index.best(h.cpu, h.mem);
      if (t < 0) break;
      h.fill(this, t);
      this.updateUtilization(t, now);
      this.reindex(t);
      this.watcher?.podsChanged(t);
    }
    return h.pending;
  }

  /**
   * The placeholder Deployment scaled to `replicas` (its schedule). New replicas take room on Ready
   * nodes or go pending (for the provisioner). Fewer replicas: the ReplicaSet deletes pending ones
   * first, then those on the nodes holding the most placeholders (its ranking of doubled-up pods),
   * newest node first on a tie; their room goes to pending pods, and a node left with no pods is
   * empty for scale-down and consolidation. Scans the nodes: a handful of actions a day.
   */
  scalePlaceholders(replicas: number, now: number): void {
    const h = this.headroom;
    if (h === undefined) return;
    const change = replicas - h.replicas;
    h.replicas = replicas;
    if (change > 0) {
      h.pending += change;
      if (this.placePendingPlaceholders(now) > 0) h.onPending?.();
      return;
    }
    let drop = -change;
    const fromPending = Math.min(drop, h.pending);
    h.pending -= fromPending;
    drop -= fromPending;
    if (drop === 0) return;
    const holders: number[] = [];
    for (let slot = 0; slot < this.slotsUsed; slot++) if (h.count[slot] > 0 && this.status[slot] !== NODE.free) holders.push(slot);
    holders.sort((a, b) => h.count[b] - h.count[a] || this.launchedAt[b] - this.launchedAt[a] || b - a);
    for (const slot of holders) {
      if (drop === 0) break;
      const k = Math.min(drop, h.count[slot]);
      drop -= k;
      h.count[slot] -= k;
      this.freeCpu[slot] += k * h.cpu;
      this.freeMem[slot] += k * h.mem;
      this.freePods[slot] += k;
      if (this.status[slot] !== NODE.ready) continue;
      this.updateUtilization(slot, now);
      this.watcher?.podsChanged(slot);
      this.fillFromPending(slot);
      this.reindex(slot);
    }
  }

  /** The removal simulation in progress: its node, the position nodes listed before are excluded below, and current pod's request. */
  private simSlot = -1;
  private simBefore = 0;
  // -0: doubles from the start (see `billed`).
  private simCpu = -0;
  private simMem = -0;
  /** Where the next first-fit search starts (CA's lastIndex, here over node slots). */
  private simCursor = 0;

  /** Can the simulated pod go to node `t`: Ready, not the node being emptied, not excluded, room left? */
  private readonly acceptMove = (t: number): boolean =>
    t !== this.simSlot &&
    this.status[t] === NODE.ready &&
    this.walkState[W_STRIDE * t + W_POS] >= this.simBefore &&
    this.freeCpu[t] >= this.simCpu &&
    this.freeMem[t] >= this.simMem &&
    this.freePods[t] >= 1;

  /**
   * Cluster-autoscaler drain: moves every pod off `slot` to other Ready nodes, or changes nothing
   * and returns false if some pod fits nowhere else. The pods go where kube-scheduler would put
   * them one by one (best score); when that spread leaves some pod no room, they go where
   * cluster-autoscaler's simulation packed them (first fit), which found them a place when it
   * judged the node unneeded. (An approximation: the real scheduler would leave that pod pending
   * until room appears or cluster-autoscaler adds a node.) Moved pods restart on their new node;
   * a pod that was running keeps the run time it still owed.
   */
  drain(slot: number, now: number): boolean {
    const c = this.cluster;
    if (!this.placePodsElsewhere(slot)) {
      this.uncordon(slot);
      if (!this.simulateRemoval(slot, NO_WALK, false)) return false;
    }
    const moved = this.moved;
    const targets = this.targets;
    for (let i = 0; i < this.movedCount; i++) {
      const pod = moved[i];
      const t = targets[i];
      c.stop(pod, now);
      c.evictions++;
      this.detach(pod, slot);
      this.attach(pod, t);
      this.reindex(t);
      this.updateUtilization(t, now);
      this.start(pod, t, now);
    }
    this.updateUtilization(slot, now);
    return true;
  }
}
