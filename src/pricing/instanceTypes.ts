import type { Source } from './source.ts';

/** A VM shape a node pool can launch. Prices are on-demand list prices per hour. */
export interface InstanceType {
  name: string;
  provider: 'aws' | 'alibaba' | 'gcp' | 'custom';
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

function aws(name: string, vcpu: number, memoryGiB: number, pricePerHour: number, maxPods: number): InstanceType {
  return { name, provider: 'aws', vcpu, memoryGiB, pricePerHour, currency: 'USD', maxPods, source: KARPENTER_PRICES };
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
];

const BY_NAME = new Map(INSTANCE_TYPES.map((t) => [t.name, t]));

export function findInstanceType(name: string): InstanceType | undefined {
  return BY_NAME.get(name);
}

export const INSTANCE_TYPE_NAMES = INSTANCE_TYPES.map((t) => t.name);
