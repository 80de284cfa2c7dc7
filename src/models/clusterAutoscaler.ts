import type { ClusterAutoscaler as AutoscalerConfig } from '../scenario/strategy.ts';
import type { Random } from '../sim/random.ts';
import { binpack } from './binpackingEstimator.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import type { NodePool } from './nodePool.ts';

/**
 * cluster-autoscaler's main loop, every scanInterval:
 * - scale-up: pending pods that do not fit on nodes already being provisioned are bin-packed onto
 *   new nodes of each shape; the expander picks a shape; the request is capped by maxNodes,
 *   maxNodesTotal and maxNodesPerScaleUp.
 * - scale-down (not within scaleDownDelayAfterAdd of a scale-up): nodes under the utilization
 *   threshold for scaleDownUnneededTime are removed, empty ones first (up to
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
    private readonly minNodes: number,
    private readonly maxNodes: number,
    private readonly rng: Random,
  ) {
    const k = cluster.kernel;
    const kind = k.on('autoscalerScan', () => this.scan());
    this.kScan = kind;
    k.schedule(0, kind, 0, PRIORITY.scan);
  }

  private readonly kScan: number;

  private scan(): void {
    const now = this.cluster.kernel.now;
    this.scaleUp(now);
    this.scaleDown(now);
    this.cluster.kernel.schedule(now + this.config.scanInterval, this.kScan, 0, PRIORITY.scan);
  }

  private scaleUp(now: number): void {
    const pool = this.pool;
    const q = pool.pending;
    if (q.total === 0) return;
    const shapes = pool.shapes;
    const counts = q.count.slice();
    // Largest requests first, like the estimator's sort by pod size.
    const order = counts.map((_, g) => g).sort((a, b) => q.cpu[b] / pool.maxPodCpu + q.mem[b] / pool.maxPodMem - (q.cpu[a] / pool.maxPodCpu + q.mem[a] / pool.maxPodMem));
    // Pods that will fit on nodes already coming up do not ask for more.
    for (let s = 0; s < shapes.length; s++) {
      if (pool.provisioningCount[s] > 0) binpack(shapes[s], q.cpu, q.mem, counts, order, pool.provisioningCount[s]);
    }
    const wanted = counts.reduce((a, b) => a + b, 0);
    if (wanted === 0) return;

    let room = this.maxNodes - pool.aliveTotal;
    if (this.config.maxNodesTotal > 0) room = Math.min(room, this.config.maxNodesTotal - pool.aliveTotal);
    room = Math.min(room, this.config.maxNodesPerScaleUp);
    if (room <= 0) return;

    const option = this.expand(counts, order, wanted);
    if (!option) return;
    const n = Math.min(option.nodes, room);
    for (let i = 0; i < n; i++) pool.launch(option.shape, now, false);
    this.lastScaleUp = now;
    this.scaleUps++;
  }

  /** Evaluates each node shape and lets the configured expander choose. */
  private expand(counts: number[], order: number[], wanted: number): { shape: number; nodes: number } | undefined {
    const pool = this.pool;
    const q = pool.pending;
    const options: Array<{ shape: number; nodes: number; helped: number; waste: number; cost: number }> = [];
    pool.shapes.forEach((shape, s) => {
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

  private scaleDown(now: number): void {
    const cfg = this.config;
    if (now - this.lastScaleUp < cfg.scaleDownDelayAfterAdd) return;
    const pool = this.pool;
    if (pool.unneededHead < 0) return;
    const cutoff = now - cfg.scaleDownUnneededTime;
    let removable = pool.aliveTotal - this.minNodes;
    let removed = 0;
    // Empty nodes first, in bulk.
    for (let slot = pool.unneededHead; slot >= 0 && removed < cfg.maxScaleDownParallelism && removable > 0; ) {
      const next = pool.nextUnneeded(slot);
      if (pool.unneededSince[slot] > cutoff) break;
      if (pool.podCount[slot] === 0) {
        pool.remove(slot, now);
        removed++;
        removable--;
      }
      slot = next;
    }
    if (!cfg.safeToEvict || cfg.maxDrainParallelism === 0) return;
    let drained = 0;
    for (let slot = pool.unneededHead; slot >= 0 && drained < cfg.maxDrainParallelism && removed < cfg.maxScaleDownParallelism && removable > 0; ) {
      const next = pool.nextUnneeded(slot);
      if (pool.unneededSince[slot] > cutoff) break;
      // A node whose drain failed in this scan went back to the end of the list with
      // unneededSince = now; reaching it means every node before it was tried. Without this stop,
      // an unneeded time of 0 makes it due again and two such nodes are tried in turn forever.
      if (pool.drainFailed[slot] && pool.unneededSince[slot] === now) break;
      if (pool.podCount[slot] > 0) {
        if (pool.drain(slot, now)) {
          pool.remove(slot, now);
          drained++;
          removed++;
          removable--;
        } else {
          pool.restartUnneeded(slot, now);
          pool.drainFailed[slot] = 1;
        }
      }
      slot = next;
    }
  }
}
