import type { PodTable } from '../src/workload/podTable.ts';
import { PeakMemory } from './measure.ts';

/**
 * Canonical CSV round trip: write the pod table as `arrival_s,duration_s,cpu_m,mem_mib,class`
 * (like ../shared/bench/gen-trace.mjs), then parse it back into a PodTable with src/trace.
 */
export interface CsvMeasure {
  rows: number;
  bytes: number;
  writeMs: number;
  /** undefined while src/trace has no canonical-CSV entry point (see note). */
  parseMs?: number;
  parsedRows?: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  note?: string;
}

const MiB = 1024 * 1024;

export function writeCanonicalCsv(pods: PodTable): string {
  const parts: string[] = ['arrival_s,duration_s,cpu_m,mem_mib,class'];
  const names = pods.classNames;
  const chunks: string[] = [];
  for (let i = 0; i < pods.count; i++) {
    parts.push(`${pods.arrival[i].toFixed(3)},${pods.duration[i].toFixed(3)},${pods.cpu[i]},${pods.mem[i]},${names[pods.cls[i]]}`);
    if (parts.length === 65536) {
      chunks.push(parts.join('\n'));
      parts.length = 0;
    }
  }
  if (parts.length) chunks.push(parts.join('\n'));
  return chunks.join('\n') + '\n';
}

/** The parser entry point, loaded lazily so the bench still runs while src/trace is being changed. */
type ImportText = (text: string, mapping?: undefined, options?: { fileName?: string }) => { table: PodTable };

export async function csvRoundTrip(pods: PodTable): Promise<CsvMeasure> {
  const peak = new PeakMemory();
  const sample = () => peak.sample();
  let importText: ImportText | undefined;
  let note: string | undefined;
  try {
    importText = ((await import('../src/trace/index.ts')) as { importTraceText: ImportText }).importTraceText;
  } catch (e) {
    note = `src/trace could not be loaded (${e instanceof Error ? e.message : String(e)}): only the write side is timed.`;
  }
  sample();
  const t0 = performance.now();
  const text = writeCanonicalCsv(pods);
  const writeMs = performance.now() - t0;
  sample();
  const out: CsvMeasure = { rows: pods.count, bytes: Buffer.byteLength(text), writeMs, peakRssMiB: 0, peakHeapMiB: 0, note };
  if (importText) {
    // The parse is one synchronous call: sample memory from a timer would never fire, so the peak
    // is taken from the process high-water mark (getrusage) as well as before and after.
    const t1 = performance.now();
    const { table } = importText(text, undefined, { fileName: 'bench.csv' });
    out.parseMs = performance.now() - t1;
    out.parsedRows = table.count;
    sample();
    if (table.count !== pods.count) out.note = `parsed ${table.count} rows of ${pods.count}`;
  }
  out.peakRssMiB = Math.max(peak.rss, process.resourceUsage().maxRSS * 1024) / MiB;
  out.peakHeapMiB = peak.heap / MiB;
  return out;
}
