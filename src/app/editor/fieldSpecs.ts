/**
 * The simple fields of each editor section, as data: the forms render them and the issue mapper
 * derives from them which field paths exist on screen. Paths are relative to the section.
 */
export type FieldKind = 'text' | 'number' | 'integer' | 'duration' | 'timeOfDay' | 'timeList' | 'select' | 'checkbox' | 'delay' | 'schedule';

export interface FieldSpec {
  kind: FieldKind;
  key: string;
  label: string;
  /** Unit shown after the input ("s", "USD/h", "millicores"). */
  unit?: string;
  hint?: string;
  /** Empty input removes the key (the schema default or preset applies); placeholder shows it. */
  optional?: boolean;
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
  /** Spans the whole row of the field grid (long names and option labels). */
  wide?: boolean;
  /** A schedule's number per time of day (default `minNodes`; `placeholderPods` for the placeholder Deployment). */
  valueKey?: string;
}

export const DELAY_PARAM_KEYS = ['kind', 'seconds', 'min', 'max', 'median', 'p95'] as const;

export const SCENARIO_FIELDS: FieldSpec[] = [
  { kind: 'text', key: 'name', label: 'Scenario name', wide: true },
  { kind: 'duration', key: 'horizon', label: 'Horizon', hint: 'seconds or 12h, 1d, 7d', optional: true, placeholder: '1d' },
  { kind: 'duration', key: 'slo.pendingSeconds', label: 'SLO: max pending', hint: 'seconds or 90s, 2m', optional: true, placeholder: '60' },
  { kind: 'integer', key: 'seed', label: 'Random seed', optional: true, placeholder: '1' },
];

const POD_FIELDS: FieldSpec[] = [
  { kind: 'number', key: 'pod.cpuMillicores', label: 'CPU request', unit: 'millicores' },
  { kind: 'number', key: 'pod.memoryMiB', label: 'Memory request', unit: 'MiB' },
];

const SOURCE_COMMON: FieldSpec[] = [
  { kind: 'text', key: 'name', label: 'Name' },
  { kind: 'text', key: 'class', label: 'Pod class', optional: true, placeholder: 'default', hint: 'used by overflow policies and class selectors' },
  {
    kind: 'number',
    key: 'imageSizeMiB',
    label: 'Image size',
    unit: 'MiB',
    optional: true,
    placeholder: 'not given',
    hint: "compressed, as the registry lists it. Given: a pull takes a fixed latency + size / the provider's pull bandwidth (EC2: 2 s + size / 55 MiB/s), once per node, every pod on serverless unless its image cache is on. Empty: the pool's image pull delay",
  },
];

export const WORKLOAD_FIELDS: Record<'diurnal' | 'burst' | 'batch', FieldSpec[]> = {
  diurnal: [
    ...SOURCE_COMMON,
    { kind: 'integer', key: 'minReplicas', label: 'Min replicas (night)' },
    { kind: 'integer', key: 'maxReplicas', label: 'Max replicas (peak)' },
    { kind: 'timeOfDay', key: 'peakAt', label: 'Peak at', hint: 'HH:MM', optional: true, placeholder: '14:00' },
    { kind: 'duration', key: 'step', label: 'Re-evaluate every', optional: true, placeholder: '5m' },
    ...POD_FIELDS,
  ],
  burst: [
    ...SOURCE_COMMON,
    { kind: 'timeList', key: 'sessionStarts', label: 'Session starts', hint: 'HH:MM, comma-separated' },
    { kind: 'integer', key: 'podsPerSession', label: 'Pods per session' },
    { kind: 'duration', key: 'herdWidth', label: 'Arrival spread (herd width)', optional: true, placeholder: '5m' },
    { kind: 'duration', key: 'sessionLength', label: 'Session length', optional: true, placeholder: '50m' },
    { kind: 'duration', key: 'endJitter', label: 'End jitter', optional: true, placeholder: '2m' },
    {
      kind: 'select',
      key: 'podsEnd',
      label: 'Pods end',
      wide: true,
      optional: true,
      options: [
        { value: 'withSession', label: 'with the session (a class ends at its set time, however late a pod started)' },
        { value: 'afterRunTime', label: 'after their run time, counted from when each pod starts' },
      ],
    },
    ...POD_FIELDS,
  ],
  batch: [
    ...SOURCE_COMMON,
    { kind: 'number', key: 'jobsPerHour', label: 'Jobs per hour' },
    { kind: 'timeOfDay', key: 'window.from', label: 'Window from', hint: 'HH:MM; leave both empty for all day', optional: true },
    { kind: 'timeOfDay', key: 'window.to', label: 'Window to', optional: true },
    { kind: 'delay', key: 'runtime', label: 'Job runtime' },
    ...POD_FIELDS,
  ],
};

export const STRATEGY_BASE_FIELDS: FieldSpec[] = [
  { kind: 'text', key: 'name', label: 'Strategy name', wide: true },
  {
    kind: 'select',
    key: 'kind',
    label: 'Kind',
    wide: true,
    options: [
      { value: 'nodes', label: 'Node pool + cluster-autoscaler' },
      { value: 'serverless', label: 'Serverless pods only' },
      { value: 'mixed', label: 'Node pool + virtual-node overflow' },
    ],
  },
  { kind: 'number', key: 'controlPlanePerHour', label: 'Control plane', unit: 'USD/h', optional: true, placeholder: '0.1' },
];

export const NODE_POOL_FIELDS: FieldSpec[] = [
  { kind: 'integer', key: 'minNodes', label: 'Min nodes', optional: true, placeholder: '0' },
  { kind: 'integer', key: 'maxNodes', label: 'Max nodes', optional: true, placeholder: '1000' },
  { kind: 'integer', key: 'initialNodes', label: 'Initial nodes', optional: true, placeholder: 'min nodes' },
  { kind: 'delay', key: 'provisioningDelay', label: 'Node provisioning delay', optional: true, hint: "default: the provider preset's stages (node group, create, boot, registration, Ready); a delay here replaces the four node stages, the node group and launch limits still apply; custom shapes: lognormal, median 75 s, p95 120 s" },
  {
    kind: 'select',
    key: 'scoring',
    label: 'Scheduler scoring',
    optional: true,
    options: [
      { value: 'LeastAllocated', label: 'LeastAllocated (spread)' },
      { value: 'MostAllocated', label: 'MostAllocated (pack)' },
    ],
  },
  {
    kind: 'schedule',
    key: 'schedule',
    label: 'Scheduled minimum nodes (pre-scale)',
    wide: true,
    optional: true,
    placeholder: '18:55=1700, 21:10=0',
    hint: 'HH:MM=nodes, comma-separated, every day; min nodes holds until the first',
  },
  { kind: 'integer', key: 'headroom.placeholderPods', label: 'Headroom: placeholder pods', optional: true, placeholder: 'none', hint: 'low-priority pause pods real pods preempt (overprovisioning)' },
  { kind: 'number', key: 'headroom.pod.cpuMillicores', label: 'Placeholder CPU', unit: 'millicores', optional: true },
  { kind: 'number', key: 'headroom.pod.memoryMiB', label: 'Placeholder memory', unit: 'MiB', optional: true },
  { kind: 'delay', key: 'headroom.preemptionDelay', label: 'Preemption delay', optional: true, hint: 'default: constant 2 s (estimate)' },
  {
    kind: 'schedule',
    key: 'headroom.schedule',
    valueKey: 'placeholderPods',
    label: 'Scheduled placeholder pods (pre-scale)',
    wide: true,
    optional: true,
    placeholder: '18:50=12000, 18:57=0',
    hint: "HH:MM=replicas, comma-separated, every day (a CronJob or KEDA cron scaling the placeholder Deployment); the pre-scale that works under Karpenter",
  },
];

/** Fields of NODE_POOL_FIELDS a Karpenter pool does not have (it has no minimum size to schedule). */
export const NOT_UNDER_KARPENTER = new Set(['schedule']);

export const AUTOSCALER_FIELDS: FieldSpec[] = [
  { kind: 'duration', key: 'scanInterval', label: 'scan-interval', optional: true, placeholder: '10s' },
  { kind: 'duration', key: 'scaleDownUnneededTime', label: 'scale-down-unneeded-time', optional: true, placeholder: '10m' },
  { kind: 'duration', key: 'scaleDownDelayAfterAdd', label: 'scale-down-delay-after-add', optional: true, placeholder: '10m' },
  { kind: 'number', key: 'scaleDownUtilizationThreshold', label: 'scale-down-utilization-threshold', optional: true, placeholder: '0.5' },
  { kind: 'duration', key: 'maxNodeProvisionTime', label: 'max-node-provision-time', optional: true, placeholder: '15m' },
  {
    kind: 'select',
    key: 'expander',
    label: 'expander',
    optional: true,
    options: ['random', 'least-waste', 'most-pods', 'price'].map((v) => ({ value: v, label: v })),
  },
  { kind: 'integer', key: 'maxNodesPerScaleUp', label: 'max nodes per scale-up', optional: true, placeholder: '1000' },
];

/** Karpenter's NodePool settings (src/scenario/strategy.ts `Karpenter`), defaults as placeholders. */
export const KARPENTER_FIELDS: FieldSpec[] = [
  {
    kind: 'select',
    key: 'consolidationPolicy',
    label: 'consolidationPolicy',
    optional: true,
    options: [
      { value: 'WhenEmptyOrUnderutilized', label: 'WhenEmptyOrUnderutilized' },
      { value: 'WhenEmpty', label: 'WhenEmpty' },
    ],
  },
  { kind: 'duration', key: 'consolidateAfter', label: 'consolidateAfter', optional: true, placeholder: '0s', hint: 'seconds, 30s, 10m, or Never' },
  { kind: 'number', key: 'disruptionBudget.nodes', label: 'Disruption budget (nodes)', optional: true, placeholder: '10%', hint: 'a percentage such as 10% or a node count' },
  { kind: 'duration', key: 'expireAfter', label: 'expireAfter', optional: true, placeholder: '720h', hint: 'e.g. 720h, 30d, or Never' },
  { kind: 'number', key: 'limits.cpu', label: 'limits.cpu', unit: 'vCPU', optional: true, placeholder: 'none' },
  { kind: 'number', key: 'limits.memoryGiB', label: 'limits.memory', unit: 'GiB', optional: true, placeholder: 'none' },
  { kind: 'duration', key: 'batchIdleDuration', label: 'BATCH_IDLE_DURATION', optional: true, placeholder: '1s' },
  { kind: 'duration', key: 'batchMaxDuration', label: 'BATCH_MAX_DURATION', optional: true, placeholder: '10s' },
];

/** Spot / preemptible nodes (nodePool.spot): empty fields take the offer's preset (src/pricing/spotPresets.ts). */
export const NODE_SPOT_FIELDS: FieldSpec[] = [
  {
    kind: 'select',
    key: 'preset',
    label: 'Spot offer',
    optional: true,
    options: [
      { value: 'ec2-spot', label: 'EC2 Spot (2 min notice)' },
      { value: 'alibaba-preemptible', label: 'Alibaba ECS preemptible (1 h protection, 5 min notice)' },
      { value: 'gce-spot', label: 'GCE Spot VMs (30 s notice)' },
    ],
  },
  { kind: 'number', key: 'discount', label: 'Spot discount', optional: true, placeholder: '0.65 on EC2', hint: 'share off the on-demand price (EC2: Spot Advisor median 65%)' },
  { kind: 'number', key: 'interruptionsPerMonth', label: 'Interruptions per node-month', optional: true, placeholder: '0.05 on EC2', hint: 'Spot Advisor bands: <5% = 0.05, 5-10% = 0.10, 10-15% = 0.15, 15-20% = 0.20' },
  { kind: 'number', key: 'availability', label: 'Spot availability', optional: true, placeholder: '1', hint: 'chance a launch gets spot capacity; otherwise an on-demand node' },
  { kind: 'duration', key: 'noticeSeconds', label: 'Interruption notice', optional: true, placeholder: 'preset' },
  { kind: 'duration', key: 'protectionPeriod', label: 'Protection period', optional: true, placeholder: 'preset' },
];

/**
 * Preemptible serverless pods (serverless.spot: ECI preemptible instances, GKE Autopilot Spot Pods);
 * empty fields take the preset (src/pricing/spotPresets.ts SERVERLESS_SPOT_PRESETS).
 */
export const SERVERLESS_SPOT_FIELDS: FieldSpec[] = [
  { kind: 'number', key: 'pricePerVcpuHour', label: 'Spot price per vCPU-hour', unit: 'USD', optional: true },
  { kind: 'number', key: 'pricePerGiBHour', label: 'Spot price per GiB-hour', unit: 'USD', optional: true },
  { kind: 'number', key: 'discount', label: 'Spot discount', optional: true, hint: 'share off the regular price (instead of prices per unit)' },
  { kind: 'number', key: 'interruptionsPerMonth', label: 'Interruptions per pod-month', optional: true, hint: 'no provider publishes one for pods: give your own' },
  { kind: 'duration', key: 'noticeSeconds', label: 'Interruption notice', optional: true },
  { kind: 'duration', key: 'protectionPeriod', label: 'Protection period', optional: true, hint: 'no interruption before a pod has run this long' },
];

/** Serverless presets with a preemptible preset (the schema refuses spot on the others, saying why). */
export const SERVERLESS_SPOT_PRESET_IDS = ['alibaba-eci', 'gke-autopilot'] as const;

/** A spend commitment on the strategy (Savings Plans, reserved instances per hour, Alibaba savings plans). */
export const COMMITMENT_FIELDS: FieldSpec[] = [
  { kind: 'number', key: 'perHour', label: 'Commitment per hour', unit: 'USD/h', hint: 'paid every hour, used or not' },
  { kind: 'number', key: 'discount', label: 'Commitment discount', hint: 'share off on-demand; AWS publishes up to 0.66 (Compute SP) and 0.72 (EC2 Instance SP)' },
  {
    kind: 'select',
    key: 'covers',
    label: 'Commitment covers',
    optional: true,
    options: [
      { value: 'nodesAndServerless', label: 'Nodes and serverless pods (Compute SP, Alibaba SP)' },
      { value: 'nodes', label: 'Nodes only (EC2 Instance SP, reserved instances)' },
    ],
  },
];

export const SERVERLESS_FIELDS: FieldSpec[] = [
  {
    kind: 'select',
    key: 'preset',
    label: 'Serverless preset',
    wide: true,
    optional: true,
    options: [
      { value: 'aws-fargate', label: 'AWS Fargate' },
      { value: 'alibaba-eci', label: 'Alibaba Cloud ECI' },
      { value: 'gke-autopilot', label: 'GKE Autopilot' },
      { value: 'azure-aci', label: 'Azure Container Instances (AKS virtual node)' },
      { value: 'tencent-super-node', label: 'Tencent TKE super node' },
      { value: 'huawei-cci', label: 'Huawei Cloud CCI' },
    ],
  },
  { kind: 'number', key: 'pricePerVcpuHour', label: 'Price per vCPU-hour', unit: 'USD', optional: true },
  { kind: 'number', key: 'pricePerGiBHour', label: 'Price per GiB-hour', unit: 'USD', optional: true },
  { kind: 'number', key: 'podOverheadMiB', label: 'Pod memory overhead', unit: 'MiB', optional: true },
];

export const OVERFLOW_FIELDS: FieldSpec[] = [
  {
    kind: 'select',
    key: 'policy',
    label: 'Overflow policy',
    wide: true,
    options: [
      { value: 'normalNodePrefer', label: 'normalNodePrefer: overflow at once when no node fits' },
      { value: 'resourcePolicy', label: 'ResourcePolicy: ordered units, timeout' },
    ],
  },
];

export const RESOURCE_POLICY_FIELDS: FieldSpec[] = [
  {
    kind: 'select',
    key: 'whenTryNextUnits.policy',
    label: 'Try next unit when',
    optional: true,
    options: [
      { value: 'TimeoutOrExceedMax', label: 'TimeoutOrExceedMax' },
      { value: 'ExceedMax', label: 'ExceedMax' },
    ],
  },
  { kind: 'duration', key: 'whenTryNextUnits.timeout', label: 'Pending timeout before next unit', optional: true, placeholder: '60s' },
];

/** Paths (absolute) a list of specs renders under `base`, delay fields with their parameters. */
export function specPaths(base: string, specs: readonly FieldSpec[]): string[] {
  const join = (k: string) => (base ? `${base}.${k}` : k);
  return specs.flatMap((s) => (s.kind === 'delay' ? [join(s.key), ...DELAY_PARAM_KEYS.map((p) => join(`${s.key}.${p}`))] : [join(s.key)]));
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Every field path and section the editor shows for a draft: the sections ("workload.0",
 * "strategies.1", ...) catch issues deeper than any field (e.g. class selectors), so every
 * issue inside a strategy shows up on that strategy.
 */
export function editorFieldPaths(doc: Record<string, unknown>): Set<string> {
  const paths = new Set<string>(['workload', 'strategies', ...specPaths('', SCENARIO_FIELDS)]);
  asArray(doc.workload).forEach((w, i) => {
    const base = `workload.${i}`;
    paths.add(base);
    const type = (w as { type?: unknown } | null)?.type;
    if (type === 'diurnal' || type === 'burst' || type === 'batch') specPaths(base, WORKLOAD_FIELDS[type]).forEach((p) => paths.add(p));
    if (type === 'batch') paths.add(`${base}.window`);
  });
  asArray(doc.strategies).forEach((s, i) => {
    const base = `strategies.${i}`;
    paths.add(base);
    specPaths(base, STRATEGY_BASE_FIELDS).forEach((p) => paths.add(p));
    const st = (s ?? {}) as Record<string, unknown>;
    if (st.kind === 'nodes' || st.kind === 'mixed') {
      paths.add(`${base}.nodePool`);
      paths.add(`${base}.nodePool.instanceTypes`);
      asArray((st.nodePool as Record<string, unknown> | undefined)?.instanceTypes).forEach((_, k) => paths.add(`${base}.nodePool.instanceTypes.${k}`));
      specPaths(`${base}.nodePool`, NODE_POOL_FIELDS).forEach((p) => paths.add(p));
      paths.add(`${base}.nodePool.autoscaler`);
      specPaths(`${base}.nodePool.autoscaler`, AUTOSCALER_FIELDS).forEach((p) => paths.add(p));
      paths.add(`${base}.nodePool.karpenter`);
      specPaths(`${base}.nodePool.karpenter`, KARPENTER_FIELDS).forEach((p) => paths.add(p));
      paths.add(`${base}.nodePool.spot`);
      specPaths(`${base}.nodePool.spot`, NODE_SPOT_FIELDS).forEach((p) => paths.add(p));
    }
    paths.add(`${base}.commitment`);
    specPaths(`${base}.commitment`, COMMITMENT_FIELDS).forEach((p) => paths.add(p));
    if (st.kind === 'serverless' || st.kind === 'mixed') {
      paths.add(`${base}.serverless`);
      specPaths(`${base}.serverless`, SERVERLESS_FIELDS).forEach((p) => paths.add(p));
      paths.add(`${base}.serverless.spot`);
      specPaths(`${base}.serverless.spot`, SERVERLESS_SPOT_FIELDS).forEach((p) => paths.add(p));
      paths.add(`${base}.serverless.launchRate`);
      paths.add(`${base}.serverless.launchRate.burst`);
      paths.add(`${base}.serverless.launchRate.perSecond`);
      paths.add(`${base}.serverless.imageCache`);
      paths.add(`${base}.serverless.podStart`);
      for (const d of ['sandbox', 'imagePull']) specPaths(`${base}.serverless.podStart`, [{ kind: 'delay', key: d, label: d }]).forEach((p) => paths.add(p));
    }
    if (st.kind === 'mixed') {
      paths.add(`${base}.overflow`);
      specPaths(`${base}.overflow`, OVERFLOW_FIELDS).forEach((p) => paths.add(p));
      const ov = (st.overflow ?? {}) as Record<string, unknown>;
      if (ov.policy === 'resourcePolicy') {
        paths.add(`${base}.overflow.units`);
        asArray(ov.units).forEach((_, k) => {
          paths.add(`${base}.overflow.units.${k}.resource`);
          paths.add(`${base}.overflow.units.${k}.max`);
        });
        specPaths(`${base}.overflow`, RESOURCE_POLICY_FIELDS).forEach((p) => paths.add(p));
      }
    }
  });
  return paths;
}
