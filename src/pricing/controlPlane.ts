import type { Source } from './source.ts';

export interface ControlPlaneFee {
  name: string;
  perHour: number;
  currency: string;
  source: Source;
}

export const CONTROL_PLANE_FEES: Record<'eks' | 'ack-pro' | 'gke' | 'none', ControlPlaneFee> = {
  eks: {
    name: 'EKS standard support',
    perHour: 0.1,
    currency: 'USD',
    source: { url: 'https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing', date: '2026-11-01', confidence: 'confirmed' },
  },
  'ack-pro': {
    name: 'ACK Pro cluster management fee',
    perHour: 0.09,
    currency: 'USD',
    source: {
      url: 'https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/product-overview/ack-pro-cluster-billing',
      date: '2026-03-26',
      confidence: 'confirmed',
      note: 'Billed hourly on whole-hour boundaries; may vary by region.',
    },
  },
  gke: {
    name: 'GKE cluster management fee',
    perHour: 0.1,
    currency: 'USD',
    source: { url: 'https://cloud.google.com/kubernetes-engine/pricing', date: '2026-11-01', confidence: 'confirmed' },
  },
  none: {
    name: 'Self-managed control plane',
    perHour: 0,
    currency: 'USD',
    source: { url: 'https://kubernetes.io/docs/setup/', date: '2026-11-23', confidence: 'estimate', note: 'No fee; add staff time as a fixed cost.' },
  },
};
