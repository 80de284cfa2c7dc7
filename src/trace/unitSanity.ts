import { INSTANCE_TYPES } from '../pricing/instanceTypes.ts';
import { SERVERLESS_PRESETS } from '../pricing/serverlessPresets.ts';
import type { PodTable } from '../workload/podTable.ts';
import type { CpuUnit, MemoryUnit, PodRowMapping } from './mapping.ts';
import { MEMORY_UNIT_MIB } from './quantities.ts';

/**
 * Checks an imported pod list against what pods can be, to catch a unit read wrong whoever chose
 * it (the name, the values, the user): pods bigger than every node type and serverless size
 * Spillway knows, or a median pod under 10m CPU or 16 MiB memory. Each warning names the column
 * and the unit that would fix it. Only a unit change that helps is suggested: a too-big pod in
 * millicores would only get bigger in cores, and a few huge pods in MiB are no reason to think
 * the column is in bytes when the median pod would then be a few KiB.
 */

/** Below these the median pod is no real workload (the pause container alone takes about this much). */
export const MIN_MEDIAN_CPU_MILLICORES = 10;
export const MIN_MEDIAN_MEMORY_MIB = 16;

/** The largest CPU and memory any one pod can get: the biggest node type or serverless size. */
export const LARGEST_POD = (() => {
  let cpu = { millicores: 0, where: '' };
  let memory = { mib: 0, where: '' };
  for (const t of INSTANCE_TYPES) {
    if (t.vcpu * 1000 > cpu.millicores) cpu = { millicores: t.vcpu * 1000, where: `node type ${t.name}` };
    if (t.memoryGiB * 1024 > memory.mib) memory = { mib: t.memoryGiB * 1024, where: `node type ${t.name}` };
  }
  for (const preset of Object.values(SERVERLESS_PRESETS)) {
    if (preset.sizing.kind !== 'table') continue;
    for (const row of preset.sizing.rows) {
      if (row.vcpu * 1000 > cpu.millicores) cpu = { millicores: row.vcpu * 1000, where: preset.label };
      const mib = Math.max(...row.memoryGiB) * 1024;
      if (mib > memory.mib) memory = { mib, where: preset.label };
    }
  }
  return { cpu, memory };
})();

/** The unit one step smaller or larger, where a unit change could fix a misread column. */
const CPU_SMALLER: Partial<Record<CpuUnit, CpuUnit>> = { cores: 'millicores' };
const CPU_LARGER: Partial<Record<CpuUnit, CpuUnit>> = { millicores: 'cores' };
const MEMORY_SMALLER: Partial<Record<MemoryUnit, MemoryUnit>> = { GiB: 'MiB', MiB: 'bytes', KiB: 'bytes', GB: 'MB', MB: 'KB', KB: 'bytes' };
const MEMORY_LARGER: Partial<Record<MemoryUnit, MemoryUnit>> = { bytes: 'MiB', KiB: 'MiB', MiB: 'GiB', KB: 'MB', MB: 'GB' };

/** Median of a column, from at most 65,536 evenly spaced pods (enough for a median; fast on 1M rows). */
function median(values: Float64Array, count: number): number {
  const step = Math.max(1, Math.floor(count / 65_536));
  const sample = new Float64Array(Math.ceil(count / step));
  let n = 0;
  for (let i = 0; i < count; i += step) sample[n++] = values[i];
  const sorted = sample.subarray(0, n).sort();
  return sorted[Math.floor(n / 2)];
}

function countAbove(values: Float64Array, count: number, limit: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) if (values[i] > limit) n++;
  return n;
}

const fmt = (x: number) => String(+x.toPrecision(3));
const pods = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'pod' : 'pods'}`;

export function unitSanityWarnings(table: PodTable, mapping: PodRowMapping): string[] {
  const warnings: string[] = [];
  const count = table.count;
  if (count === 0) return warnings;
  if (mapping.cpu) {
    const { column, unit } = mapping.cpu;
    const where = `CPU column "${column}" (${unit})`;
    const big = countAbove(table.cpu, count, LARGEST_POD.cpu.millicores);
    const smaller = CPU_SMALLER[unit];
    const mid = median(table.cpu, count);
    // In the smaller unit (millicores: a thousandth) the median pod must still be a real pod.
    if (big > 0 && smaller && mid / 1000 >= MIN_MEDIAN_CPU_MILLICORES) {
      warnings.push(`${where}: ${big.toLocaleString('en-US')} of ${pods(count)} ${big === 1 ? 'requests' : 'request'} more CPU than any node type or serverless size holds (largest ${LARGEST_POD.cpu.millicores / 1000} vCPU, ${LARGEST_POD.cpu.where}); if the column is in ${smaller}, set its unit to ${smaller}`);
    }
    const larger = CPU_LARGER[unit];
    if (mid < MIN_MEDIAN_CPU_MILLICORES && larger && mid * 1000 <= LARGEST_POD.cpu.millicores) {
      warnings.push(`${where}: the median pod requests ${fmt(mid)}m CPU, under ${MIN_MEDIAN_CPU_MILLICORES}m; if the column is in ${larger}, set its unit to ${larger}`);
    }
  }
  if (mapping.memory) {
    const { column, unit } = mapping.memory;
    const where = `memory column "${column}" (${unit})`;
    const big = countAbove(table.mem, count, LARGEST_POD.memory.mib);
    const smaller = MEMORY_SMALLER[unit];
    const mid = median(table.mem, count);
    const rescaled = (to: MemoryUnit) => (mid * MEMORY_UNIT_MIB[to]) / MEMORY_UNIT_MIB[unit];
    if (big > 0 && smaller && rescaled(smaller) >= MIN_MEDIAN_MEMORY_MIB) {
      warnings.push(`${where}: ${big.toLocaleString('en-US')} of ${pods(count)} ${big === 1 ? 'requests' : 'request'} more memory than any node type or serverless size holds (largest ${LARGEST_POD.memory.mib / 1024} GiB, ${LARGEST_POD.memory.where}); if the column is in ${smaller}, set its unit to ${smaller}`);
    }
    const larger = MEMORY_LARGER[unit];
    if (mid < MIN_MEDIAN_MEMORY_MIB && larger && rescaled(larger) <= LARGEST_POD.memory.mib) {
      warnings.push(`${where}: the median pod requests ${fmt(mid)} MiB memory, under ${MIN_MEDIAN_MEMORY_MIB} MiB; if the column is in ${larger}, set its unit to ${larger}`);
    }
  }
  return warnings;
}
