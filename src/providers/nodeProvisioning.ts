import type { InstanceType } from '../pricing/instanceTypes.ts';
import type { Source } from '../pricing/source.ts';
import type { Delay } from '../scenario/delay.ts';

/** Which cloud's node provisioning a node pool follows; `custom`: one delay, no limits (e.g. on-premises). */
export type NodeProvisioningPresetId = 'eks-ec2' | 'ack-ecs' | 'gke-gce' | 'custom';

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
export interface Rate {
  burst: number;
  perSecond: number;
}

/**
 * The stages a node goes through from cluster-autoscaler's scale-up decision to Ready, per cloud:
 * the node group's reaction (ASG / ESS scaling group / MIG) and its launch throughput, the cloud's
 * instance-creation token bucket, then per instance: the create call, boot to the running state
 * (where billing starts, if the cloud says so), kubelet registration, and Ready (CNI, kube-proxy,
 * DaemonSets). Every figure has a source; `estimate` where none was found.
 */
export interface NodeProvisioningPreset {
  id: NodeProvisioningPresetId;
  label: string;
  /** From the scale-up decision (node group size raised) to the node group starting its launches; once per scale-up. */
  nodeGroupDelay: Delay;
  /** How fast the node group launches instances after that (null: no limit of its own). */
  nodeGroupRate: Rate | null;
  /** The cloud's instance-creation bucket per account and region (null: none documented). */
  launchRate: Rate | null;
  stages: {
    /** The create call: request to the instance existing (EC2: pending). */
    request: Delay;
    /** Pending to running (the hypervisor starts the VM). */
    boot: Delay;
    /** Running to kubelet registered (OS boot, cloud-init, container runtime, kubelet). */
    register: Delay;
    /** Registered to node Ready (CNI plugin, kube-proxy, DaemonSets). */
    ready: Delay;
  };
  /** When the cloud starts billing an instance: at the create request, or once it is running. */
  billingStartsAt: 'request' | 'running';
  /** The node image's kube-reserved formula (see nodeReservation.ts). */
  kubeReserved: 'eks-ami' | 'gke' | 'ack';
  /** kubelet serializeImagePulls on the provider's node image (upstream default true: one pull at a time per node). */
  serializeImagePulls: boolean;
  sources: Record<string, Source>;
}

const NLK: Source = {
  url: 'https://github.com/awslabs/node-latency-for-k8s',
  date: '2026-12-04',
  confidence: 'confirmed',
  note:
    'README examples (c6a.large, EKS AMI, us-east-2, Dec 2022): instance requested 0 s, pending 1 s, VM initialized 11-13 s, kubelet registered 19-20 s, node Ready 24-31 s. Medians here: create 1 s, boot 11 s, register 8 s, Ready 6 s; the p95s are estimates (two samples only)',
};

const VLAD_2022: Source = {
  url: 'https://www.vladionescu.me/posts/scaling-containers-on-aws-in-2022/',
  date: '2026-12-04',
  confidence: 'estimate',
  note:
    "No AWS document gives how fast an Auto Scaling group acts on a raised desired capacity or launches instances: both are fitted to the published measurement (0 to 3,500 pods of 1 vCPU / 2 GiB on EKS with c6g.4xlarge nodes and cluster-autoscaler: new nodes' first pods after ~2.5 min, all after ~6.5 min; here c6i.4xlarge, 250 nodes). With the documented stages alone (and before them) Spillway ran them all in ~3 min, 2x too fast. Reaction median 100 s (first pods on new nodes at ~2.5 min) and 20 launches then 1.2 per second (the last of 247 new nodes ~200 s later) reproduce it within 7% at seeds 1, 42, 7 (test/models/provisioningCalibration.test.ts, calibration case eks-ec2-3500). Caveat: the measurement's spread may come partly from the Deployment creating its pods gradually (kube-controller-manager's API rate), which Spillway does not model; at a 1,000-node scale-up this rate means ~14 min of launches.",
};

export const NODE_PROVISIONING_PRESETS: Record<NodeProvisioningPresetId, NodeProvisioningPreset> = {
  'eks-ec2': {
    id: 'eks-ec2',
    label: 'EKS managed node group (EC2 Auto Scaling group)',
    nodeGroupDelay: { kind: 'lognormal', median: 100, p95: 130 },
    nodeGroupRate: { burst: 20, perSecond: 1.2 },
    launchRate: { burst: 1000, perSecond: 2 },
    stages: {
      request: { kind: 'lognormal', median: 1, p95: 3 },
      boot: { kind: 'lognormal', median: 11, p95: 20 },
      register: { kind: 'lognormal', median: 8, p95: 15 },
      ready: { kind: 'lognormal', median: 6, p95: 15 },
    },
    billingStartsAt: 'running',
    kubeReserved: 'eks-ami',
    serializeImagePulls: true,
    sources: {
      nodeGroup: VLAD_2022,
      launchRate: {
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'RunInstances resource token bucket: 1,000 instances, refilled at 2 instances per second, per account and region',
      },
      stages: NLK,
      billing: {
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'Instance states: billed from the running state on; not billed while pending',
      },
      kubeReserved: { url: 'https://github.com/awslabs/amazon-eks-ami/blob/main/templates/al2/runtime/bootstrap.sh', date: '2026-11-23', confidence: 'confirmed', note: 'get_cpu_millicores_to_reserve, get_memory_mebibytes_to_reserve' },
      serializeImagePulls: { url: 'https://github.com/awslabs/amazon-eks-ami/blob/main/templates/shared/runtime/kubelet-config.json', date: '2026-12-04', confidence: 'estimate', note: 'the EKS AMI kubelet config does not set it, so the upstream default (true) applies' },
    },
  },
  'ack-ecs': {
    id: 'ack-ecs',
    label: 'ACK node pool (ECS, Auto Scaling group)',
    nodeGroupDelay: { kind: 'lognormal', median: 100, p95: 130 },
    nodeGroupRate: null,
    launchRate: null,
    stages: {
      request: { kind: 'lognormal', median: 2, p95: 5 },
      boot: { kind: 'lognormal', median: 20, p95: 40 },
      register: { kind: 'lognormal', median: 30, p95: 50 },
      ready: { kind: 'lognormal', median: 10, p95: 25 },
    },
    billingStartsAt: 'request',
    kubeReserved: 'ack',
    serializeImagePulls: true,
    sources: {
      nodeGroup: {
        ...VLAD_2022,
        note: "No Alibaba figure found for how an ESS scaling group acts on an ACK scale-up: the EKS node group's reaction delay (an estimate itself) is used, and no launch rate of its own. The EKS rate (1.2 nodes/s, fitted at 250 nodes) is not carried over: at this scenario's 1,700-node scale-ups it would take 24 min, past max-node-provision-time, which no ACK document supports; set provisioning.nodeGroupRate to try it. ACK node instant scaling (not modelled) adds at most 180 nodes per node pool per batch (https://www.alibabacloud.com/help/doc-detail/2845947.html).",
      },
      launchRate: { url: 'https://www.alibabacloud.com/help/en/ecs/developer-reference/api-throttling', date: '2026-12-04', confidence: 'estimate', note: 'ECS throttles API calls per second per account; no instance-creation token bucket is documented, so none is modelled (RunInstances creates up to 100 instances per call)' },
      stages: { url: 'https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/overview-of-node-scaling', date: '2026-12-04', confidence: 'estimate', note: 'ACK documents no per-stage figures; 60-90 s from the create call to Ready is the research notes\' suggested preset, split like an EKS node' },
      billing: { url: 'https://www.alibabacloud.com/help/en/ecs/pay-as-you-go', date: '2026-12-04', confidence: 'estimate', note: 'pay-as-you-go ECS is billed per second from creation; whether the starting state is billed was not confirmed, so billing starts at the create request (the costlier reading)' },
      kubeReserved: { url: 'https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/resource-reservation-policy', date: '2026-12-04', confidence: 'estimate', note: 'the formula table was not retrieved; see nodeReservation.ts for the estimate and the one documented example it is checked against' },
      serializeImagePulls: { url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/', date: '2026-12-04', confidence: 'estimate', note: 'upstream default true; ACK node image setting not confirmed' },
    },
  },
  'gke-gce': {
    id: 'gke-gce',
    label: 'GKE Standard node pool (managed instance group)',
    nodeGroupDelay: { kind: 'lognormal', median: 60, p95: 120 },
    nodeGroupRate: null,
    launchRate: null,
    stages: {
      request: { kind: 'lognormal', median: 5, p95: 15 },
      boot: { kind: 'lognormal', median: 30, p95: 60 },
      register: { kind: 'lognormal', median: 40, p95: 80 },
      ready: { kind: 'lognormal', median: 15, p95: 40 },
    },
    billingStartsAt: 'running',
    kubeReserved: 'gke',
    serializeImagePulls: true,
    sources: {
      nodeGroup: { url: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md', date: '2026-12-04', confidence: 'estimate', note: 'CA FAQ: on GCE it takes 3-4 min from the scale-up request until pods can be scheduled; split here into the MIG reaction and the node stages' },
      launchRate: { url: 'https://cloud.google.com/compute/api-quota', date: '2026-12-04', confidence: 'estimate', note: 'Compute Engine limits API requests per minute per project and region; no instance-creation bucket is documented, so none is modelled' },
      stages: { url: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md', date: '2026-12-04', confidence: 'estimate', note: 'stage split of the FAQ\'s 3-4 min' },
      billing: { url: 'https://cloud.google.com/compute/docs/instances/instance-life-cycle', date: '2026-12-04', confidence: 'confirmed', note: 'PROVISIONING and STAGING are not charged; RUNNING is' },
      kubeReserved: { url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes', date: '2026-12-04', confidence: 'confirmed', note: 'memory and CPU reservation tiers, eviction threshold 100 MiB' },
      serializeImagePulls: { url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/', date: '2026-12-04', confidence: 'estimate', note: 'upstream default true' },
    },
  },
  custom: {
    id: 'custom',
    label: 'Custom (one provisioning delay, no API limits)',
    nodeGroupDelay: { kind: 'constant', seconds: 0 },
    nodeGroupRate: null,
    launchRate: null,
    stages: {
      request: { kind: 'constant', seconds: 0 },
      boot: { kind: 'constant', seconds: 0 },
      register: { kind: 'constant', seconds: 0 },
      ready: { kind: 'lognormal', median: 75, p95: 120 },
    },
    billingStartsAt: 'request',
    kubeReserved: 'eks-ami',
    serializeImagePulls: true,
    sources: {
      stages: { url: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md', date: '2026-11-23', confidence: 'estimate', note: 'one launch-to-Ready delay (median 75 s, p95 120 s), Spillway\'s earlier default' },
    },
  },
};

/** The preset a pool follows when it names none: its first instance type's cloud, else custom. */
export function presetForProvider(provider: InstanceType['provider'] | undefined): NodeProvisioningPresetId {
  switch (provider) {
    case 'aws':
      return 'eks-ec2';
    case 'alibaba':
      return 'ack-ecs';
    case 'gcp':
      return 'gke-gce';
    default:
      // No provisioning stages are preset for AKS, TKE, CCE or on-premises nodes yet: one delay.
      return 'custom';
  }
}
