/**
 * Upper bounds of the scenario schema, each with its reason. They keep every input finite and
 * its work and memory bounded before anything runs; how many pods a workload makes in total is
 * checked separately, from an estimate (src/workload/workEstimate.ts), because that depends on
 * the horizon (up to a year) and on several fields at once.
 */

/**
 * Replicas of a diurnal Deployment and pods of one burst session: Kubernetes' documented
 * scalability limit is 150,000 pods per cluster (kubernetes.io, "Considerations for large
 * clusters"); a million leaves room for a what-if beyond one cluster. At 1e9 the generator's
 * arrays alone aborted V8.
 */
export const MAX_PODS_AT_ONCE = 1_000_000;

/** Batch jobs per hour: a million an hour is 278 a second, more than any cluster's API server admits. */
export const MAX_JOBS_PER_HOUR = 1_000_000;

/**
 * Nodes in a pool (min, max, initial; cluster-autoscaler's totals and steps): Kubernetes supports
 * 5,000 nodes per cluster (same page); 100,000 start in under a second here. minNodes 1e8 hung.
 */
export const MAX_NODES = 100_000;

/**
 * Price of one node-hour, in the scenario's currency: the dearest VM in src/pricing lists at
 * 1.536 USD/h; 10,000 is over 6,000 times that, room for large GPU or memory VMs, in CNY too, and
 * a year of 100,000 nodes at this price stays finite (8.8e12). Prices near 1e308 made the cost
 * Infinity, printed as null.
 */
export const MAX_PRICE_PER_NODE_HOUR = 10_000;

/** Serverless price per vCPU-hour or per GiB-hour: Fargate lists 0.04048 and 0.004445 USD; 100 is 2,500 times that. */
export const MAX_PRICE_PER_UNIT_HOUR = 100;

/** Managed control plane per hour: EKS and GKE list 0.10 USD. */
export const MAX_CONTROL_PLANE_PER_HOUR = 1_000;

/** A fixed cost per hour (e.g. operations staff): a million an hour is far above any team. */
export const MAX_FIXED_COST_PER_HOUR = 1_000_000;

/**
 * Any duration: ten years, ten times the longest horizon (366 days). Longer delays would mean "never"
 * and, added together (a session length plus its jitter near 1e308), overflow to Infinity.
 */
export const MAX_DURATION_SECONDS = 10 * 366 * 86400;

/** The message for a value above one of these limits: the limit, then why there is one. */
export function atMost(limit: number, why: string): { message: string } {
  return { message: `must be at most ${limit.toLocaleString('en-US')} (${why})` };
}
