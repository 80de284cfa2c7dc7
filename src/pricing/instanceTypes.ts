import type { Source } from './source.ts';

/** A VM shape a node pool can launch. Prices are on-demand list prices per hour. */
export interface InstanceType {
  name: string;
  provider: 'aws' | 'alibaba' | 'gcp' | 'azure' | 'tencent' | 'huawei' | 'onprem' | 'custom';
  vcpu: number;
  memoryGiB: number;
  pricePerHour: number;
  currency: string;
  /** Pods the node can hold (EKS: the VPC-CNI ENI limit from eni-max-pods.txt). */
  maxPods: number;
  source: Source;
}

const KARPENTER_PRICES: Source = {
  url: 'https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/pricing/zz_generated.pricing_aws.go',
  date: '2026-01-19',
  confidence: 'confirmed',
  note: 'us-east-1 on-demand Linux, generated from the AWS Price List API; maxPods from awslabs/amazon-eks-ami eni-max-pods.txt',
};

const ECS_ESTIMATE: Source = {
  url: 'https://www.alibabacloud.com/product/ecs',
  date: '2026-11-23',
  confidence: 'estimate',
  note: 'No official USD pay-as-you-go price was retrieved; third-party estimates put g7.large near CNY 0.48-0.58/h. Override with your own price.',
};

const GCE_PRICES: Source = {
  url: 'https://github.com/kubernetes/autoscaler/blob/e72c7c68329bf047ba574f237592e84d2fa041d0/cluster-autoscaler/cloudprovider/gce/gce_price_info.go',
  date: '2026-06-23',
  confidence: 'secondary',
  note: "Compute Engine on-demand prices per hour from cluster-autoscaler's GCE price table (its price expander's list prices; us-central1 level). GKE Standard nodes are billed as Compute Engine VMs, per second with a 1-minute minimum (cloud.google.com/kubernetes-engine/pricing); maxPods is GKE's default of 110 per node.",
};

const AZURE_PRICES: Source = {
  url: 'https://azure.microsoft.com/en-us/pricing/details/virtual-machines/linux/',
  date: '2026-12-04',
  confidence: 'secondary',
  note: 'East US pay-as-you-go Linux, Dsv5 at $0.048 per vCPU-hour (D2s_v5 0.096 ... D16s_v5 0.768), as quoted by several third-party price snapshots; the official page was not retrieved. maxPods 250: the AKS default with Azure CNI Overlay (learn.microsoft.com/azure/aks/azure-cni-overlay; legacy Azure CNI 30, kubenet 110).',
};

const TENCENT_ESTIMATE: Source = {
  url: 'https://www.tencentcloud.com/document/product/213/2176',
  date: '2026-12-04',
  confidence: 'estimate',
  note: 'No Tencent CVM S5 USD list price was retrieved (the page explains per-second pay-as-you-go billing, settled hourly, with tiered discounts for long-running instances); set at the level of the ECS g7 estimate. maxPods 64 is an estimate (TKE sets it from the pod CIDR per node). Override with your own price.',
};

const HUAWEI_ESTIMATE: Source = {
  url: 'https://support.huaweicloud.com/intl/en-us/price-ecs/ecs_billing_2003.html',
  date: '2026-12-04',
  confidence: 'estimate',
  note: 'No Huawei ECS USD list price was retrieved (the page gives pay-per-use billing: per second, billed hourly, from launch to deletion); set at the level of the ECS g7 estimate. maxPods 110 is an estimate (CCE sets it per node pool). Override with your own price.',
};

/**
 * An owned server, amortised: purchase price over its life plus power, cooling and rack space per
 * hour. $15,000 for a 2-socket 32-core, 128 GiB server over 5 years (43,800 h) is $0.342/h; power
 * and colocation about $0.10/h; $0.44/h in all. Operations staff time is not in it: add it to the
 * strategy's fixedCosts.
 */
const ONPREM_ESTIMATE: Source = {
  url: 'https://kubernetes.io/docs/setup/production-environment/',
  date: '2026-12-04',
  confidence: 'estimate',
  note: 'Amortised cost per node, an estimate: $15,000 server over 5 years (43,800 h) = $0.342/h, plus about $0.10/h of power and rack space. Set your own from your purchase price, life and data-centre costs; add operations staff as a fixed cost.',
};

function aws(name: string, vcpu: number, memoryGiB: number, pricePerHour: number, maxPods: number): InstanceType {
  return { name, provider: 'aws', vcpu, memoryGiB, pricePerHour, currency: 'USD', maxPods, source: KARPENTER_PRICES };
}

function gce(name: string, vcpu: number, memoryGiB: number, pricePerHour: number): InstanceType {
  return { name, provider: 'gcp', vcpu, memoryGiB, pricePerHour, currency: 'USD', maxPods: 110, source: GCE_PRICES };
}

function azure(name: string, vcpu: number, memoryGiB: number, pricePerHour: number): InstanceType {
  return { name, provider: 'azure', vcpu, memoryGiB, pricePerHour, currency: 'USD', maxPods: 250, source: AZURE_PRICES };
}

/** Built-in instance types. Users can also define their own shape inline in a scenario. */
export const INSTANCE_TYPES: readonly InstanceType[] = [
  aws('m5.large', 2, 8, 0.096, 29),
  aws('m5.xlarge', 4, 16, 0.192, 58),
  aws('m5.2xlarge', 8, 32, 0.384, 58),
  aws('m5.4xlarge', 16, 64, 0.768, 234),
  aws('m6i.large', 2, 8, 0.096, 29),
  aws('m6i.xlarge', 4, 16, 0.192, 58),
  aws('m6i.2xlarge', 8, 32, 0.384, 58),
  aws('m6i.4xlarge', 16, 64, 0.768, 234),
  aws('m6i.8xlarge', 32, 128, 1.536, 234),
  aws('c6i.large', 2, 4, 0.085, 29),
  aws('c6i.xlarge', 4, 8, 0.17, 58),
  aws('c6i.2xlarge', 8, 16, 0.34, 58),
  aws('c6i.4xlarge', 16, 32, 0.68, 234),
  aws('r6i.large', 2, 16, 0.126, 29),
  aws('r6i.xlarge', 4, 32, 0.252, 58),
  aws('r6i.2xlarge', 8, 64, 0.504, 58),
  aws('r6i.4xlarge', 16, 128, 1.008, 234),
  // Alibaba ECS: price is an estimate (USD converted from third-party CNY figures at about 7.2 CNY/USD).
  { name: 'ecs.g7.large', provider: 'alibaba', vcpu: 2, memoryGiB: 8, pricePerHour: 0.073, currency: 'USD', maxPods: 64, source: ECS_ESTIMATE },
  { name: 'ecs.g7.xlarge', provider: 'alibaba', vcpu: 4, memoryGiB: 16, pricePerHour: 0.146, currency: 'USD', maxPods: 64, source: ECS_ESTIMATE },
  { name: 'ecs.g7.2xlarge', provider: 'alibaba', vcpu: 8, memoryGiB: 32, pricePerHour: 0.292, currency: 'USD', maxPods: 64, source: ECS_ESTIMATE },
  // GKE Standard node pools (Compute Engine machine types).
  gce('e2-standard-4', 4, 16, 0.13402),
  gce('e2-standard-8', 8, 32, 0.26805),
  gce('e2-standard-16', 16, 64, 0.53609),
  gce('n2-standard-4', 4, 16, 0.1942),
  gce('n2-standard-8', 8, 32, 0.3885),
  gce('n2-standard-16', 16, 64, 0.7769),
  // AKS node pools (Azure VM sizes).
  azure('Standard_D2s_v5', 2, 8, 0.096),
  azure('Standard_D4s_v5', 4, 16, 0.192),
  azure('Standard_D8s_v5', 8, 32, 0.384),
  azure('Standard_D16s_v5', 16, 64, 0.768),
  // Tencent TKE and Huawei CCE node pools: prices are estimates.
  { name: 'S5.LARGE16', provider: 'tencent', vcpu: 4, memoryGiB: 16, pricePerHour: 0.146, currency: 'USD', maxPods: 64, source: TENCENT_ESTIMATE },
  { name: 'S5.2XLARGE32', provider: 'tencent', vcpu: 8, memoryGiB: 32, pricePerHour: 0.292, currency: 'USD', maxPods: 64, source: TENCENT_ESTIMATE },
  { name: 'c7.xlarge.4', provider: 'huawei', vcpu: 4, memoryGiB: 16, pricePerHour: 0.146, currency: 'USD', maxPods: 110, source: HUAWEI_ESTIMATE },
  { name: 'c7.2xlarge.4', provider: 'huawei', vcpu: 8, memoryGiB: 32, pricePerHour: 0.292, currency: 'USD', maxPods: 110, source: HUAWEI_ESTIMATE },
  // A self-managed on-premises server (amortised).
  { name: 'onprem.32c128g', provider: 'onprem', vcpu: 32, memoryGiB: 128, pricePerHour: 0.44, currency: 'USD', maxPods: 110, source: ONPREM_ESTIMATE },
];

const BY_NAME = new Map(INSTANCE_TYPES.map((t) => [t.name, t]));

export function findInstanceType(name: string): InstanceType | undefined {
  return BY_NAME.get(name);
}

export const INSTANCE_TYPE_NAMES = INSTANCE_TYPES.map((t) => t.name);
