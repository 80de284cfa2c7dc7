import { eksKubeReservedCpu, eksKubeReservedMemory } from './nodeShape.ts';

/** A node image's kube-reserved formula. */
export type KubeReservedFormula = 'eks-ami' | 'gke' | 'ack';

/** Sums `perUnit` over consecutive bands of `size`: [band width, rate per unit] pairs, the last one open-ended. */
function tiered(size: number, bands: ReadonlyArray<readonly [number, number]>): number {
  let left = size;
  let total = 0;
  for (const [width, rate] of bands) {
    const take = Math.min(left, width);
    total += take * rate;
    left -= take;
    if (left <= 0) break;
  }
  return total;
}

/**
 * GKE's memory reservation (cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes):
 * 255 MiB on machines with less than 1 GiB; otherwise 25% of the first 4 GiB, 20% of the next
 * 4 GiB, 10% of the next 8 GiB, 6% of the next 112 GiB and 2% of anything above 128 GiB.
 */
export function gkeKubeReservedMemory(memoryGiB: number): number {
  if (memoryGiB < 1) return 255;
  return (
    1024 *
    tiered(memoryGiB, [
      [4, 0.25],
      [4, 0.2],
      [8, 0.1],
      [112, 0.06],
      [Infinity, 0.02],
    ])
  );
}

/** GKE's CPU reservation: 6% of the first core, 1% of the next, 0.5% of the next 2, 0.25% of every core above 4 (same as the EKS AMI). */
export function gkeKubeReservedCpu(vcpu: number): number {
  return eksKubeReservedCpu(vcpu);
}

/**
 * ACK's reservation, an ESTIMATE: ACK's formula table was not retrieved. CPU: 100 m up to 4 cores,
 * then 2.5% of cores 4-64, 1.25% of cores 64-128 and 0.5% above (the tiers Tencent TKE documents;
 * they give ACK's one documented example, 4 vCPU -> 3,900 m allocatable, exactly). Memory: GKE's
 * tiers, which give 1,753 MiB for ACK's example node (7.56 GiB) where its allocatable implies about
 * 1,950 MiB reserved plus eviction threshold: about 10% under.
 */
export function ackKubeReservedCpu(vcpu: number): number {
  return 100 + 1000 * tiered(Math.max(0, vcpu - 4), [
    [60, 0.025],
    [64, 0.0125],
    [Infinity, 0.005],
  ]);
}

export function ackKubeReservedMemory(memoryGiB: number): number {
  return gkeKubeReservedMemory(memoryGiB);
}

/** kube-reserved CPU (millicores) and memory (MiB) of a node under `formula`. */
export function kubeReserved(formula: KubeReservedFormula, vcpu: number, memoryGiB: number, maxPods: number): { cpu: number; mem: number } {
  switch (formula) {
    case 'eks-ami':
      return { cpu: eksKubeReservedCpu(vcpu), mem: eksKubeReservedMemory(maxPods) };
    case 'gke':
      return { cpu: gkeKubeReservedCpu(vcpu), mem: gkeKubeReservedMemory(memoryGiB) };
    case 'ack':
      return { cpu: ackKubeReservedCpu(vcpu), mem: ackKubeReservedMemory(memoryGiB) };
  }
}
