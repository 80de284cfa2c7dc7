import type { Source } from '../pricing/source.ts';
import type { Delay } from '../scenario/delay.ts';

/**
 * How long cluster-autoscaler takes from seeing unschedulable pods to asking for nodes, by cluster
 * size: its FAQ's scale-up latency targets, as a log-normal with the average as median and the
 * worst case as p95. Size counts nodes, or pending pods at the FAQ's 30 pods per node if that is
 * more (the targets are stated for clusters "with up to 30 pods per node").
 */
export const AUTOSCALER_LOOP: { upToNodes: number; delay: Delay }[] = [
  { upToNodes: 100, delay: { kind: 'lognormal', median: 5, p95: 30 } },
  // Also used above 1,000 nodes: the FAQ states no target there (Spillway does not extrapolate).
  { upToNodes: Infinity, delay: { kind: 'lognormal', median: 15, p95: 60 } },
];

/** Pods per node the FAQ's targets assume. */
export const AUTOSCALER_LOOP_PODS_PER_NODE = 30;

export const AUTOSCALER_LOOP_SOURCE: Source = {
  url: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md',
  date: '2026-12-04',
  confidence: 'confirmed',
  note: 'What are the Service Level Objectives for Cluster Autoscaler? Scale-up latency: about 5 s average / 30 s worst case under 100 nodes; 15 s / 60 s for 100-1,000 nodes (up to 30 pods per node)',
};
