import type { CpuUnit, MemoryUnit } from './mapping.ts';
import { plainNumber } from './plainNumber.ts';

/**
 * CPU and memory requests as written in trace files: plain numbers in the column's unit, or
 * Kubernetes quantities whose suffix decides the unit. Parsers return NaN for text they cannot
 * read; the caller decides what a blank cell means.
 */

const MIB = 1024 * 1024;

/** MiB per plain number, by column unit. */
export const MEMORY_UNIT_MIB: Record<MemoryUnit, number> = {
  bytes: 1 / MIB,
  KiB: 1 / 1024,
  MiB: 1,
  GiB: 1024,
  KB: 1e3 / MIB,
  MB: 1e6 / MIB,
  GB: 1e9 / MIB,
};

/**
 * MiB per suffixed quantity. Kubernetes suffixes (binary Ki..Ei, decimal k..E) plus the "B"
 * spellings people put in spreadsheets. A lowercase `m` (milli-bytes in Kubernetes) is left out on
 * purpose: `512m` is nearly always a typo for 512Mi, so it is rejected rather than read as 0.5 B.
 */
const MEMORY_SUFFIX_MIB: ReadonlyMap<string, number> = (() => {
  const table = new Map<string, number>([['B', 1 / MIB]]);
  const binary: [string, number][] = [['Ki', 1 / 1024], ['Mi', 1], ['Gi', 1024], ['Ti', 1024 ** 2], ['Pi', 1024 ** 3], ['Ei', 1024 ** 4]];
  for (const [s, f] of binary) {
    table.set(s, f).set(s + 'B', f).set((s + 'B').toLowerCase(), f);
  }
  const decimal: [string, number][] = [['k', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12], ['P', 1e15], ['E', 1e18]];
  for (const [s, bytes] of decimal) {
    table.set(s, bytes / MIB).set(s.toUpperCase() + 'B', bytes / MIB).set(s.toLowerCase() + 'b', bytes / MIB);
  }
  table.set('K', 1e3 / MIB);
  return table;
})();

/** Length of the leading decimal number in `text` (sign, digits, point, exponent), or 0. */
function numberPrefixLength(text: string): number {
  let i = 0;
  const n = text.length;
  if (text[i] === '+' || text[i] === '-') i++;
  const digitsStart = i;
  while (i < n && ((text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) || text[i] === '.')) i++;
  if (i === digitsStart) return 0;
  // An exponent only when digits follow: "1E" is one exabyte, "1e3" is a thousand.
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      i = j;
    }
  }
  return i;
}

/** Splits "512Mi" / "1.5 GB" into number and suffix; NaN number when there is no leading number. */
function splitQuantity(text: string): [number, string] {
  const t = text.trim();
  const k = numberPrefixLength(t);
  if (k === 0) return [NaN, ''];
  return [Number(t.slice(0, k)), t.slice(k).trim()];
}

/** "0.5" (cores) or "500" (millicores) by `unit`; "500m" is millicores whatever the unit. */
export function parseCpuMillicores(text: string, unit: CpuUnit): number {
  const plain = plainNumber(text); // fast path: most cells are plain numbers
  if (plain === plain) return unit === 'cores' ? plain * 1000 : plain;
  const [value, suffix] = splitQuantity(text);
  if (suffix === 'm') return value;
  if (suffix === '') return unit === 'cores' ? value * 1000 : value;
  return NaN;
}

/** A plain number in `unit`, or a quantity with a suffix ("512Mi", "2Gi", "1G", "1e9"), as MiB. */
export function parseMemoryMiB(text: string, unit: MemoryUnit): number {
  const plain = plainNumber(text);
  if (plain === plain) return plain * MEMORY_UNIT_MIB[unit];
  const [value, suffix] = splitQuantity(text);
  const factor = suffix === '' ? MEMORY_UNIT_MIB[unit] : MEMORY_SUFFIX_MIB.get(suffix);
  return factor === undefined ? NaN : value * factor;
}

/** True when the cell is a quantity with a unit suffix (used by unit detection). */
export function hasQuantitySuffix(text: string): boolean {
  const t = text.trim();
  const k = numberPrefixLength(t);
  return k > 0 && k < t.length;
}
