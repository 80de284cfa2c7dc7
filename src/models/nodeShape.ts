import type { NodePool } from '../scenario/strategy.ts';
import { findInstanceType } from '../pricing/instanceTypes.ts';
import type { InstanceTypeRef } from '../scenario/strategy.ts';
import { echo } from '../scenario/echo.ts';
import { NODE_PROVISIONING_PRESETS } from '../providers/nodeProvisioning.ts';
import { kubeReserved, type KubeReservedFormula } from './nodeReservation.ts';
import { provisioningPresetOf } from './resolveProvisioning.ts';

/** A node group's shape after overheads: what pods can request on one node of it. */
export interface NodeShape {
  name: string;
  vcpu: number;
  memoryGiB: number;
  pricePerHour: number;
  /** Pods the kubelet admits (max-pods), DaemonSet pods included. */
  maxPods: number;
  /** max-pods slots left for workload pods: max-pods minus the DaemonSet pods on every node. */
  podSlots: number;
  /** Allocatable (capacity minus kube-reserved and eviction threshold), millicores and MiB. */
  allocatableCpu: number;
  allocatableMem: number;
  /** DaemonSet requests on every node (counted in cluster-autoscaler utilization). */
  daemonSetCpu: number;
  daemonSetMem: number;
  /** Room left for workload pods: allocatable minus DaemonSets. */
  podCpu: number;
  podMem: number;
}

export class NodeShapeError extends Error {}

/**
 * kube-reserved CPU in the EKS AMI (bootstrap.sh get_cpu_millicores_to_reserve): 6% of the first
 * core, 1% of the second, 0.5% of cores 3-4 and 0.25% of every core above 4.
 */
export function eksKubeReservedCpu(vcpu: number): number {
  const bands: Array<[number, number]> = [
    [1, 60],
    [1, 10],
    [2, 5],
    [Infinity, 2.5],
  ];
  let left = vcpu;
  let m = 0;
  for (const [cores, perCore] of bands) {
    const take = Math.min(left, cores);
    m += take * perCore;
    left -= take;
    if (left <= 0) break;
  }
  return m;
}

/** kube-reserved memory in the EKS AMI: 11 MiB per pod the node may hold, plus 255 MiB. */
export function eksKubeReservedMemory(maxPods: number): number {
  return 11 * maxPods + 255;
}

export function resolveInstanceType(ref: InstanceTypeRef, path: string): { name: string; vcpu: number; memoryGiB: number; pricePerHour: number; maxPods: number } {
  if (typeof ref !== 'string') return ref;
  const t = findInstanceType(ref);
  if (!t) throw new NodeShapeError(`${path}: unknown instance type ${echo(ref)}; use a catalog name (e.g. "m6i.xlarge") or {name, vcpu, memoryGiB, pricePerHour}`);
  return t;
}

export function nodeShapes(pool: NodePool, path = 'nodePool'): NodeShape[] {
  const o = pool.overhead;
  // 'provider': the formula of the node image the pool's provisioning preset stands for.
  const formula = o.kubeReserved === 'provider' ? NODE_PROVISIONING_PRESETS[provisioningPresetOf(pool)].kubeReserved : o.kubeReserved;
  return pool.instanceTypes.map((ref, i) => {
    const t = resolveInstanceType(ref, `${path}.instanceTypes.${i}`);
    const fixed = typeof formula === 'object' ? formula : undefined;
    const reserved = fixed ? { cpu: fixed.cpuMillicores, mem: fixed.memoryMiB } : kubeReserved(formula as KubeReservedFormula, t.vcpu, t.memoryGiB, t.maxPods);
    const kubeCpu = reserved.cpu;
    const kubeMem = reserved.mem;
    const allocatableCpu = t.vcpu * 1000 - kubeCpu;
    const allocatableMem = t.memoryGiB * 1024 - kubeMem - o.evictionHardMemoryMiB;
    const podCpu = allocatableCpu - o.daemonSet.cpuMillicores;
    const podMem = allocatableMem - o.daemonSet.memoryMiB;
    const podSlots = t.maxPods - o.daemonSet.pods;
    if (podSlots <= 0) {
      throw new NodeShapeError(`${path}.instanceTypes.${i}: ${t.name} admits ${t.maxPods} pods (max-pods), all taken by the ${o.daemonSet.pods} DaemonSet pods on every node`);
    }
    if (podCpu <= 0 || podMem <= 0) {
      throw new NodeShapeError(`${path}.instanceTypes.${i}: ${t.name} has no room left for pods after reservations and DaemonSets (${Math.round(podCpu)}m CPU, ${Math.round(podMem)} MiB)`);
    }
    return {
      name: t.name,
      vcpu: t.vcpu,
      memoryGiB: t.memoryGiB,
      pricePerHour: t.pricePerHour,
      maxPods: t.maxPods,
      podSlots,
      allocatableCpu,
      allocatableMem,
      daemonSetCpu: o.daemonSet.cpuMillicores,
      daemonSetMem: o.daemonSet.memoryMiB,
      podCpu,
      podMem,
    };
  });
}
