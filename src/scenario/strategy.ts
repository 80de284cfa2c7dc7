import { z } from './zod.ts';
import { strictObject } from './unknownField.ts';
import { Duration, durationAtLeast, TimeOfDay } from './duration.ts';
import { Delay } from './delay.ts';
import { FARGATE_SPOT_ON_EKS, SERVERLESS_SPOT_PRESETS, SPOT_PRESETS } from '../pricing/spotPresets.ts';
import { PREEMPTION_DELAY_SECONDS } from '../pricing/headroomDefaults.ts';
import { atMost, MAX_PODS_AT_ONCE, MAX_CONTROL_PLANE_PER_HOUR, MAX_FIXED_COST_PER_HOUR, MAX_NODES, MAX_PRICE_PER_NODE_HOUR, MAX_PRICE_PER_UNIT_HOUR } from './limits.ts';

/** A VM shape: a catalog name such as "m6i.xlarge", or a custom shape (e.g. an on-premises server). */
export const InstanceTypeSpec = strictObject({
  name: z.string().min(1).max(60),
  vcpu: z.number().positive().max(1024),
  memoryGiB: z.number().positive().max(32768),
  /** On-demand price, or the amortised hourly cost of an owned server. */
  pricePerHour: z.number().nonnegative().max(MAX_PRICE_PER_NODE_HOUR, atMost(MAX_PRICE_PER_NODE_HOUR, 'per node-hour; the dearest catalog VM is 1.536')),
  maxPods: z.number().int().positive().max(10_000).default(110),
});
export const InstanceTypeRef = z.union([z.string().min(1).max(60), InstanceTypeSpec]);
export type InstanceTypeRef = z.infer<typeof InstanceTypeRef>;

/** How a cloud bills a running thing: in steps of granularitySeconds, at least minimumSeconds. */
export const Billing = strictObject({
  granularitySeconds: Duration.default(1),
  minimumSeconds: Duration.default(60),
});

/**
 * cluster-autoscaler flags with their upstream defaults (kubernetes/autoscaler FAQ,
 * "What are the parameters to CA?").
 */
export const ClusterAutoscaler = strictObject({
  enabled: z.boolean().default(true),
  /** At least 1 s: the scan reschedules itself, so a zero or tiny interval would never let the clock move. */
  scanInterval: durationAtLeast(1, 'the autoscaler scans again after this long').default(10),
  scaleDownUnneededTime: Duration.default(600),
  scaleDownDelayAfterAdd: Duration.default(600),
  scaleDownUtilizationThreshold: z.number().min(0).max(1).default(0.5),
  maxNodeProvisionTime: Duration.default(900),
  expander: z.enum(['random', 'least-waste', 'most-pods', 'price']).default('random'),
  maxNodesTotal: z.number().int().nonnegative().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).default(0),
  maxNodesPerScaleUp: z.number().int().positive().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).default(1000),
  /** max-empty-bulk-delete / max-scale-down-parallelism. */
  maxScaleDownParallelism: z.number().int().positive().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).default(10),
  maxDrainParallelism: z.number().int().nonnegative().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).default(1),
  /** After a failed scale-down (a drain that could not place its pods), no scale-down for this long. */
  scaleDownDelayAfterFailure: Duration.default(180),
  /** From the decision to delete a node to the delete call (CA taints it first); the instance is billed until then. */
  nodeDeleteDelayAfterTaint: Duration.default(5),
  /**
   * How long a drained node's evicted pods take to exit before CA deletes the node (each gets up to
   * terminationGracePeriodSeconds, 30 s by default); the instance is billed until then.
   */
  drainDuration: Delay.default({ kind: 'uniform', min: 0, max: 30 }),
  /** Node group backoff after a node failed to register: first this long, doubling per failure up to the max; reset after the reset timeout without failures. */
  initialNodeGroupBackoffDuration: Duration.default(300),
  maxNodeGroupBackoffDuration: Duration.default(1800),
  nodeGroupBackoffResetTimeout: Duration.default(10800),
  /** How long a node found unremovable (its pods have no place to move) is left before CA simulates removing it again. */
  unremovableNodeRecheckTimeout: Duration.default(300),
  /** Whether CA may evict pods to remove an underused node (pods owned by a controller: yes). */
  safeToEvict: z.boolean().default(true),
});
export type ClusterAutoscaler = z.infer<typeof ClusterAutoscaler>;

/**
 * Karpenter provisioning a node pool instead of cluster-autoscaler: the pool's `instanceTypes` are
 * the NodePool's allowed types, its `maxNodes` the NodePool's `limits.nodes`. Every default is
 * upstream's (kubernetes-sigs/karpenter@2266468104f3, read 2026-12-04; see src/models/karpenter.ts
 * for the file and line of each).
 */
export const Karpenter = strictObject({
  /** BATCH_IDLE_DURATION: the batch window ends after this long without a new pending pod. */
  batchIdleDuration: durationAtLeast(0.001, 'the batch window waits this long for more pods').default(1),
  /** BATCH_MAX_DURATION: the longest a batch window stays open while pods keep arriving. */
  batchMaxDuration: Duration.default(10),
  consolidationPolicy: z.enum(['WhenEmpty', 'WhenEmptyOrUnderutilized']).default('WhenEmptyOrUnderutilized'),
  /** How long after its last pod event (a pod bound or gone) a node may be consolidated; "Never" turns consolidation off. */
  consolidateAfter: z.union([z.literal('Never'), Duration]).default(0),
  /** Most nodes disrupted at once: a count, or a percentage of the pool's nodes rounded up ("10%"). */
  disruptionBudget: strictObject({ nodes: z.union([z.number().int().nonnegative().max(MAX_NODES), z.string().regex(/^\d{1,3}%$/, 'must be a whole percentage such as "10%" or a node count')]).default('10%') }).default({ nodes: '10%' }),
  /** A node is replaced after living this long ("Never": never). */
  expireAfter: z.union([z.literal('Never'), Duration]).default(720 * 3600),
  /** NodePool `spec.limits`: launches stop when the pool's node capacity would exceed them (none by default). */
  limits: strictObject({
    cpu: z.number().positive().max(100_000_000).optional(),
    memoryGiB: z.number().positive().max(1_000_000_000).optional(),
  }).default({}),
  /** From a disrupted node's eviction to its termination (pods get terminationGracePeriodSeconds, 30 s by default); billed until then. */
  drainDuration: Delay.default({ kind: 'uniform', min: 0, max: 30 }),
});
export type Karpenter = z.infer<typeof Karpenter>;

/** cluster-autoscaler's settings when a scenario leaves them out. */
const DEFAULT_AUTOSCALER = ClusterAutoscaler.parse({});

/**
 * What each node loses before pods: kube-reserved (a provider's formula or fixed values), eviction
 * threshold, DaemonSets. `provider` (the default) uses the formula of the pool's provisioning
 * preset: the EKS AMI's on EKS, GKE's on GKE, ACK's (an estimate) on ACK, the EKS AMI's for custom
 * shapes.
 */
export const NodeOverhead = strictObject({
  kubeReserved: z
    .union([z.enum(['provider', 'eks-ami', 'gke', 'ack']), strictObject({ cpuMillicores: z.number().nonnegative().max(1_024_000), memoryMiB: z.number().nonnegative().max(33_554_432) })])
    .default('provider'),
  evictionHardMemoryMiB: z.number().nonnegative().max(33_554_432).default(100),
  /**
   * DaemonSet pods on every node: their requests, and how many there are (each takes one of the
   * node's max-pods slots; EKS runs aws-node and kube-proxy on every node).
   */
  daemonSet: strictObject({ cpuMillicores: z.number().nonnegative().max(1_024_000), memoryMiB: z.number().nonnegative().max(33_554_432), pods: z.number().int().nonnegative().max(10_000).default(2) }).default({ cpuMillicores: 150, memoryMiB: 300, pods: 2 }),
});

/**
 * A pull of an image whose size the workload gives (imageSizeMiB): imagePullLatency + size /
 * imagePullMiBPerSecond. Absent: the provider's figures (src/providers/imagePull.ts).
 */
const imagePullFields = {
  imagePullMiBPerSecond: z.number().positive().max(100_000, atMost(100_000, 'MiB/s; a 100 Gbit/s NIC moves about 12,000')).optional(),
  imagePullLatency: Duration.optional(),
};

/** A token bucket: `burst` at once, then `perSecond`. */
export const Rate = strictObject({ burst: z.number().int().positive().max(1_000_000), perSecond: z.number().positive().max(1_000_000) });

/**
 * How nodes come up, stage by stage (src/providers/nodeProvisioning.ts): `preset` names the cloud
 * (default: the first instance type's cloud; custom shapes: `custom`, one delay and no limits);
 * every other field overrides that preset's value.
 */
export const NodeProvisioning = strictObject({
  preset: z.enum(['eks-ec2', 'ack-ecs', 'gke-gce', 'custom']).optional(),
  /** Scale-up decision to the node group starting its launches (once per scale-up). */
  nodeGroupDelay: Delay.optional(),
  /** The node group's own launch throughput; null: none. */
  nodeGroupRate: Rate.nullable().optional(),
  /** The cloud's instance-creation token bucket per account and region (EC2 RunInstances: 1,000, 2/s); null: none. */
  launchRate: Rate.nullable().optional(),
  stages: strictObject({ request: Delay.optional(), boot: Delay.optional(), register: Delay.optional(), ready: Delay.optional() }).optional(),
  /** cluster-autoscaler's own loop time (its FAQ's latency targets by cluster size) before it asks for nodes. */
  autoscalerLoop: z.boolean().optional(),
  billingStartsAt: z.enum(['request', 'running']).optional(),
  /** kubelet serializeImagePulls: one image pull at a time per node. */
  serializeImagePulls: z.boolean().optional(),
  ...imagePullFields,
});
export type NodeProvisioning = z.infer<typeof NodeProvisioning>;

export const PodStart = strictObject({
  /** Sandbox, network and container start (on serverless: the micro-VM too). */
  sandbox: Delay,
  /** Image pull; cached on a node after its first pull there, never cached on serverless pods. */
  imagePull: Delay,
});

/** Pods of these classes write a checkpoint every `every` seconds: an interruption loses only the work since the last one. */
export const Checkpoint = strictObject({
  classes: z.array(z.string().min(1).max(40)).min(1).max(1000),
  every: durationAtLeast(1, 'a checkpoint interval of 0 would mean no work is ever lost'),
});

/**
 * Interruptions of spot / preemptible capacity (`interruptionsPerMonth` per node or pod, a Poisson
 * process; AWS Spot Instance Advisor bands "<5%", "5-10%", ... per month), the notice before the
 * capacity is reclaimed, the protection period after launch during which it never is (Alibaba
 * preemptible: 1 h), and which pod classes can restart from a checkpoint (others rerun in full).
 */
const interruptionFields = {
  interruptionsPerMonth: z.number().nonnegative().max(720, atMost(720, 'interruptions per month; one an hour is 730')).optional(),
  noticeSeconds: Duration.optional(),
  protectionPeriod: Duration.optional(),
  checkpoints: z.array(Checkpoint).max(20).default([]),
};

/**
 * Spot / preemptible nodes (EC2 Spot, Alibaba ECS preemptible, GCE Spot VMs): every node the pool
 * launches is spot when spot capacity is available (`availability`, the chance a launch gets it),
 * else an on-demand node (the fallback). Price: `pricePerHour` per instance type name, else the
 * on-demand price less `discount`. `preset` fills what is not given (see src/pricing/spotPresets.ts).
 */
export const NodeSpot = strictObject({
  preset: z.enum(['ec2-spot', 'alibaba-preemptible', 'gce-spot']).default('ec2-spot'),
  discount: z.number().min(0).max(0.95, atMost(0.95, 'off the on-demand price; providers advertise up to 90-91%')).optional(),
  pricePerHour: z.record(z.string().min(1).max(60), z.number().nonnegative().max(MAX_PRICE_PER_NODE_HOUR, atMost(MAX_PRICE_PER_NODE_HOUR, 'per node-hour'))).optional(),
  availability: z.number().min(0).max(1).default(1),
  ...interruptionFields,
}).superRefine((spot, ctx) => {
  // A preset with no sourced typical figure makes the scenario give it (no silent guess).
  const preset = SPOT_PRESETS[spot.preset];
  if (spot.discount === undefined && preset.discount === undefined && spot.pricePerHour === undefined) {
    ctx.addIssue({ code: 'custom', path: ['discount'], message: `${preset.label} has no published typical discount: give discount (share off on-demand) or pricePerHour per type` });
  }
  if (spot.interruptionsPerMonth === undefined && preset.interruptionsPerMonth === undefined) {
    ctx.addIssue({ code: 'custom', path: ['interruptionsPerMonth'], message: `${preset.label} publishes no interruption rate: give interruptionsPerMonth (AWS Spot Advisor bands: 0.05, 0.10, 0.15, 0.20)` });
  }
});
export type NodeSpot = z.infer<typeof NodeSpot>;
/**
 * Warm headroom the cluster-autoscaler FAQ way ("How can I configure overprovisioning with Cluster
 * Autoscaler?"): a Deployment of low-priority pause pods that hold room on nodes. A real pod that
 * fits nowhere preempts as few of them as it needs and runs there once they are gone
 * (`preemptionDelay`); the evicted placeholders go pending, so cluster-autoscaler buys nodes to
 * put the headroom back. Placeholders cost node capacity but are not workload pods: they are in
 * no pending-time, SLO or utilization figure.
 */
export const Headroom = strictObject({
  /** Replicas of the overprovisioning Deployment. */
  placeholderPods: z.number().int().nonnegative().max(MAX_PODS_AT_ONCE, atMost(MAX_PODS_AT_ONCE, 'Kubernetes supports 150,000 pods per cluster')),
  /** Each placeholder's requests (the room one real pod of that size can take at once). */
  pod: strictObject({ cpuMillicores: z.number().positive().max(512_000), memoryMiB: z.number().positive().max(4_194_304) }),
  /**
   * From the preemption to the real pod's bind: the victims' graceful exit (the FAQ's pause pods
   * set terminationGracePeriodSeconds 0) and the scheduler's next attempt (pod backoff starts at
   * 1 s). Estimate: 2 s (src/pricing/headroomDefaults.ts, with its sources).
   */
  preemptionDelay: Delay.default({ kind: 'constant', seconds: PREEMPTION_DELAY_SECONDS }),
  /**
   * The placeholder Deployment scaled by time of day, repeated daily (a CronJob running `kubectl
   * scale`, or a KEDA cron scaler): from `at` on it has `placeholderPods` replicas. How teams on
   * Karpenter pre-scale before a known peak (Karpenter has no minimum size to schedule): the new
   * placeholders go pending and the provisioner launches nodes for them. `placeholderPods` holds
   * from the start of the horizon until the first action.
   */
  schedule: z
    .array(strictObject({ at: TimeOfDay, placeholderPods: z.number().int().nonnegative().max(MAX_PODS_AT_ONCE, atMost(MAX_PODS_AT_ONCE, 'Kubernetes supports 150,000 pods per cluster')) }))
    .max(48)
    .optional(),
});
export type Headroom = z.infer<typeof Headroom>;

/**
 * A scheduled action on the pool's minimum size (EC2 Auto Scaling scheduled actions, ACK
 * CronHPA-style), repeated every day: from `at` on, the pool keeps at least `minNodes` nodes. The
 * node group launches the missing nodes at once; cluster-autoscaler never scales down below it.
 */
export const ScheduledMinimum = strictObject({
  at: TimeOfDay,
  minNodes: z.number().int().nonnegative().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')),
});

export const NodePool = strictObject({
    instanceTypes: z.array(InstanceTypeRef).min(1).max(20),
    minNodes: z.number().int().nonnegative().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).default(0),
    maxNodes: z.number().int().positive().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).default(1000),
    /** Nodes running at the start (default minNodes). */
    initialNodes: z.number().int().nonnegative().max(MAX_NODES, atMost(MAX_NODES, 'nodes; Kubernetes supports 5,000 per cluster')).optional(),
    billing: Billing.default({ granularitySeconds: 1, minimumSeconds: 60 }),
    /**
     * From the launch request until the node is Ready, as one delay: replaces the provisioning
     * preset's create/boot/register/Ready stages (its node group and API limits still apply).
     * Absent: the preset's stages (custom shapes: lognormal, median 75 s, p95 120 s).
     */
    provisioningDelay: Delay.optional(),
    provisioning: NodeProvisioning.optional(),
    scoring: z.enum(['LeastAllocated', 'MostAllocated']).default('LeastAllocated'),
    overhead: NodeOverhead.default({ kubeReserved: 'provider', evictionHardMemoryMiB: 100, daemonSet: { cpuMillicores: 150, memoryMiB: 300, pods: 2 } }),
    podStart: PodStart.default({ sandbox: { kind: 'constant', seconds: 3 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } }),
    /** null: a fixed-size pool of initialNodes (or minNodes), e.g. an on-premises cluster. */
    autoscaler: ClusterAutoscaler.nullable().default(DEFAULT_AUTOSCALER),
    /** Absent: on-demand nodes only. */
    spot: NodeSpot.optional(),
    /** Low-priority placeholder pods that keep warm room for the next burst (overprovisioning). */
    headroom: Headroom.optional(),
    /**
     * Minimum sizes by time of day, repeated daily: `minNodes` holds from the start of the horizon
     * until the first action; each action sets the minimum from its time on.
     */
    schedule: z.array(ScheduledMinimum).max(48).optional(),
    /** Karpenter provisions the pool instead of cluster-autoscaler (leave `autoscaler` out or null). */
    karpenter: Karpenter.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.maxNodes < p.minNodes) ctx.addIssue({ code: 'custom', path: ['maxNodes'], message: `must be >= minNodes (${p.minNodes})` });
    if (p.initialNodes !== undefined && p.initialNodes > p.maxNodes) ctx.addIssue({ code: 'custom', path: ['initialNodes'], message: `must be <= maxNodes (${p.maxNodes})` });
    for (const name of Object.keys(p.spot?.pricePerHour ?? {})) {
      if (!p.instanceTypes.some((t) => (typeof t === 'string' ? t : t.name) === name)) ctx.addIssue({ code: 'custom', path: ['spot', 'pricePerHour', name], message: `not one of this pool's instanceTypes` });
    }
    const seen = new Map<number, number>();
    p.schedule?.forEach((a, i) => {
      if (a.minNodes > p.maxNodes) ctx.addIssue({ code: 'custom', path: ['schedule', i, 'minNodes'], message: `must be <= maxNodes (${p.maxNodes})` });
      const twin = seen.get(a.at);
      if (twin !== undefined) ctx.addIssue({ code: 'custom', path: ['schedule', i, 'at'], message: `same time as schedule.${twin}; one action per time of day` });
      else seen.set(a.at, i);
    });
    // Both provisioners at once is a contradiction: say so rather than ignore one of them.
    if (p.karpenter && p.autoscaler && JSON.stringify(p.autoscaler) !== JSON.stringify(DEFAULT_AUTOSCALER)) {
      ctx.addIssue({ code: 'custom', path: ['autoscaler'], message: 'karpenter provisions this pool: remove the cluster-autoscaler settings (or set autoscaler to null)' });
    }
    const seenAt = new Map<number, number>();
    p.headroom?.schedule?.forEach((a, i) => {
      const twin = seenAt.get(a.at);
      if (twin !== undefined) ctx.addIssue({ code: 'custom', path: ['headroom', 'schedule', i, 'at'], message: `same time as headroom.schedule.${twin}; one action per time of day` });
      else seenAt.set(a.at, i);
    });
    // Karpenter has no node-group minimum a scheduled action could raise: refuse rather than launch
    // nodes it would not know of (and consolidate away as empty).
    if (p.karpenter && p.schedule && p.schedule.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'karpenter has no minimum size to schedule: pre-scale by scaling the placeholder Deployment instead (headroom.schedule)' });
    }
    if (p.karpenter && p.karpenter.batchMaxDuration < p.karpenter.batchIdleDuration) {
      ctx.addIssue({ code: 'custom', path: ['karpenter', 'batchMaxDuration'], message: `must be >= batchIdleDuration (${p.karpenter.batchIdleDuration} s)` });
    }
  })
  // Under Karpenter there is no cluster-autoscaler: say so in the parsed value, so nothing reads its defaults.
  .transform((p) => (p.karpenter ? { ...p, autoscaler: null } : p));
export type NodePool = z.infer<typeof NodePool>;

/** One vCPU size and its allowed memory sizes in GiB. */
export const SizeRow = strictObject({ vcpu: z.number().positive().max(1024), memoryGiB: z.array(z.number().positive().max(32768)).min(1).max(1000) });

export const Sizing = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('table'), rows: z.array(SizeRow).min(1).max(200) }),
  strictObject({ kind: z.literal('autopilot') }),
  /** Azure Container Instances through the AKS virtual node: rounded down to 10m CPU and 0.1 GB. */
  strictObject({ kind: z.literal('aci') }),
  strictObject({ kind: z.literal('exact') }),
]);

/**
 * Pod-billed serverless containers. `preset` fills every field not given (prices, size table,
 * overhead, billing, launch rate, start latency), so a scenario only states what it changes.
 */
export const Serverless = strictObject({
  preset: z.enum(['aws-fargate', 'alibaba-eci', 'gke-autopilot', 'azure-aci', 'tencent-super-node', 'huawei-cci']).default('aws-fargate'),
  pricePerVcpuHour: z.number().nonnegative().max(MAX_PRICE_PER_UNIT_HOUR, atMost(MAX_PRICE_PER_UNIT_HOUR, 'per unit-hour; Fargate lists 0.04048 per vCPU-hour')).optional(),
  pricePerGiBHour: z.number().nonnegative().max(MAX_PRICE_PER_UNIT_HOUR, atMost(MAX_PRICE_PER_UNIT_HOUR, 'per unit-hour; Fargate lists 0.04048 per vCPU-hour')).optional(),
  sizing: Sizing.optional(),
  podOverheadMiB: z.number().nonnegative().max(33_554_432).optional(),
  billing: Billing.optional(),
  /** Launch token bucket; at most a million launches at once or per second (Fargate and ECI: 20 per second). */
  launchRate: strictObject({ burst: z.number().int().positive().max(1_000_000), perSecond: z.number().positive().max(1_000_000) }).nullable().optional(),
  /**
   * A lower effective rate measured in front of the launch API, passed before it (EKS on Fargate:
   * 7.8 pods/s measured); null: none. Same shape as launchRate.
   */
  schedulingRate: strictObject({ burst: z.number().int().positive().max(1_000_000), perSecond: z.number().positive().max(1_000_000) }).nullable().optional(),
  podStart: PodStart.optional(),
  /**
   * The provider's image switch (ECI image cache, Fargate SOCI lazy loading, GKE image streaming):
   * true replaces the pull stage with the preset's shorter one. Ignored where podStart is given.
   */
  imageCache: z.boolean().optional(),
  ...imagePullFields,
  /**
   * Preemptible serverless pods (ECI preemptible instances, GKE Autopilot Spot Pods). Absent:
   * regular pods. Fargate Spot exists for ECS only (EKS does not support it), so the aws-fargate
   * preset rejects it.
   */
  spot: strictObject({
    pricePerVcpuHour: z.number().nonnegative().max(MAX_PRICE_PER_UNIT_HOUR, atMost(MAX_PRICE_PER_UNIT_HOUR, 'per unit-hour')).optional(),
    pricePerGiBHour: z.number().nonnegative().max(MAX_PRICE_PER_UNIT_HOUR, atMost(MAX_PRICE_PER_UNIT_HOUR, 'per unit-hour')).optional(),
    discount: z.number().min(0).max(0.95, atMost(0.95, 'off the regular price; providers advertise up to 90%')).optional(),
    ...interruptionFields,
  }).optional(),
}).superRefine((s, ctx) => {
  // Both would say what the pull takes: refuse rather than ignore one of them.
  if (s.imageCache && s.podStart) ctx.addIssue({ code: 'custom', path: ['imageCache'], message: 'cannot be combined with podStart (give the cached pull as podStart.imagePull)' });
  if (!s.spot) return;
  if (s.preset === 'aws-fargate') return void ctx.addIssue({ code: 'custom', path: ['spot'], message: FARGATE_SPOT_ON_EKS });
  if (!(s.preset in SERVERLESS_SPOT_PRESETS)) {
    // ACI Spot Containers (preview, 3 regions, not behind the AKS virtual node) and the Tencent and
    // Huawei spot pods have no preset here: refuse rather than price them silently as regular pods.
    return void ctx.addIssue({ code: 'custom', path: ['spot'], message: `no preemptible preset for ${s.preset}: only alibaba-eci and gke-autopilot have one` });
  }
  const preset = SERVERLESS_SPOT_PRESETS[s.preset as keyof typeof SERVERLESS_SPOT_PRESETS];
  const priced = (s.spot.pricePerVcpuHour !== undefined && s.spot.pricePerGiBHour !== undefined) || (preset.pricePerVcpuHour !== undefined && preset.pricePerGiBHour !== undefined);
  if (!priced && s.spot.discount === undefined && preset.discount === undefined) {
    ctx.addIssue({ code: 'custom', path: ['spot', 'discount'], message: `${preset.label} have no published typical price: give discount (share off the regular price) or pricePerVcpuHour and pricePerGiBHour` });
  }
  if (s.spot.interruptionsPerMonth === undefined && preset.interruptionsPerMonth === undefined) {
    ctx.addIssue({ code: 'custom', path: ['spot', 'interruptionsPerMonth'], message: `${preset.label}: no published interruption rate; give interruptionsPerMonth (pods interrupted per pod-month)` });
  }
});
export type Serverless = z.infer<typeof Serverless>;

export const Unit = strictObject({
  resource: z.enum(['nodes', 'serverless']),
  /** Most pods this unit may hold at once; more go to the next unit. */
  max: z.number().int().positive().max(100_000_000).optional(),
});

/**
 * Where pods go when the node pool is full:
 * - normalNodePrefer (eci-profile): nodes first; a pod that fits on no Ready node goes to the virtual node at once.
 * - resourcePolicy (Alibaba ResourcePolicy): ordered units; a pod moves to the next unit when the
 *   current one holds `max` pods or, with TimeoutOrExceedMax, after pending `timeout` on it.
 */
export const Overflow = z.discriminatedUnion('policy', [
  strictObject({ policy: z.literal('normalNodePrefer') }),
  strictObject({
    policy: z.literal('resourcePolicy'),
    units: z.array(Unit).min(1).max(4),
    whenTryNextUnits: strictObject({ policy: z.enum(['TimeoutOrExceedMax', 'ExceedMax']).default('TimeoutOrExceedMax'), timeout: Duration.default(60) })
      .default({ policy: 'TimeoutOrExceedMax', timeout: 60 }),
  }),
]);
export type Overflow = z.infer<typeof Overflow>;

/** Pins pod classes to one side, like a Fargate profile or the alibabacloud.com/eci=true label. */
export const ClassSelector = strictObject({ classes: z.array(z.string().min(1).max(40)).min(1).max(1000), target: z.enum(['nodes', 'serverless']) });

export const FixedCost = strictObject({ name: z.string().min(1).max(60), perHour: z.number().nonnegative().max(MAX_FIXED_COST_PER_HOUR, atMost(MAX_FIXED_COST_PER_HOUR, 'per hour')) });

/**
 * A spend commitment (AWS Savings Plans, reserved instances expressed per hour, Alibaba savings
 * plans): `perHour` is paid every hour whatever is used; eligible usage in the hour is covered at
 * the on-demand price less `discount` until the commitment is spent, the rest is on demand. Spot
 * and preemptible capacity is never eligible. `covers`: which usage is eligible (Compute Savings
 * Plans and Alibaba savings plans cover serverless pods too; EC2 Instance Savings Plans and
 * reserved instances only nodes).
 */
export const Commitment = strictObject({
  perHour: z.number().nonnegative().max(MAX_FIXED_COST_PER_HOUR, atMost(MAX_FIXED_COST_PER_HOUR, 'per hour')),
  /** No default: the rate depends on term, payment and instance family (AWS: up to 66% Compute SP, 72% EC2 Instance SP). */
  discount: z.number().min(0).max(0.95, atMost(0.95, 'off the on-demand price; the deepest published plan is 76% (Alibaba)')),
  covers: z.enum(['nodes', 'nodesAndServerless']).default('nodesAndServerless'),
});
export type Commitment = z.infer<typeof Commitment>;

const base = {
  name: z.string().min(1).max(60),
  /** Managed control plane fee per hour (EKS and GKE 0.10, ACK Pro 0.09, self-managed 0). */
  controlPlanePerHour: z.number().nonnegative().max(MAX_CONTROL_PLANE_PER_HOUR, atMost(MAX_CONTROL_PLANE_PER_HOUR, 'per hour; EKS and GKE list 0.10')).default(0.1),
  /** Costs per hour that do not depend on load, e.g. operations staff time for a self-managed cluster. */
  fixedCosts: z.array(FixedCost).max(10).default([]),
  /** Absent: everything at on-demand (list) prices. */
  commitment: Commitment.optional(),
};

export const NodesStrategy = strictObject({ kind: z.literal('nodes'), ...base, nodePool: NodePool });
export const ServerlessStrategy = strictObject({ kind: z.literal('serverless'), ...base, serverless: Serverless });
export const MixedStrategy = strictObject({
  kind: z.literal('mixed'),
  ...base,
  nodePool: NodePool,
  serverless: Serverless,
  overflow: Overflow.default({ policy: 'normalNodePrefer' }),
  classSelectors: z.array(ClassSelector).max(20).default([]),
});

export const Strategy = z.discriminatedUnion('kind', [NodesStrategy, ServerlessStrategy, MixedStrategy]);
export type Strategy = z.infer<typeof Strategy>;
export type StrategyKind = Strategy['kind'];
