import type { ScenarioInput } from '../scenario/scenario.ts';
import type { StrategyRun } from '../replay/strategyRun.ts';

/**
 * Published measurements Spillway is checked against: one scenario each, the number read off the
 * replay, the published number and where it was published. `npm run calibrate` prints them as a
 * table and `npm test` (test/calibration.test.ts) fails when Spillway is more than TOLERANCE off.
 * Where a case and a preset disagree, the preset changes (with the reason in its source note),
 * never the tolerance.
 */
export interface CalibrationCase {
  id: string;
  /** What was measured, in a few words. */
  measurement: string;
  source: {
    url: string;
    /** Who published it: provider docs, provider blog, conference talk, public benchmark. */
    kind: 'provider docs' | 'provider blog' | 'conference talk' | 'public benchmark';
    publisher: string;
    accessed: string;
    /** The sentence the figure comes from, as published. */
    quote: string;
  };
  published: { value: number; unit: 's' };
  /** The strategy replayed, on `pods` identical pods that all arrive at time 0 (one strategy). */
  strategy: ScenarioInput['strategies'][number];
  pods: { count: number; cpuMillicores: number; memoryMiB: number; arrivalEvery?: number };
  /** Reads Spillway's figure off the finished replay. */
  metric: (run: StrategyRun) => number;
  /**
   * A case Spillway is known to miss, printed as such in the table and checked by the test to
   * still miss it (so the mark is removed as soon as the model meets it).
   */
  knownGap?: string;
}

/** Spillway's figure may differ from the published one by at most this share. */
export const TOLERANCE = 0.2;

const ACCESSED = '2026-12-04';
const VLAD_2022 = 'https://www.vladionescu.me/posts/scaling-containers-on-aws-in-2022/';
const VLAD_GRAPH_QUOTE =
  'Hand-drawn-style graph showing how long it takes to scale from 0 to 3500 containers: ... ECS on Fargate starts scaling after 30 seconds and reaches close to 3500 around the four and a half minute mark, EKS on Fargate starts scaling after about a minute and reaches close to 3500 around the eight and a half minute mark, EKS on EC2 starts scaling after two and a half minutes and reaches 3500 around the six and a half minute mark (test code: github.com/Vlaaaaaaad/blog-scaling-containers-on-aws-in-2022, one Deployment of 3,500 replicas requesting 1 vCPU / 2 GiB)';

/** Seconds from time 0 until `share` of the pods had first run (the share-th pod's start). */
export function timeUntilRunning(run: StrategyRun, share: number): number {
  const starts = Array.from(run.cluster.firstRunningAt).sort((a, b) => a - b);
  const k = Math.max(1, Math.ceil(share * starts.length));
  return starts[k - 1];
}

/** Seconds from time 0 until the last pod passed the launch buckets (podStart set to 0 s). */
function lastLaunch(run: StrategyRun): number {
  return timeUntilRunning(run, 1);
}

/** Mean seconds from a serverless pod's image pull start to its Running. */
export function meanImagePull(run: StrategyRun): number {
  const s = run.models.serverless;
  if (!s) throw new Error('meanImagePull: the strategy has no serverless pods');
  const c = run.cluster;
  let sum = 0;
  let n = 0;
  for (let pod = 0; pod < c.firstRunningAt.length; pod++) {
    const pull = s.pullStartedAt(pod);
    if (!Number.isFinite(pull) || !Number.isFinite(c.firstRunningAt[pod])) continue;
    sum += c.firstRunningAt[pod] - pull;
    n++;
  }
  return sum / n;
}

/**
 * Mean seconds from a pod's arrival to cluster-autoscaler's launch request for the node it
 * caused, for pods that each need a node of their own and arrive one at a time.
 */
export function meanScaleUpLatency(run: StrategyRun): number {
  const pool = run.models.pool;
  if (!pool) throw new Error('meanScaleUpLatency: the strategy has no node pool');
  // Node slots are not reused here (one node per pod, none removed within the case).
  const launches = Array.from(pool.requestedAt.subarray(0, pool.launched)).sort((a, b) => a - b);
  const arrivals = Array.from(run.pods.arrival).sort((a, b) => a - b);
  if (launches.length !== arrivals.length) throw new Error(`meanScaleUpLatency: ${launches.length} nodes launched for ${arrivals.length} pods`);
  let sum = 0;
  for (let i = 0; i < arrivals.length; i++) sum += launches[i] - arrivals[i];
  return sum / arrivals.length;
}

const ZERO = { kind: 'constant', seconds: 0 } as const;

export const CALIBRATION_CASES: readonly CalibrationCase[] = [
  {
    id: 'eks-fargate-3500',
    measurement: 'EKS on Fargate: 3,500 pods (1 vCPU / 2 GiB) at once, ~all Running (99%)',
    source: { url: VLAD_2022, kind: 'public benchmark', publisher: 'Vlad Ionescu, Scaling containers on AWS in 2022', accessed: ACCESSED, quote: VLAD_GRAPH_QUOTE },
    published: { value: 8.5 * 60, unit: 's' },
    strategy: { kind: 'serverless', name: 'EKS on Fargate', serverless: { preset: 'aws-fargate' } },
    pods: { count: 3500, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: (run) => timeUntilRunning(run, 0.99),
  },
  {
    id: 'eks-fargate-first',
    measurement: 'EKS on Fargate: same burst, first pods Running (1%)',
    source: { url: VLAD_2022, kind: 'public benchmark', publisher: 'Vlad Ionescu, Scaling containers on AWS in 2022', accessed: ACCESSED, quote: VLAD_GRAPH_QUOTE },
    published: { value: 60, unit: 's' },
    strategy: { kind: 'serverless', name: 'EKS on Fargate', serverless: { preset: 'aws-fargate' } },
    pods: { count: 3500, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: (run) => timeUntilRunning(run, 0.01),
  },
  {
    id: 'fargate-launch-bucket',
    measurement: 'Fargate launch API alone, account launching only EKS pods: 1,000 launches asked at once, last one',
    source: {
      url: 'https://docs.aws.amazon.com/AmazonECS/latest/userguide/throttling.html',
      kind: 'provider docs',
      publisher: 'AWS, Fargate throttling quotas',
      accessed: ACCESSED,
      quote:
        'Accounts launching only Amazon EKS pods have a burst rate of 20 with a sustained pod launch rate of 20 pod launches per second (so 20 at once and 980 more at 20/s: the 1,000th at 49 s)',
    },
    published: { value: 49, unit: 's' },
    strategy: { kind: 'serverless', name: 'Fargate launch API', serverless: { preset: 'aws-fargate', schedulingRate: null, podStart: { sandbox: ZERO, imagePull: ZERO } } },
    pods: { count: 1000, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: lastLaunch,
  },
  {
    id: 'eci-create-bucket',
    measurement: 'ECI CreateContainerGroup: 1,000 pods asked at once, last one created',
    source: {
      url: 'https://help.aliyun.com/en/eci/product-overview/limits',
      kind: 'provider docs',
      publisher: 'Alibaba Cloud, Elastic Container Instance limits',
      accessed: ACCESSED,
      quote: 'CreateContainerGroup: token bucket of 100 calls, refilled at 20 per second (so 100 at once and 900 more at 20/s: the 1,000th at 45 s)',
    },
    published: { value: 45, unit: 's' },
    strategy: { kind: 'serverless', name: 'ECI create API', serverless: { preset: 'alibaba-eci', podStart: { sandbox: ZERO, imagePull: ZERO } } },
    pods: { count: 1000, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: lastLaunch,
  },
  {
    id: 'eci-image-cache',
    measurement: 'ECI with an image cache: image preparation per pod (mean)',
    source: {
      url: 'https://www.alibabacloud.com/help/doc-detail/365643.htm',
      kind: 'provider docs',
      publisher: 'Alibaba Cloud, Use image caches to accelerate pod creation',
      accessed: ACCESSED,
      quote:
        'if you want to create a pod by using a Docker image for Apache Flink of about 386.26 MB, 50 seconds is required to pull the image from Docker Hub. If you create the pod by using an image cache, only 5 seconds is required to pull the image.',
    },
    published: { value: 5, unit: 's' },
    strategy: { kind: 'serverless', name: 'ECI + image cache', serverless: { preset: 'alibaba-eci', imageCache: true } },
    pods: { count: 100, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: meanImagePull,
  },
  {
    id: 'gke-image-streaming',
    measurement: 'GKE Autopilot with image streaming: ImagePulling to Running (mean)',
    source: {
      url: 'https://cloud.google.com/blog/products/containers-kubernetes/introducing-container-image-streaming-in-gke',
      kind: 'provider blog',
      publisher: 'Google Cloud blog, Introducing GKE image streaming (2021-11-03)',
      accessed: ACCESSED,
      quote: 'Your container transitions from the ImagePulling status to Running in a couple of seconds (regardless of container size) once we prepare the image streaming mount',
    },
    published: { value: 2, unit: 's' },
    strategy: { kind: 'serverless', name: 'Autopilot + image streaming', serverless: { preset: 'gke-autopilot', imageCache: true } },
    pods: { count: 100, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: meanImagePull,
  },
  {
    id: 'ca-scale-up-latency',
    measurement: 'cluster-autoscaler, cluster under 100 nodes: unschedulable pod to scale-up request (mean)',
    source: {
      url: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#what-are-the-service-level-objectives-for-cluster-autoscaler',
      kind: 'provider docs',
      publisher: 'Kubernetes cluster-autoscaler FAQ',
      accessed: ACCESSED,
      quote: 'No more than 30 sec latency on small clusters (less than 100 nodes with up to 30 pods each), with the average latency of about 5 sec.',
    },
    published: { value: 5, unit: 's' },
    // m5.large (2 vCPU / 8 GiB): a 1.5 vCPU pod leaves no room for a second one, so every pod
    // needs a node of its own; one pod every 37.3 s (never two in one 10 s scan) for 60 pods.
    strategy: { kind: 'nodes', name: 'EKS + CA', nodePool: { instanceTypes: ['m5.large'], minNodes: 0, maxNodes: 100 } },
    pods: { count: 60, cpuMillicores: 1500, memoryMiB: 2048, arrivalEvery: 37.3 },
    metric: meanScaleUpLatency,
  },
  {
    id: 'eks-ec2-3500',
    measurement: 'EKS on EC2 + cluster-autoscaler: 3,500 pods (1 vCPU / 2 GiB) at once, all Running',
    source: { url: VLAD_2022, kind: 'public benchmark', publisher: 'Vlad Ionescu, Scaling containers on AWS in 2022', accessed: ACCESSED, quote: VLAD_GRAPH_QUOTE },
    published: { value: 6.5 * 60, unit: 's' },
    // The test's node groups: c6g.4xlarge (16 vCPU / 32 GiB, Graviton); c6i.4xlarge is its x86
    // twin in the catalogue. Two on-demand nodes plus one spot node to start, up to 252.
    strategy: { kind: 'nodes', name: 'EKS + CA', nodePool: { instanceTypes: ['c6i.4xlarge'], minNodes: 3, maxNodes: 252 } },
    pods: { count: 3500, cpuMillicores: 1000, memoryMiB: 2048 },
    metric: (run) => timeUntilRunning(run, 1),
  },
];
