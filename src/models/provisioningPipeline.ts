import { AUTOSCALER_LOOP, AUTOSCALER_LOOP_PODS_PER_NODE } from '../providers/clusterAutoscalerLoop.ts';
import { DelaySampler } from '../sim/sampleDelay.ts';
import type { Random } from '../sim/random.ts';
import type { ResolvedProvisioning } from './resolveProvisioning.ts';
import { LaunchBucket } from './launchBucket.ts';

/**
 * A node's way from cluster-autoscaler's scale-up decision to Ready, stage by stage:
 * 1. cluster-autoscaler's own loop time (its FAQ's targets, growing with cluster size);
 * 2. the node group's reaction (once per scale-up), then its launch throughput;
 * 3. the cloud's instance-creation token bucket (EC2 RunInstances: 1,000, then 2 per second);
 * 4. per instance: the create call, boot to running (billing starts there where the cloud says so),
 *    kubelet registration, Ready.
 * Every stage time is known when the node is asked for (the buckets are GCRAs, O(1) per node), so
 * the pool schedules one event per node, at Ready. Delays come from the stream the pool gives.
 */
export class ProvisioningPipeline {
  private readonly loops: { upToNodes: number; delay: DelaySampler }[];
  private readonly nodeGroupDelay: DelaySampler;
  /** One launch-rate bucket per node group (per shape of the pool: one Auto Scaling group each). */
  private readonly nodeGroups: LaunchBucket[] = [];
  private readonly nodeGroupRate: ResolvedProvisioning['nodeGroupRate'];
  private readonly api: LaunchBucket | undefined;
  private readonly request: DelaySampler;
  private readonly boot: DelaySampler;
  private readonly register: DelaySampler;
  private readonly ready: DelaySampler;
  readonly billingFromRunning: boolean;

  /**
   * The latest node's stage times (`plan`): passed the node group's launch rate, the create call
   * granted (the cloud's bucket passed), running, registered, Ready.
   */
  // -0, not 0: they hold doubles, and a field that starts as a small integer changes the object's
  // hidden class at its first double, deoptimizing the code that used it (bench/README, change 40).
  groupPassedAt = -0;
  grantedAt = -0;
  runningAt = -0;
  registeredAt = -0;
  readyAt = -0;

  constructor(
    readonly config: ResolvedProvisioning,
    rng: Random,
  ) {
    this.loops = config.autoscalerLoop ? AUTOSCALER_LOOP.map((l) => ({ upToNodes: l.upToNodes, delay: new DelaySampler(l.delay, rng) })) : [];
    this.nodeGroupDelay = new DelaySampler(config.nodeGroupDelay, rng);
    this.nodeGroupRate = config.nodeGroupRate;
    this.api = config.launchRate ? new LaunchBucket(config.launchRate) : undefined;
    const st = config.stages;
    const zero = new DelaySampler({ kind: 'constant', seconds: 0 }, rng);
    if ('whole' in st) {
      this.request = zero;
      this.boot = zero;
      this.register = zero;
      this.ready = new DelaySampler(st.whole, rng);
    } else {
      this.request = new DelaySampler(st.request, rng);
      this.boot = new DelaySampler(st.boot, rng);
      this.register = new DelaySampler(st.register, rng);
      this.ready = new DelaySampler(st.ready, rng);
    }
    // With one whole delay there is no running state to start billing at: bill from the create call.
    this.billingFromRunning = config.billingStartsAt === 'running' && !('whole' in st);
  }

  /**
   * How long a cluster-autoscaler loop that scales up takes before its request reaches the node
   * group: 0 when the loop time is off. Size: nodes, or pending pods at 30 per node if more.
   */
  autoscalerLoopTime(nodes: number, pendingPods: number): number {
    const loops = this.loops;
    if (loops.length === 0) return 0;
    const size = Math.max(nodes, Math.ceil(pendingPods / AUTOSCALER_LOOP_PODS_PER_NODE));
    for (const l of loops) if (size < l.upToNodes) return l.delay.sample();
    return loops[loops.length - 1].delay.sample();
  }

  /** When a node group asked for nodes at `at` starts launching them (once per scale-up). */
  nodeGroupStart(at: number): number {
    return at + this.nodeGroupDelay.sample();
  }

  /**
   * No node group between the provisioner and the cloud: Karpenter calls EC2 Fleet itself, so its
   * launches skip the node group's reaction and launch rate (the cloud's bucket and the instance
   * stages still apply).
   */
  direct = false;

  private nodeGroup(group: number): LaunchBucket | undefined {
    if (!this.nodeGroupRate || this.direct) return undefined;
    return (this.nodeGroups[group] ??= new LaunchBucket(this.nodeGroupRate));
  }

  /**
   * The stage times of one node that node group `group` launches from `groupStart` on (FIFO
   * through the buckets). Each node group (Auto Scaling group) has its own launch rate; the
   * cloud's bucket is the account's, shared by all groups.
   *
   * A node whose turn at a bucket would come after `giveUpAt` (cluster-autoscaler gives up on it
   * at max-node-provision-time) never gets there: it stays a placeholder for an instance that
   * is never created, and takes no token. On AWS, cluster-autoscaler deletes a placeholder
   * instance by setting the Auto Scaling group's desired capacity back to the instances it has
   * (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/auto_scaling_groups.go,
   * DeleteInstances, @55c37cd5eb55), so the group never launches it. Taking its token anyway
   * made every later node wait behind launches that never happen: in a large burst the queue
   * grew past max-node-provision-time and no node came up for most of an hour.
   */
  plan(groupStart: number, group: number, giveUpAt = Infinity): void {
    let t = groupStart;
    const bucket = this.nodeGroup(group);
    let launched = true;
    if (bucket) {
      t = bucket.next(groupStart);
      if (t > giveUpAt) launched = false;
      else bucket.pass(groupStart);
    }
    this.groupPassedAt = t;
    if (launched && this.api) {
      t = this.api.next(t);
      if (t <= giveUpAt) this.api.pass(this.groupPassedAt);
    }
    this.grantedAt = t;
    this.runningAt = t + this.request.sample() + this.boot.sample();
    this.registeredAt = this.runningAt + this.register.sample();
    this.readyAt = this.registeredAt + this.ready.sample();
  }

  /**
   * A node planned (with `giveUpAt`) to be created at `grantedAt` was dropped at `now`: if it took
   * the cloud bucket's token for a time after now (it did only if that came by `giveUpAt`, see
   * `plan`), the token goes back. The bucket is shared by all groups; the node's own group's bucket
   * is reset by `resetNodeGroup`, as all of a group's not-created nodes go together.
   */
  withdraw(grantedAt: number, giveUpAt: number, now: number): void {
    if (grantedAt > now && grantedAt <= giveUpAt) this.api?.cancel(now);
  }

  /** Every node of group `group` not yet launched was dropped at `now`: its launch rate starts afresh. */
  resetNodeGroup(group: number, now: number): void {
    this.nodeGroups[group]?.cancelAfter(now);
  }

  /** When the cloud starts billing the latest planned node. */
  get billingStart(): number {
    return this.billingFromRunning ? this.runningAt : this.grantedAt;
  }
}
