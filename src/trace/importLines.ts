import type { TraceImportReport } from './report.ts';

/**
 * The CLI's account of an import, one line each, for stderr: how the file was read (mode and
 * why), what was accepted and rejected, and what the mode made of it. The app shows the same
 * facts in the import preview.
 */

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const number = (x: number) => (Number.isInteger(x) ? count(x) : x.toPrecision(4).replace(/\.?0+$/, ''));

/** Seconds after the origin as "+1 h 5 min" (coarse: it only locates a peak). */
function offset(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `+${s} s`;
  if (s < 3600) return `+${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `+${h} h${m ? ` ${m} min` : ''}`;
}

/** How the rows were read, and why: the detected layout or the given mapping. */
export function modeLine(report: TraceImportReport): string {
  const why = report.layout === 'custom' ? 'as the given mapping says' : `detected layout ${report.layout}`;
  const m = report.mapping;
  switch (m.kind) {
    case 'pods':
      return `mode: pod list, one pod per row (${why})`;
    case 'rate':
      return `mode: rate series, "${m.value.column}" summed per time and served by a deployment the HPA model scales (${why})`;
    case 'requests':
      return `mode: request log, one request per row at "${m.time.column}" (no end or duration), ${m.weight ? `weighted by "${m.weight.column}" and ` : ''}counted per ${number(m.interval)} s into a rate the HPA model serves (${why})`;
  }
}

/** Accepted and rejected rows: the counts a user checks first. */
export function countsLine(report: TraceImportReport): string {
  const parts = [`${count(report.accepted)} of ${plural(report.dataRows, 'row')} accepted`, `${count(report.rejected)} rejected`];
  if (report.filteredOut) parts.push(`${count(report.filteredOut)} filtered out`);
  return parts.join(', ');
}

/** What rate and request-log modes made of the file (null for pod lists). */
export function rateLine(report: TraceImportReport): string | null {
  const m = report.mapping;
  if (m.kind === 'pods' || !report.rate) return null;
  const unit = m.kind === 'requests' ? (m.weight ? `${m.weight.column}/s` : m.capacityPerPod === 1 ? 'request/s' : 'requests/s') : `${m.value.column} units`;
  const hpa = `HPA model: ${number(m.capacityPerPod)} ${unit} per pod, pods of ${number(m.pod.cpuMillicores)}m / ${number(m.pod.memoryMiB)} MiB: ${plural(report.pods, 'pod')}, at most ${count(report.rate.peakReplicas)} at once`;
  const r = report.requests;
  if (!r) return `${plural(report.rate.samples, 'sample time')}; ${hpa}`;
  const what = r.weightColumn ? `${number(r.total)} ${r.weightColumn}` : plural(r.total, 'request');
  return `${what} in ${plural(r.intervals, `interval`)} of ${number(r.interval)} s (busiest: ${number(r.peak)} at ${offset(r.peakAt)}); ${hpa}`;
}

/** All lines, in the order the CLI prints them. */
export function importLines(report: TraceImportReport): string[] {
  return [modeLine(report), countsLine(report), rateLine(report)].filter((l): l is string => l !== null);
}
