import type { Headroom as HeadroomConfig } from '../scenario/strategy.ts';
import { PRIORITY, type Cluster } from './cluster.ts';
import type { NodePool } from './nodePool.ts';

const DAY = 86400;

/**
 * The placeholder Deployment scaled on a schedule (a CronJob running `kubectl scale`, or KEDA's cron
 * scaler): at each action's time of day it gets the action's `placeholderPods` replicas. This is how
 * teams on Karpenter pre-scale before a known peak: Karpenter has no minimum size, but it launches
 * nodes for the pending placeholders like for any pending pod, and real pods preempt them. Fewer
 * replicas later leave nodes empty, which the provisioner then removes. Works the same under
 * cluster-autoscaler (it scales up for pending placeholders). `placeholderPods` holds from the
 * start of the horizon until the first action.
 */
export class PlaceholderSchedule {
  /** Replicas set by the schedule, in order of time (for the result). */
  readonly changes: Array<{ at: number; placeholderPods: number }> = [];

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: NodePool,
    config: HeadroomConfig,
  ) {
    const actions = [...(config.schedule ?? [])].sort((a, b) => a.at - b.at);
    const k = cluster.kernel;
    const kind = k.on('placeholderSchedule', (i) => this.apply(actions[i].placeholderPods));
    // Every action of every day within the horizon: a handful of events a day.
    const horizon = cluster.recorder.horizon;
    for (let day = 0; day * DAY < horizon; day++) {
      actions.forEach((a, i) => {
        const t = day * DAY + a.at;
        if (t < horizon) k.schedule(t, kind, i, PRIORITY.scan);
      });
    }
  }

  private apply(replicas: number): void {
    const now = this.cluster.kernel.now;
    this.changes.push({ at: now, placeholderPods: replicas });
    this.pool.scalePlaceholders(replicas, now);
  }
}
