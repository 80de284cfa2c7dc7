import type { Source } from '../pricing/source.ts';
import type { Delay } from '../scenario/delay.ts';

/**
 * How long a cluster-autoscaler loop runs before its scale-up request leaves, by cluster size.
 * Its FAQ's scale-up latency (unschedulable pod to request) is the wait for the next loop plus
 * this: with the default 10 s scan interval the wait alone averages 5 s and is at most 10 s, so
 * under 100 nodes (target: 5 s average, 30 s worst) the loop adds nothing measurable on average;
 * from 100 nodes on (15 s / 60 s) it adds a log-normal with median 10 s and p95 50 s (the worst
 * case taken as p95). Size counts nodes, or pending pods at the FAQ's 30 pods per node if more.
 */
export const AUTOSCALER_LOOP: { upToNodes: number; delay: Delay }[] = [
  { upToNodes: 100, delay: { kind: 'constant', seconds: 0 } },
  // Also used above 1,000 nodes: the FAQ states no target there (Spillway does not extrapolate).
  { upToNodes: Infinity, delay: { kind: 'lognormal', median: 10, p95: 50 } },
];

/** Pods per node the FAQ's targets assume. */
export const AUTOSCALER_LOOP_PODS_PER_NODE = 30;

export const AUTOSCALER_LOOP_SOURCE: Source = {
  url: 'https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md',
  date: '2026-12-04',
  confidence: 'confirmed',
  note: 'What are the Service Level Objectives for Cluster Autoscaler? Scale-up latency: about 5 s average / 30 s worst case under 100 nodes; 15 s / 60 s for 100-1,000 nodes (up to 30 pods per node). The loop time is that latency less the wait for the next scan (5 s on average at the 10 s default)',
};
