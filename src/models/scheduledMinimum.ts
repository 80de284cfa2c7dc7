import type { NodePool as NodePoolConfig } from '../scenario/strategy.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import type { ClusterAutoscaler } from './clusterAutoscaler.ts';
import type { NodePool } from './nodePool.ts';

const DAY = 86400;

/**
 * Scheduled minimum sizes (EC2 Auto Scaling scheduled actions with a daily recurrence, ACK
 * CronHPA-style pre-scaling): at each action's time of day the pool's minimum becomes the
 * action's `minNodes`. The node group launches the nodes missing to reach it at once (as an ASG
 * raises its desired capacity to a new MinSize; nodes of the pool's first instance type, capped by
 * maxNodes), without waiting for a cluster-autoscaler scan; cluster-autoscaler never scales down
 * below the minimum in force, and removes the extra nodes (when unneeded) once a later action
 * lowers it. `minNodes` holds from the start of the horizon until the first action.
 */
export class ScheduledMinimum {
  /** Nodes launched by the schedule. */
  launched = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: NodePool,
    private readonly autoscaler: ClusterAutoscaler | undefined,
    config: NodePoolConfig,
  ) {
    const actions = [...(config.schedule ?? [])].sort((a, b) => a.at - b.at);
    this.minimums = actions.map((a) => a.minNodes);
    this.maxNodes = config.maxNodes;
    const k = cluster.kernel;
    const kind = k.on('scheduledMinimum', (i) => this.apply(this.minimums[i]));
    // Every action of every day within the horizon: a handful of events a day.
    const horizon = cluster.recorder.horizon;
    for (let day = 0; day * DAY < horizon; day++) {
      actions.forEach((a, i) => {
        const t = day * DAY + a.at;
        if (t < horizon) k.schedule(t, kind, i, PRIORITY.scan);
      });
    }
  }

  private readonly minimums: number[];
  private readonly maxNodes: number;

  private apply(minNodes: number): void {
    const pool = this.pool;
    const now = this.cluster.kernel.now;
    if (this.autoscaler) this.autoscaler.minNodes = minNodes;
    // Nodes being deleted are on their way out: they do not count towards the minimum.
    const missing = Math.min(minNodes - (pool.aliveTotal - pool.deleting), this.maxNodes - pool.aliveTotal);
    for (let i = 0; i < missing; i++) pool.launch(0, now, false);
    if (missing > 0) this.launched += missing;
  }
}
