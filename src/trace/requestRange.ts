import { quantiles } from '../metrics/quantile.ts';
import type { PodTable } from '../workload/podTable.ts';

/** Smallest, median and largest request over every pod of a table. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** The CPU (millicores) and memory (MiB) requests of every pod an import read. */
export interface RequestRange {
  pods: number;
  cpuMillicores: Spread;
  memoryMiB: Spread;
}

function spread(values: Float64Array, n: number): Spread {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // `quantiles` reorders its input: give it a copy. O(n), no sort.
  const [median] = quantiles(values.slice(0, n), [0.5]);
  return { min, median, max };
}

/**
 * The requests of all the pods a trace gave, after unit conversion. The unit guess reads only the
 * first rows; this reads every pod, so a user can check the units against what they know of their
 * cluster ("2 to 192 cores" is right, "0.002 to 0.192 cores" is a column in millicores read as cores).
 * Null for an empty table.
 */
export function requestRange(table: PodTable): RequestRange | null {
  const n = table.count;
  if (n === 0) return null;
  return { pods: n, cpuMillicores: spread(table.cpu, n), memoryMiB: spread(table.mem, n) };
}

const num = (v: number) => (+v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 3 });

/** A CPU request in the unit people write it in: cores from one core up, millicores below. */
export function cpuText(millicores: number): string {
  return millicores >= 1000 ? `${num(millicores / 1000)} ${millicores === 1000 ? 'core' : 'cores'}` : `${num(millicores)}m`;
}

/** A memory request in GiB from 1 GiB up, MiB below. */
export function memoryText(mib: number): string {
  return mib >= 1024 ? `${num(mib / 1024)} GiB` : `${num(mib)} MiB`;
}

/** "2 to 192 cores", "500m to 2 cores", "all 2 cores". */
export function spreadValue(s: Spread, text: (v: number) => string): string {
  if (s.min === s.max) return `all ${text(s.min)}`;
  const lo = text(s.min);
  const hi = text(s.max);
  const unit = (t: string) => t.slice(t.indexOf(' ') + 1);
  const sameUnit = lo.includes(' ') && unit(lo).replace(/s$/, '') === unit(hi).replace(/s$/, '');
  return `${sameUnit ? lo.slice(0, lo.indexOf(' ')) : lo} to ${hi}`;
}

const spreadText = (s: Spread, text: (v: number) => string) => spreadValue(s, text) + (s.min === s.max ? '' : ` (median ${text(s.median)})`);

/** "CPU 2 to 192 cores (median 48 cores), memory 8 to 1,024 GiB (median 240 GiB), over all 23,871 pods" */
export function requestRangeText(r: RequestRange): string {
  return `CPU ${spreadText(r.cpuMillicores, cpuText)}, memory ${spreadText(r.memoryMiB, memoryText)}, over all ${r.pods.toLocaleString('en-US')} pod${r.pods === 1 ? '' : 's'}`;
}
