import type { StrategyKind } from '../scenario/strategy.ts';
import type { ProvisioningStage, WaitCause } from './waits.ts';

/** Time series, bucket averages over equal buckets of the horizon; `t` is each bucket's start (s). */
export interface Series {
  t: Float64Array;
  runningPods: Float64Array;
  pendingPods: Float64Array;
  /** Nodes cluster-autoscaler has asked for and not yet removed (provisioning, Ready or being deleted). */
  nodes: Float64Array;
  /** Of those, the nodes that are Ready (the gap to `nodes` is nodes still in the provisioning stages). */
  nodesReady: Float64Array;
  serverlessPods: Float64Array;
  requestedVcpu: Float64Array;
  provisionedVcpu: Float64Array;
  /** Spend rate in currency per hour (average over the bucket, billing-minimum top-ups included). */
  costRate: Float64Array;
  /** Total spend up to the end of each bucket. */
  cumulativeCost: Float64Array;
}

export const SERIES_KEYS = ['t', 'runningPods', 'pendingPods', 'nodes', 'nodesReady', 'serverlessPods', 'requestedVcpu', 'provisionedVcpu', 'costRate', 'cumulativeCost'] as const;

/** Cost line items; absent ones are 0. Fixed costs appear under their own names. */
export interface CostItems {
  nodeCompute: number;
  controlPlane: number;
  serverlessCpu: number;
  serverlessMemory: number;
  [fixedCost: string]: number;
}

/** Spot / preemptible capacity over the run (present when the strategy buys it). */
export interface SpotOutcome {
  /** Nodes launched as spot, and launches that found no spot capacity and got on-demand nodes. */
  spotNodes: number;
  onDemandFallbacks: number;
  /** Nodes and preemptible pods reclaimed by the provider. */
  interruptions: number;
  /** Pod stops they caused (a pod stopped twice counts twice). */
  podsInterrupted: number;
  /** Work lost: what the stopped pods had run since their last checkpoint (or their start); rerun unless the pod ends at a set time. */
  lostPodSeconds: number;
}

/** A spend commitment's hourly settlement (present when the strategy has one); see src/models/commitment.ts. */
export interface CommitmentOutcome {
  perHour: number;
  discount: number;
  /** Paid for the commitment over the horizon, used or not (also the cost item `commitment`). */
  committed: number;
  used: number;
  unused: number;
  /** Eligible usage covered by it, at on-demand prices. */
  coveredAtOnDemand: number;
  /** Eligible usage beyond it, paid on demand. */
  onDemand: number;
  /** coveredAtOnDemand - committed: what it saved against paying on demand (negative: it cost more). */
  savings: number;
}

export interface LimitWait {
  value: number;
  podsWaited: number;
  podSeconds: number;
}

export interface HeadroomSummary {
  placeholderPods: number;
  /** Who launches nodes for pending placeholders. */
  provisioner: 'cluster-autoscaler' | 'karpenter';
  /** The placeholder Deployment's schedule (seconds after midnight, replicas), when it has one. */
  schedule?: Array<{ at: number; placeholderPods: number }>;
  podsPlacedByPreemption: number;
  placeholdersPreempted: number;
  placeholdersPendingAtEnd: number;
}

export interface StrategyResult {
  name: string;
  kind: StrategyKind;
  cost: { total: number; currency: string; items: CostItems };
  /** Requested / paid-for, time-weighted over the horizon. */
  utilization: { cpu: number; memory: number };
  /**
   * Arrival to Running, over every pod that arrived: a pod that never started (by the horizon)
   * counts as waiting from its arrival to the horizon.
   */
  pendingSeconds: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Pods pending longer than the SLO, plus pods that never started before the horizon. */
  slo: { thresholdSeconds: number; violations: number };
  pods: {
    total: number;
    completed: number;
    started: number;
    neverStarted: number;
    /** Pods that could not run anywhere (bigger than any node or serverless size). */
    unschedulable: number;
    onNodes: number;
    onServerless: number;
    /** Pods restarted elsewhere because cluster-autoscaler removed their node. */
    evictions: number;
    /** Requested pod-hours that ran inside the horizon (for cost per 1,000 pod-hours). */
    podHours: number;
  };
  /**
   * failedToRegister: nodes given up on because they were not Ready within max-node-provision-time
   * (Karpenter: its registration TTL); neverCreated: those of them whose instance was never created
   * (their turn at the node group's launch rate or the cloud's bucket came after that).
   */
  nodes: { peak: number; launched: number; failedToRegister: number; neverCreated: number; removed: number };
  /**
   * Node limits that stopped a cluster-autoscaler scale-up or a Karpenter launch while pods wanted
   * nodes: the limit's value, how many pods waited on it and their pod-seconds of waiting (only
   * limits that did). nodePoolCpu / nodePoolMemoryGiB: a Karpenter NodePool's `limits`.
   */
  limits: { maxNodes?: LimitWait; maxNodesTotal?: LimitWait; nodePoolCpu?: LimitWait; nodePoolMemoryGiB?: LimitWait };
  /** Present only when the strategy uses spot / preemptible capacity. */
  spot?: SpotOutcome;
  /** Present only when the strategy has a commitment. */
  commitment?: CommitmentOutcome;
  /**
   * Why pods waited: the pending seconds of every arrived pod (as in `pendingSeconds`: until the
   * horizon for a pod that never started) in all, and split by cause (every cause present; the
   * causes add up to the total). See metrics/waits.ts for what each cause covers.
   * `provisioningByStage` splits byCause.provisioning by what the pod's node was going through
   * (every stage present; they add up to byCause.provisioning): see PROVISIONING_STAGES.
   */
  waits: { totalSeconds: number; byCause: Record<WaitCause, number>; provisioningByStage: Record<ProvisioningStage, number> };
  /**
   * Overprovisioning placeholders (only for a pool with `headroom`): how many the Deployment has,
   * how many real pods took their room by preemption, how many placeholders that evicted, and how
   * many were still waiting for a node at the horizon. Placeholders are in no other figure.
   */
  headroom?: HeadroomSummary;
  /** Nodes the pool's scheduled minimum sizes launched (only for a pool with `schedule`). */
  scheduledLaunches?: number;
  events: number;
  series: Series;
  /** pendingCdf[i] = pending seconds at quantile i / (length - 1) over arrived pods (never started: until the horizon). */
  pendingCdf: Float64Array;
}

export interface SimulationResult {
  scenario: string;
  horizonSeconds: number;
  seed: number;
  strategies: StrategyResult[];
  /** Trace pods that arrive at or after the horizon and were not replayed (absent when none). */
  podsAfterHorizon?: number;
}
