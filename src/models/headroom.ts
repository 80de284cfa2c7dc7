import type { Headroom as HeadroomConfig } from '../scenario/strategy.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import { Random } from '../sim/random.ts';
import { PlacementIndex } from './placementIndex.ts';

/** The node-pool state headroom works on (NodePool's own arrays). */
export interface HeadroomNodes {
  freeCpu: Float64Array;
  freeMem: Float64Array;
  freePods: Int32Array;
}

/**
 * cluster-autoscaler overprovisioning (FAQ, "How can I configure overprovisioning with Cluster
 * Autoscaler?"): `placeholderPods` low-priority pause pods of one size hold room on nodes. They
 * are counts per node, not pods of the workload, so no pending-time, SLO or utilization figure
 * sees them.
 * - The pool places pending placeholders on the room its real pods leave (real pods first, like
 *   kube-scheduler's priority queue).
 * - A real pod that fits on no node preempts the fewest placeholders of one node that make room
 *   for it (kube-scheduler prefers the node with the fewest victims: here the one with the most
 *   room counting its placeholders) and binds there `preemptionDelay` later; the victims go
 *   pending, and cluster-autoscaler scales up for them like for any pending pod (the FAQ gives
 *   them priority -10, "the lowest priority that triggers scaling clusters": pods below the
 *   expendable-pods-priority-cutoff of -10 would not).
 * - A node holding placeholders is no scale-down candidate: cluster-autoscaler would remove it only
 *   if its placeholders fit on other nodes, which this model does not simulate (a simplification
 *   that keeps a little more headroom, never less).
 * A second placement index holds, for the nodes with placeholders, the room they would have
 * without them, so finding a preemption is one index query, not a scan of the nodes.
 */
export class Headroom {
  /** One placeholder's requests, millicores and MiB. */
  readonly cpu: number;
  readonly mem: number;
  /** Placeholders on each node slot. */
  count = new Int32Array(0);
  /** Placeholders waiting for room (at the start: all of them). */
  pending: number;
  /** Replicas of the placeholder Deployment in force (changed by its schedule). */
  replicas: number;
  /**
   * Told when placeholders go pending (Karpenter batches them like any pending pod; cluster-autoscaler
   * reads `pending` at its next scan instead).
   */
  onPending: (() => void) | undefined;
  /** Placeholders evicted by real pods, and the real pods that got their room. */
  preemptions = 0;
  podsPlacedByPreemption = 0;
  private readonly index: PlacementIndex;
  private readonly delay: DelaySampler;

  constructor(config: HeadroomConfig, mostAllocated: boolean, seed: number) {
    this.cpu = config.pod.cpuMillicores;
    this.mem = config.pod.memoryMiB;
    this.pending = config.placeholderPods;
    this.replicas = config.placeholderPods;
    this.index = new PlacementIndex(mostAllocated, 64);
    // A stream of its own: headroom does not shift the pool's pod-start and boot samples.
    this.delay = new DelaySampler(config.preemptionDelay, new Random(seed, 13));
  }

  /** The pool grew its slot arrays to `cap`. */
  grow(cap: number): void {
    const c = new Int32Array(cap);
    c.set(this.count);
    this.count = c;
  }

  /** Places pending placeholders on what room the node has left; returns how many it placed. */
  fill(nodes: HeadroomNodes, slot: number): number {
    let placed = 0;
    const { freeCpu, freeMem, freePods } = nodes;
    while (this.pending > 0 && freeCpu[slot] >= this.cpu && freeMem[slot] >= this.mem && freePods[slot] > 0) {
      freeCpu[slot] -= this.cpu;
      freeMem[slot] -= this.mem;
      freePods[slot]--;
      this.count[slot]++;
      this.pending--;
      placed++;
    }
    return placed;
  }

  /** Whether evicting placeholders of `slot` would make room for a pod of (cpu, mem). */
  couldMakeRoom(nodes: HeadroomNodes, slot: number, cpu: number, mem: number): boolean {
    const k = this.count[slot];
    return k > 0 && nodes.freeCpu[slot] + k * this.cpu >= cpu && nodes.freeMem[slot] + k * this.mem >= mem && nodes.freePods[slot] + k > 0;
  }

  /** The node where preempting placeholders makes room for a pod of (cpu, mem), or -1. */
  nodeToPreempt(cpu: number, mem: number): number {
    return this.index.best(cpu, mem);
  }

  /**
   * Evicts the fewest placeholders of `slot` that make room for a pod of (cpu, mem) (the caller
   * checked that they can) and returns how long until the room is usable. The victims go pending.
   */
  preempt(nodes: HeadroomNodes, slot: number, cpu: number, mem: number): number {
    const { freeCpu, freeMem, freePods } = nodes;
    let k = 0;
    if (freeCpu[slot] < cpu) k = Math.ceil((cpu - freeCpu[slot]) / this.cpu - 1e-9);
    if (freeMem[slot] < mem) k = Math.max(k, Math.ceil((mem - freeMem[slot]) / this.mem - 1e-9));
    if (freePods[slot] < 1) k = Math.max(k, 1 - freePods[slot]);
    k = Math.min(k, this.count[slot]);
    freeCpu[slot] += k * this.cpu;
    freeMem[slot] += k * this.mem;
    freePods[slot] += k;
    this.count[slot] -= k;
    this.addPending(k);
    this.preemptions += k;
    this.podsPlacedByPreemption++;
    return this.delay.sample();
  }

  /** `k` more placeholders wait for room (evicted, or new replicas). */
  addPending(k: number): void {
    if (k <= 0) return;
    this.pending += k;
    this.onPending?.();
  }

  /** Keeps the preemption index in step with a Ready node's room (`ready` false: out of it). */
  reindex(nodes: HeadroomNodes, slot: number, ready: boolean, podCpu: number, podMem: number): void {
    const k = this.count[slot];
    if (!ready || k === 0) {
      this.index.clear(slot);
      return;
    }
    const fc = nodes.freeCpu[slot] + k * this.cpu;
    const fm = nodes.freeMem[slot] + k * this.mem;
    this.index.set(slot, fc, fm, nodes.freePods[slot] + k, (fc / podCpu + fm / podMem) / 2);
  }
}
