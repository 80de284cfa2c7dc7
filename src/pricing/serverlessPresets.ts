import type { Source } from './source.ts';

/** One vCPU size and the memory sizes (GiB) allowed with it. */
export interface SizeRow {
  vcpu: number;
  memoryGiB: number[];
}

export interface ServerlessPreset {
  id: 'aws-fargate' | 'alibaba-eci' | 'gke-autopilot' | 'azure-aci' | 'tencent-super-node' | 'huawei-cci';
  label: string;
  currency: string;
  pricePerVcpuHour: number;
  pricePerGiBHour: number;
  /** How a pod's request becomes a billed size. */
  sizing: { kind: 'table'; rows: SizeRow[] } | { kind: 'autopilot' } | { kind: 'aci' };
  /** Memory added to each pod's request before rounding (EKS Fargate: kubelet, kube-proxy, containerd). */
  podOverheadMiB: number;
  billing: { granularitySeconds: number; minimumSeconds: number };
  /** Pod launch token bucket per account and region; null = none documented. */
  launchRate: { burst: number; perSecond: number } | null;
  /**
   * A lower effective rate measured in front of the launch API (EKS's Fargate scheduler binding
   * pods and their Fargate nodes registering), passed before the launch bucket; null = none measured.
   */
  schedulingRate: { burst: number; perSecond: number } | null;
  /**
   * The provider's switch that shortens the image pull stage (ECI image cache, Fargate SOCI lazy
   * loading, GKE image streaming): the pull stage when a scenario turns `imageCache` on.
   */
  imageCache: { name: string; imagePull: { kind: 'lognormal'; median: number; p95: number } };
  /** Sandbox (micro-VM) creation before the image pull starts, and the image pull; never cached. */
  podStart: {
    sandbox: { kind: 'uniform'; min: number; max: number } | { kind: 'lognormal'; median: number; p95: number };
    imagePull: { kind: 'lognormal'; median: number; p95: number };
  };
  sources: Record<string, Source>;
}

const steps = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
};

const FARGATE_TABLE: SizeRow[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: steps(1, 4, 1) },
  { vcpu: 1, memoryGiB: steps(2, 8, 1) },
  { vcpu: 2, memoryGiB: steps(4, 16, 1) },
  { vcpu: 4, memoryGiB: steps(8, 30, 1) },
  { vcpu: 8, memoryGiB: steps(16, 60, 4) },
  { vcpu: 16, memoryGiB: steps(32, 120, 8) },
];

const ECI_TABLE: SizeRow[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1] },
  { vcpu: 0.5, memoryGiB: [1, 2] },
  { vcpu: 1, memoryGiB: [2, 4, 8] },
  { vcpu: 2, memoryGiB: [1, 2, 4, 8, 16] },
  { vcpu: 4, memoryGiB: [2, 4, 8, 16, 32] },
  { vcpu: 8, memoryGiB: [4, 8, 16, 32, 64] },
  { vcpu: 12, memoryGiB: [12, 24, 48, 96] },
  { vcpu: 16, memoryGiB: [16, 32, 64, 128] },
  { vcpu: 24, memoryGiB: [24, 48, 96, 192] },
  { vcpu: 32, memoryGiB: [32, 64, 128, 256] },
  { vcpu: 52, memoryGiB: [96, 192, 384] },
  { vcpu: 64, memoryGiB: [128, 256, 512] },
];

/**
 * Tencent TKE super nodes, pay-as-you-go: the schedulable pod specifications (non-standard requests
 * are upgraded to the next one).
 */
const TENCENT_SUPER_NODE_TABLE: SizeRow[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: [1, 2, 3, 4] },
  { vcpu: 1, memoryGiB: steps(1, 8, 1) },
  { vcpu: 2, memoryGiB: steps(4, 16, 1) },
  { vcpu: 4, memoryGiB: steps(8, 32, 1) },
  { vcpu: 8, memoryGiB: steps(16, 32, 1) },
  { vcpu: 12, memoryGiB: steps(24, 48, 1) },
  { vcpu: 16, memoryGiB: steps(32, 64, 1) },
  { vcpu: 32, memoryGiB: [64, 128, 256] },
  { vcpu: 64, memoryGiB: [128, 192, 256, 512] },
];

/** Huawei CCI 2.0 pod flavors (a request between flavors is upgraded to the next one). */
const CCI_TABLE: SizeRow[] = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: [0.5, 1, 2, 3, 4] },
  { vcpu: 1, memoryGiB: steps(1, 8, 1) },
  { vcpu: 2, memoryGiB: steps(2, 16, 1) },
  { vcpu: 4, memoryGiB: steps(4, 32, 1) },
  { vcpu: 8, memoryGiB: steps(8, 64, 4) },
  { vcpu: 16, memoryGiB: steps(16, 128, 8) },
  { vcpu: 32, memoryGiB: [32, 64, 128, 256] },
  { vcpu: 48, memoryGiB: [96, 192, 384] },
  { vcpu: 64, memoryGiB: [128, 256, 512] },
];

/**
 * No USD list price was retrieved for Tencent super node or Huawei CCI pods: these presets use the
 * ECI list prices as a stand-in for a Chinese provider's serverless pod (marked estimate).
 */
const CN_SERVERLESS_PRICE_ESTIMATE = (url: string, provider: string): Source => ({
  url,
  date: '2026-12-04',
  confidence: 'estimate',
  note: `No ${provider} USD price per vCPU-hour / GiB-hour was retrieved: the Alibaba ECI list price (0.02772 / 0.003456) stands in. Set pricePerVcpuHour and pricePerGiBHour from your console.`,
});

const STARTUP_ESTIMATE = (note: string): Source => ({
  url: 'https://www.vladionescu.me/posts/scaling-containers-on-aws-in-2022/',
  date: '2026-11-23',
  confidence: 'estimate',
  note,
});

export const SERVERLESS_PRESETS: Record<ServerlessPreset['id'], ServerlessPreset> = {
  'aws-fargate': {
    id: 'aws-fargate',
    label: 'AWS Fargate (EKS, us-east-1, Linux/x86)',
    currency: 'USD',
    pricePerVcpuHour: 0.04048,
    pricePerGiBHour: 0.004445,
    sizing: { kind: 'table', rows: FARGATE_TABLE },
    podOverheadMiB: 256,
    billing: { granularitySeconds: 1, minimumSeconds: 60 },
    // EKS pods, not ECS tasks: an account launching only EKS pods gets a burst of 20, not 100.
    launchRate: { burst: 20, perSecond: 20 },
    schedulingRate: { burst: 20, perSecond: 7.8 },
    podStart: { sandbox: { kind: 'uniform', min: 35, max: 60 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    imageCache: { name: 'SOCI lazy loading (ECR images; announced for ECS tasks on Fargate)', imagePull: { kind: 'lognormal', median: 4, p95: 12 } },
    sources: {
      price: { url: 'https://aws.amazon.com/fargate/pricing/', date: '2026-03-10', confidence: 'confirmed', note: '$0.000011244/vCPU-s and $0.004445/GB-h, us-east-1 (quoted via vantage.sh and wring.co)' },
      sizing: { url: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html', date: '2026-11-01', confidence: 'confirmed', note: '+256 MB per pod, then round up to the next supported vCPU/memory combination' },
      billing: { url: 'https://aws.amazon.com/fargate/pricing/', date: '2026-11-01', confidence: 'confirmed', note: 'per second, 1-minute minimum, from the start of the image download to pod termination' },
      launchRate: {
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/userguide/throttling.html',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'ECS tasks and EKS pods share a bucket of 100 refilled at 20/s per account and region, but footnote 1 of the table gives accounts that launch only EKS pods a burst of 20 (sustained 20 launches/s); this preset is EKS on Fargate, so burst 20 (set launchRate to {burst: 100, perSecond: 20} for an account that also launches ECS tasks)',
      },
      schedulingRate: {
        url: 'https://www.vladionescu.me/posts/scaling-containers-on-aws-in-2022/',
        date: '2026-12-04',
        confidence: 'secondary',
        note: "Measured, not documented: EKS on Fargate went from its first pods at about 1 min to about 3,500 pods (1 vCPU / 2 GiB, one Deployment) at about 8.5 min, i.e. 3,500 pods in 7.5 min = 7.8 pods/s, well under the 20/s launch bucket (ECS on Fargate, same account and test, reached 3,500 at about 4.5 min). EKS puts its own scheduler (fargate-scheduler) and a node registration per pod in front of Fargate; which of them sets the rate is not published. The preset used the 20/s bucket alone until 2026-12-04 and had every pod running after about 4.5 min, half the measured time (Spillway's calibration case 'EKS on Fargate: 3,500 pods Running'). The 2020 measurement (60 pods/min) predates the 2021 launch-rate increase. Set schedulingRate to null to model the launch API alone",
      },
      podStart: STARTUP_ESTIMATE('No documented figure: 30-45 s node creation plus image pull reported; EKS on Fargate took ~1 min to first pod in the 2022 scale test'),
      imageCache: {
        url: 'https://aws.amazon.com/blogs/aws/aws-fargate-enables-faster-container-startup-using-seekable-oci/',
        date: '2026-12-04',
        confidence: 'estimate',
        note: 'SOCI lazy loading: the container starts with the parts of the image it reads at start (76% of container start time is the image download, 6.4% of the data is needed at start, FAST 16 paper quoted by AWS); AWS says tasks start up to 50% faster (re:Invent 2023 CON307: up to 60%, 74% in its demo). Announced for ECS tasks on Fargate (ECR images, x86), not for EKS pods: on an EKS preset this switch is a what-if. Pull stage median 10 -> 4 s, p95 30 -> 12 s (60% shorter) is an estimate',
      },
    },
  },
  'alibaba-eci': {
    id: 'alibaba-eci',
    label: 'Alibaba Cloud ECI (international, USD)',
    currency: 'USD',
    pricePerVcpuHour: 0.02772,
    pricePerGiBHour: 0.003456,
    sizing: { kind: 'table', rows: ECI_TABLE },
    podOverheadMiB: 0,
    billing: { granularitySeconds: 1, minimumSeconds: 0 },
    launchRate: { burst: 100, perSecond: 20 },
    schedulingRate: null,
    podStart: { sandbox: { kind: 'uniform', min: 10, max: 20 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    imageCache: { name: 'ECI image cache (ImageCache / AutoMatchImageCache)', imagePull: { kind: 'lognormal', median: 5, p95: 8 } },
    sources: {
      price: { url: 'https://www.alibabacloud.com/help/en/eci/product-overview/virtual-node-billing', date: '2025-11-04', confidence: 'confirmed', note: 'USD 0.0000077/vCPU-s, 0.00000096/GiB-s; region not named' },
      sizing: { url: 'https://www.alibabacloud.com/help/en/eci/user-guide/specify-the-number-of-vcpus-and-memory-size-to-create-an-elastic-container-instance', date: '2026-06-20', confidence: 'confirmed', note: 'specs available in all regions; requests round up to the nearest spec' },
      billing: { url: 'https://www.alibabacloud.com/help/en/eci/product-overview/billing-overview', date: '2026-02-27', confidence: 'confirmed', note: 'per second from image pull start until Succeeded/Failed; no minimum documented' },
      launchRate: {
        url: 'https://help.aliyun.com/en/eci/product-overview/limits',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'CreateContainerGroup token bucket: burst 100, refill 20/s (raise by ticket). Another copy of the limits page (alibabacloud.com/help/en/elastic-container-instance/latest/limits) gives 1,000 CreateContainerGroup calls per minute (16.7/s), the older figure. No measured ECI creation rate was found: Alibaba articles claim 3,000 instances in 6 s and +500 instances in 30 s (ASK, 2020) without a method, so no lower effective rate is set',
      },
      podStart: { url: 'https://www.alibabacloud.com/help/en/elastic-container-instance/latest/overview-of-the-image-cache-feature', date: '2026-11-23', confidence: 'estimate', note: '10-20 s sandbox is a suggested preset; image preparation 50 s without cache for a 386 MB image' },
      schedulingRate: { url: 'https://help.aliyun.com/en/eci/product-overview/limits', date: '2026-12-04', confidence: 'estimate', note: 'no measured ECI creation rate below the CreateContainerGroup bucket was found' },
      imageCache: {
        url: 'https://www.alibabacloud.com/help/doc-detail/365643.htm',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'Flink image (386.26 MB, Docker Hub): image preparation 50 s without a cache, 5 s with one ("only 5 seconds is required to pull the image"; the 2026 image cache overview says the cache eliminates the preparation time). Pull stage median 5 s, p95 8 s with the cache',
      },
    },
  },
  'gke-autopilot': {
    id: 'gke-autopilot',
    label: 'GKE Autopilot (general-purpose, us-central1)',
    currency: 'USD',
    pricePerVcpuHour: 0.0445,
    pricePerGiBHour: 0.0049225,
    sizing: { kind: 'autopilot' },
    podOverheadMiB: 0,
    billing: { granularitySeconds: 1, minimumSeconds: 0 },
    launchRate: null,
    schedulingRate: null,
    podStart: { sandbox: { kind: 'lognormal', median: 60, p95: 150 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    imageCache: { name: 'image streaming (automatic on Autopilot for eligible images: Artifact Registry, public Docker Hub)', imagePull: { kind: 'lognormal', median: 2, p95: 4 } },
    sources: {
      price: { url: 'https://cloud.google.com/kubernetes-engine/pricing', date: '2026-11-01', confidence: 'secondary', note: 'about $0.0445/vCPU-h and $0.0049225/GB-h in us-central1 via toolstac.com and c3x.dev' },
      sizing: { url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-resource-requests', date: '2026-11-01', confidence: 'confirmed', note: 'CPU in 0.25 vCPU steps, memory 1-6.5 GiB per vCPU, minimum 0.25 vCPU / 0.5 GiB' },
      billing: { url: 'https://cloud.google.com/kubernetes-engine/pricing', date: '2026-11-01', confidence: 'confirmed', note: 'pod requests, 1-second increments, no minimum' },
      podStart: { url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-overview', date: '2026-11-23', confidence: 'estimate', note: 'pods that need a new node take 1-3 min (unconfirmed preset)' },
      launchRate: { url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-overview', date: '2026-12-04', confidence: 'estimate', note: 'no pod creation rate limit and no measured creation rate for Autopilot were found' },
      imageCache: {
        url: 'https://cloud.google.com/blog/products/containers-kubernetes/introducing-container-image-streaming-in-gke',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'image streaming: "Your container transitions from the ImagePulling status to Running in a couple of seconds (regardless of container size)" (GKE blog, 2021-11-03); Autopilot clusters from 1.25.5-gke.1000 use it automatically for eligible images (cloud.google.com/kubernetes-engine/docs/how-to/image-streaming), so turn it on for images in Artifact Registry. Pull stage median 2 s, p95 4 s',
      },
    },
  },
  'azure-aci': {
    id: 'azure-aci',
    label: 'Azure Container Instances (AKS virtual nodes, East US, Linux)',
    currency: 'USD',
    // $0.0000135 per vCPU-s and $0.0000015 per GB-s. ACI's memory request is in GB of 10^9 bytes
    // (the virtual node sends multiples of 0.1 GB), so the price per GiB is 2^30 / 10^9 times that.
    pricePerVcpuHour: 0.0486,
    pricePerGiBHour: 0.0054 * (2 ** 30 / 1e9),
    sizing: { kind: 'aci' },
    podOverheadMiB: 0,
    billing: { granularitySeconds: 1, minimumSeconds: 0 },
    // 100 container group creates per 5 minutes, 300 per hour: a bucket of 100 refilled at 300 an hour.
    launchRate: { burst: 100, perSecond: 300 / 3600 },
    schedulingRate: null,
    // No image cache for Linux container groups: turning it on changes nothing.
    imageCache: { name: 'none for Linux images (ACI caches only common Windows base images)', imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    podStart: { sandbox: { kind: 'lognormal', median: 30, p95: 90 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    sources: {
      schedulingRate: { url: 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-resource-and-quota-limits', date: '2026-12-04', confidence: 'estimate', note: 'no measured creation rate below the create quota was found' },
      imageCache: {
        url: 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-faq',
        date: '2026-12-04',
        confidence: 'estimate',
        note: 'the FAQ names image caching for common Windows base images only; for Linux images the pull stage stays as without a cache',
      },
      price: {
        url: 'https://azure.microsoft.com/en-us/pricing/details/container-instances/',
        date: '2026-12-04',
        confidence: 'secondary',
        note: 'Linux, East US: $0.0000135 per vCPU-second, $0.0000015 per GB-second, as quoted by third-party copies of the pricing page (research facts file); not read on the official page',
      },
      sizing: {
        url: 'https://github.com/virtual-kubelet/azure-aci/blob/686e3886d81625d9024886076151c38fe3054e03/pkg/provider/aci.go',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'the AKS virtual node (virtual-kubelet azure-aci) sends each container request to ACI rounded DOWN to 10m of CPU (at least 0.01) and 0.1 GB of memory (10^8 bytes, at least 0.1 GB); a container group holds at most 4 vCPU and 16 GB (learn.microsoft.com/azure/container-instances/container-instances-resource-and-quota-limits)',
      },
      billing: {
        url: 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-faq',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: "billed per second from the time ACI starts to pull the first container's image until the container group stops; no minimum stated",
      },
      launchRate: {
        url: 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-resource-and-quota-limits',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'default quotas: 100 container group creates per 5 minutes and 300 per hour (raised on request); also 100 standard cores and 100 container groups per region per subscription, which this preset does not model: ask for a quota before relying on ACI for a burst',
      },
      podStart: {
        url: 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-overview',
        date: '2026-12-04',
        confidence: 'estimate',
        note: '"start containers in seconds" is the only documented figure; 30 s median, 90 s p95 is an estimate',
      },
    },
  },
  'tencent-super-node': {
    id: 'tencent-super-node',
    label: 'Tencent TKE super node (pay-as-you-go)',
    currency: 'USD',
    pricePerVcpuHour: 0.02772,
    pricePerGiBHour: 0.003456,
    sizing: { kind: 'table', rows: TENCENT_SUPER_NODE_TABLE },
    podOverheadMiB: 0,
    billing: { granularitySeconds: 1, minimumSeconds: 0 },
    launchRate: null,
    schedulingRate: null,
    imageCache: { name: 'super node image cache (estimate: like the ECI image cache)', imagePull: { kind: 'lognormal', median: 5, p95: 8 } },
    podStart: { sandbox: { kind: 'uniform', min: 10, max: 30 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    sources: {
      schedulingRate: { url: 'https://intl.cloud.tencent.com/document/product/457/39760', date: '2026-12-04', confidence: 'estimate', note: 'no measured creation rate was found' },
      imageCache: { url: 'https://intl.cloud.tencent.com/document/product/457/39760', date: '2026-12-04', confidence: 'estimate', note: 'no figure for a cached pull was found: the ECI image cache figures (median 5 s, p95 8 s) stand in' },
      price: CN_SERVERLESS_PRICE_ESTIMATE('https://www.tencentcloud.com/document/product/457/45157', 'Tencent super node'),
      sizing: {
        url: 'https://cloud.tencent.com/document/product/457/74015',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: 'pay-as-you-go super nodes: 0.25C-64C pod specifications (table), non-standard pods upgraded to the next; each pod also gets 20 GiB of temporary image storage',
      },
      billing: {
        url: 'https://www.tencentcloud.com/document/product/213/2176',
        date: '2026-12-04',
        confidence: 'estimate',
        note: 'per-second pay-as-you-go billing assumed as for Tencent CVM (billed by the second, settled hourly); start and stop of a super node pod bill not documented here',
      },
      launchRate: {
        url: 'https://intl.cloud.tencent.com/document/product/457/39760',
        date: '2026-12-04',
        confidence: 'estimate',
        note: 'no creation rate documented; by default a cluster may schedule up to 100 pods on a super node (quota raised by ticket), which this preset does not model',
      },
      podStart: STARTUP_ESTIMATE('No documented figure for a super node pod start: 10-30 s sandbox assumed, like ECI'),
    },
  },
  'huawei-cci': {
    id: 'huawei-cci',
    label: 'Huawei Cloud CCI 2.0 (CCE bursting, pay-per-use)',
    currency: 'USD',
    pricePerVcpuHour: 0.02772,
    pricePerGiBHour: 0.003456,
    sizing: { kind: 'table', rows: CCI_TABLE },
    podOverheadMiB: 0,
    billing: { granularitySeconds: 1, minimumSeconds: 0 },
    launchRate: null,
    schedulingRate: null,
    imageCache: { name: 'CCI image snapshot (estimate: like the ECI image cache)', imagePull: { kind: 'lognormal', median: 5, p95: 8 } },
    podStart: { sandbox: { kind: 'uniform', min: 10, max: 30 }, imagePull: { kind: 'lognormal', median: 10, p95: 30 } },
    sources: {
      schedulingRate: { url: 'https://support.huaweicloud.com/intl/en-us/productdesc-cci/cci_03_0007.html', date: '2026-12-04', confidence: 'estimate', note: 'no measured creation rate was found' },
      imageCache: { url: 'https://support.huaweicloud.com/intl/en-us/productdesc-cci2/cci_03_1007.html', date: '2026-12-04', confidence: 'estimate', note: 'no figure for a cached pull was found: the ECI image cache figures (median 5 s, p95 8 s) stand in' },
      price: CN_SERVERLESS_PRICE_ESTIMATE('https://support.huaweicloud.com/intl/en-us/price-cci2/cci_06_1006.html', 'Huawei CCI'),
      sizing: {
        url: 'https://support.huaweicloud.com/intl/en-us/usermanual-cci2/cci_01_0058.html',
        date: '2025-08-12',
        confidence: 'confirmed',
        note: 'CCI 2.0 pod flavors; a pod whose containers sum to no flavor is upgraded to the next available one (6 vCPU / 15 GiB -> 8 vCPU / 16 GiB)',
      },
      billing: {
        url: 'https://support.huaweicloud.com/intl/en-us/productdesc-cci/cci_03_0009.html',
        date: '2023-10-08',
        confidence: 'confirmed',
        note: 'pay-per-use by the second (billed hourly), from the start of the image download (docker pull) until the instance stops; no minimum stated',
      },
      launchRate: { url: 'https://support.huaweicloud.com/intl/en-us/productdesc-cci/cci_03_0007.html', date: '2026-12-04', confidence: 'estimate', note: 'no creation rate documented; account resource quotas apply (not modelled)' },
      podStart: STARTUP_ESTIMATE('No documented figure for a CCI pod start: 10-30 s sandbox assumed, like ECI'),
    },
  },
};
