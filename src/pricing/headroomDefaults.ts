import type { Source } from './source.ts';

/**
 * From the preemption of overprovisioning placeholders to the real pod's bind. The placeholders of
 * the cluster-autoscaler FAQ set `terminationGracePeriodSeconds: 0`, so the victims go at once;
 * the preempting pod is retried after kube-scheduler's pod backoff (initial 1 s). About 2 s in all:
 * an estimate, no measurement was found.
 */
export const PREEMPTION_DELAY_SECONDS = 2;

export const PREEMPTION_DELAY_SOURCE: Source = {
  url: 'https://github.com/kubernetes/autoscaler/blob/55c37cd5eb550756c5ccc5a89e9068d77797e575/cluster-autoscaler/FAQ.md#how-can-i-configure-overprovisioning-with-cluster-autoscaler',
  date: '2026-12-04',
  confidence: 'estimate',
  note: "FAQ placeholders: priority -10, terminationGracePeriodSeconds 0; kube-scheduler podInitialBackoffSeconds 1 (kubernetes/kubernetes pkg/scheduler/apis/config/v1/defaults.go); kubernetes.io pod-priority-preemption: the victims' graceful termination is the gap before the pending pod can be scheduled",
};
