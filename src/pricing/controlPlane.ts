import type { Source } from './source.ts';

export interface ControlPlaneFee {
  name: string;
  perHour: number;
  currency: string;
  source: Source;
}

export const CONTROL_PLANE_FEES: Record<'eks' | 'ack-pro' | 'gke' | 'aks-free' | 'aks-standard' | 'tke' | 'cce' | 'none', ControlPlaneFee> = {
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
  'aks-free': {
    name: 'AKS Free tier',
    perHour: 0,
    currency: 'USD',
    source: { url: 'https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers', date: '2026-12-04', confidence: 'secondary', note: 'No cluster management fee and no financially backed SLA (tier table quoted by third parties).' },
  },
  'aks-standard': {
    name: 'AKS Standard tier',
    perHour: 0.1,
    currency: 'USD',
    source: {
      url: 'https://techcommunity.microsoft.com/t5/apps-on-azure-blog/aks-introduces-uptime-sla/ba-p/1350832',
      date: '2026-11-23',
      confidence: 'confirmed',
      note: '$0.10 per cluster-hour (the Uptime SLA, now the Standard tier); the Premium tier ($0.60, unconfirmed) adds long-term support.',
    },
  },
  tke: {
    name: 'TKE managed cluster management fee',
    perHour: 0,
    currency: 'USD',
    source: {
      url: 'https://tencentcloud.com/document/product/457/45157',
      date: '2026-12-04',
      confidence: 'estimate',
      note: 'The fee depends on the cluster model (by node count) and region; unit prices are shown in the console and were not retrieved. 0 here: set controlPlanePerHour from your console. Super nodes pay no management fee.',
    },
  },
  cce: {
    name: 'CCE cluster management fee',
    perHour: 0,
    currency: 'USD',
    source: {
      url: 'https://support.huaweicloud.com/intl/en-us/productdesc-cce-autopilot/cce_12_0002.html',
      date: '2026-12-04',
      confidence: 'estimate',
      note: 'CCE clusters pay a management fee by cluster specification (nodes), shown in the console and not retrieved. 0 here: set controlPlanePerHour from your console.',
    },
  },
  none: {
    name: 'Self-managed control plane',
    perHour: 0,
    currency: 'USD',
    source: { url: 'https://kubernetes.io/docs/setup/', date: '2026-11-23', confidence: 'estimate', note: 'No fee; add staff time as a fixed cost.' },
  },
};
