import type { SizeRow } from '../pricing/serverlessPresets.ts';

export type SizingRule = { kind: 'table'; rows: SizeRow[] } | { kind: 'autopilot' } | { kind: 'aci' } | { kind: 'exact' };

/** A billed serverless size; vcpu 0 means the request fits no allowed size. */
export interface BilledSize {
  vcpu: number;
  memoryGiB: number;
}

export const NO_SIZE: BilledSize = { vcpu: 0, memoryGiB: 0 };

/**
 * Rounds a pod's request (plus the provider's per-pod overhead) up to the smallest allowed
 * (vCPU, memory) combination: the lowest vCPU size that covers the CPU request and offers enough
 * memory, with its smallest sufficient memory size (EKS Fargate: "round up to the nearest
 * supported combination"; ECI: "the nearest spec that is >= the request").
 */
export function roundToSize(rule: SizingRule, cpuMillicores: number, memoryMiB: number, overheadMiB: number): BilledSize {
  const cpu = cpuMillicores / 1000;
  const mem = (memoryMiB + overheadMiB) / 1024;
  switch (rule.kind) {
    case 'exact':
      return { vcpu: cpu, memoryGiB: mem };
    case 'autopilot':
      return autopilotSize(cpu, mem);
    case 'aci':
      return aciSize(cpuMillicores, memoryMiB + overheadMiB);
    case 'table': {
      const rows = [...rule.rows].sort((a, b) => a.vcpu - b.vcpu);
      for (const row of rows) {
        if (row.vcpu + 1e-9 < cpu) continue;
        const fit = [...row.memoryGiB].sort((a, b) => a - b).find((m) => m + 1e-9 >= mem);
        if (fit !== undefined) return { vcpu: row.vcpu, memoryGiB: fit };
      }
      return NO_SIZE;
    }
  }
}

/**
 * GKE Autopilot (general-purpose): CPU in 0.25 vCPU steps, at least 0.25 vCPU and 0.5 GiB,
 * memory between 1 and 6.5 GiB per vCPU; a request outside the ratio is raised to meet it.
 */
function autopilotSize(cpu: number, mem: number): BilledSize {
  let v = Math.max(0.25, Math.ceil(cpu * 4 - 1e-9) / 4);
  let m = Math.max(0.5, mem);
  if (m > 6.5 * v) v = Math.ceil((m / 6.5) * 4 - 1e-9) / 4;
  if (m < v) m = v;
  if (v > 110) return NO_SIZE;
  return { vcpu: v, memoryGiB: m };
}

/** Bytes in ACI's memory step: the virtual node sends memory in multiples of 0.1 GB. */
const ACI_MEMORY_STEP_BYTES = 1e8;

/**
 * Azure Container Instances through the AKS virtual node (virtual-kubelet azure-aci): the request
 * is rounded DOWN to 10m of CPU (at least 0.01) and to 0.1 GB = 10^8 bytes of memory (at least
 * 0.1 GB), so the pod may get a little less memory than it asked for; a container group holds at
 * most 4 vCPU and 16 GB. The billed memory is returned in GiB.
 */
function aciSize(cpuMillicores: number, memoryMiB: number): BilledSize {
  const v = Math.max(0.01, Math.floor(cpuMillicores / 10 + 1e-9) / 100);
  const gb = Math.max(0.1, Math.floor((memoryMiB * 2 ** 20) / ACI_MEMORY_STEP_BYTES + 1e-9) / 10);
  if (v > 4 || gb > 16) return NO_SIZE;
  return { vcpu: v, memoryGiB: (gb * 1e9) / 2 ** 30 };
}
