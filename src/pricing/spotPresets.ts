import type { Source } from './source.ts';

/**
 * What a spot / preemptible offer fills in when a scenario does not say. A figure with no sourced
 * typical value is `undefined`: the scenario must give it (the schema says which field and why)
 * rather than get a guess.
 */
export interface SpotPreset {
  label: string;
  /** Share off the on-demand price. */
  discount: number | undefined;
  /** Expected interruptions per node (or pod) per month of 730 hours. */
  interruptionsPerMonth: number | undefined;
  /** From the interruption notice to the reclaim. */
  noticeSeconds: number;
  /** After launch, the capacity is never reclaimed for this long. */
  protectionPeriod: number;
  sources: Record<string, Source>;
}

/** Hours in the month of interruption rates (AWS bills a month as 730 hours: 8,760 / 12). */
export const HOURS_PER_MONTH = 730;

const SPOT_ADVISOR: Source = {
  url: 'https://aws.amazon.com/ec2/spot/instance-advisor/ (data copy: github.com/alexei-led/spotinfo@05e933139449 internal/spot/data/spot-advisor-data.json)',
  date: '2025-06-01',
  confidence: 'confirmed',
  note: 'Frequency-of-interruption bands <5%, 5-10%, 10-15%, 15-20%, >20% per month; 21.6% of Linux pools in the <5% band; median savings 65%. The preset takes the <5% band at its upper bound',
};

export const SPOT_PRESETS = {
  'ec2-spot': {
    label: 'EC2 Spot',
    discount: 0.65,
    interruptionsPerMonth: 0.05,
    noticeSeconds: 120,
    protectionPeriod: 0,
    sources: {
      discount: SPOT_ADVISOR,
      interruptionsPerMonth: SPOT_ADVISOR,
      noticeSeconds: {
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: '"a warning that is issued two minutes before Amazon EC2 stops or terminates your Spot Instance" (best effort)',
      },
    },
  },
  'alibaba-preemptible': {
    label: 'Alibaba ECS preemptible',
    discount: undefined,
    interruptionsPerMonth: undefined,
    noticeSeconds: 300,
    protectionPeriod: 3600,
    sources: {
      discount: { url: 'https://www.alibabacloud.com/help/en/ecs/instance-types', date: '2026-04-01', confidence: 'confirmed', note: '"up to 90%" off pay-as-you-go: a maximum, not a typical rate, so no default' },
      noticeSeconds: {
        url: 'https://www.alibabacloud.com/en/news/product/ecs-instance-status-change-events-and-preemptable-instance-release-notifications-9m1',
        date: '2019-01-29',
        confidence: 'confirmed',
        note: 'release notification 5 minutes before a preemptible instance is released; the FAQ (help/faq-detail/48269) says "about five minutes"',
      },
      protectionPeriod: {
        url: 'https://www.alibabacloud.com/help/en/elastic-compute-service/latest/preemptible-instances-overview',
        date: '2024-01-30',
        confidence: 'confirmed',
        note: 'each preemptible instance is created with a 1 hour protection period by default; afterwards price and stock are checked every 5 minutes',
      },
    },
  },
  'gce-spot': {
    label: 'GCE Spot VMs',
    discount: undefined,
    interruptionsPerMonth: undefined,
    noticeSeconds: 30,
    protectionPeriod: 0,
    sources: {
      discount: { url: 'https://docs.cloud.google.com/compute/docs/instances/create-use-spot', date: '2026-12-04', confidence: 'confirmed', note: '"up to 91%" off: a maximum, so no default' },
      noticeSeconds: {
        url: 'https://cloud.google.com/compute/docs/reference/rest/v1/instances (scheduling.skipGuestOsShutdown)',
        date: '2026-12-04',
        confidence: 'confirmed',
        note: '30 seconds between ACPI G2 Soft Off and G3 Mechanical Off for Spot VMs. Google publishes no interruption rate, so none is preset',
      },
    },
  },
} as const satisfies Record<string, SpotPreset>;

export type SpotPresetId = keyof typeof SPOT_PRESETS;

/** Preemptible serverless pods, by serverless preset. */
export interface ServerlessSpotPreset {
  label: string;
  /** Spot prices per vCPU-hour and GiB-hour, when published; else `discount` off the regular price. */
  pricePerVcpuHour: number | undefined;
  pricePerGiBHour: number | undefined;
  discount: number | undefined;
  interruptionsPerMonth: number | undefined;
  noticeSeconds: number;
  protectionPeriod: number;
  sources: Record<string, Source>;
}

export const SERVERLESS_SPOT_PRESETS: Record<'alibaba-eci' | 'gke-autopilot', ServerlessSpotPreset> = {
  'alibaba-eci': {
    label: 'ECI preemptible instances',
    pricePerVcpuHour: undefined,
    pricePerGiBHour: undefined,
    discount: undefined,
    interruptionsPerMonth: undefined,
    noticeSeconds: 300,
    protectionPeriod: 3600,
    sources: {
      protectionPeriod: {
        url: 'https://www.alibabacloud.com/help/en/ack/serverless-kubernetes/use-cases/run-jobs-on-a-preemptible-instance-1',
        date: '2026-03-26',
        confidence: 'confirmed',
        note: '1 hour protection period by default; then price and stock checked every 5 minutes',
      },
      noticeSeconds: {
        url: 'https://www.alibabacloud.com/help/en/ack/serverless-kubernetes/use-cases/run-jobs-on-a-preemptible-instance-1',
        date: '2026-03-26',
        confidence: 'confirmed',
        note: 'a 5-minute pre-release window (SpotToBeReleased event); an older ECI page (help/doc-detail/186545) says 3 minutes',
      },
      discount: { url: 'https://www.alibabacloud.com/help/doc-detail/89142.htm', date: '2026-12-04', confidence: 'confirmed', note: '30-90% off pay-as-you-go: a range, so no default' },
    },
  },
  'gke-autopilot': {
    label: 'GKE Autopilot Spot Pods',
    pricePerVcpuHour: 0.0133,
    pricePerGiBHour: 0.0014767,
    discount: undefined,
    interruptionsPerMonth: undefined,
    noticeSeconds: 25,
    protectionPeriod: 0,
    sources: {
      pricePerVcpuHour: { url: 'https://cloud.google.com/kubernetes-engine/pricing (quoted copies; general-purpose Spot, us-central1)', date: '2026-11-01', confidence: 'secondary' },
      noticeSeconds: { url: 'https://cloud.google.com/kubernetes-engine/docs/how-to/autopilot-spot-pods', date: '2026-11-01', confidence: 'confirmed', note: 'up to 25 s grace period on preemption' },
    },
  },
};

/** Why aws-fargate has no spot: one line for the field error. */
export const FARGATE_SPOT_ON_EKS =
  'Fargate Spot is for ECS only: Amazon EKS does not support it (EKS user guide, "AWS Fargate considerations"; containers-roadmap#622). Use spot nodes (nodePool.spot) instead';
