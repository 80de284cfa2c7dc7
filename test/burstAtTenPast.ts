/**
 * The recommender's test scenario (cliRecommend, cliRecommendShard, cliK8sJob): 300 pods of
 * 0.5 vCPU arrive within a minute at 00:10. A node (8 vCPU) takes about 75 s to become Ready
 * (log-normal, median 75 s), longer than the 60 s SLO, so the pool meets the SLO only with a
 * baseline of nodes already running: 300 x 0.5 = 150 vCPU, about 20 nodes' worth. Its minNodes
 * knob has 6 coarse values (knobs.ts: 0, 1/8, 1/4, 1/2, 3/4, 1 of maxNodes 60: 0, 8, 15, 30, 45, 60).
 */
export const burstAtTenPast = {
  schemaVersion: 1,
  name: 'burst at ten past',
  horizon: '2h',
  seed: 3,
  slo: { pendingSeconds: 60 },
  workload: [{ type: 'burst', name: 'burst', sessionStarts: ['00:10'], podsPerSession: 300, herdWidth: '1m', sessionLength: '30m', pod: { cpuMillicores: 500, memoryMiB: 512 } }],
  strategies: [{ kind: 'nodes', name: 'pool', controlPlanePerHour: 0, nodePool: { instanceTypes: [{ name: 'box', vcpu: 8, memoryGiB: 32, pricePerHour: 0.4 }], minNodes: 0, maxNodes: 60 } }],
};
