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
  const m = report.mapping;
  const why = report.layout === 'custom' ? 'as the given mapping says' : report.layout === m.kind ? 'from the JSON' : `detected layout ${report.layout}`;
  switch (m.kind) {
    case 'pods':
      return `mode: pod list, one pod per row (${why})`;
    case 'rate':
      return `mode: rate series, "${m.value.column}" summed per time and served by a deployment the HPA model scales (${why})`;
    case 'requests':
      return `mode: request log, one request per row at "${m.time.column}" (no end or duration), ${m.weight ? `weighted by "${m.weight.column}" and ` : ''}counted per ${number(m.interval)} s into a rate the HPA model serves (${why})`;
    case 'prometheus-query-range':
      return `mode: Prometheus query_range export of kube-state-metrics requests, one pod per pod uid, CPU in cores and memory in bytes (${why})`;
    case 'kubectl-pods':
      return `mode: kubectl pod list (a snapshot): Running and Pending pods with their requests, a steady workload from the horizon start, running past the horizon (${why})`;
  }
}

/** Accepted and rejected rows: the counts a user checks first. */
export function countsLine(report: TraceImportReport): string {
  const json = report.mapping.kind === 'prometheus-query-range' || report.mapping.kind === 'kubectl-pods';
  const parts = [`${count(report.accepted)} of ${plural(report.dataRows, json ? 'item' : 'row')} accepted${json ? ' as pods' : ''}`, `${count(report.rejected)} rejected`];
  if (report.filteredOut) parts.push(`${count(report.filteredOut)} filtered out`);
  return parts.join(', ');
}

/** What rate and request-log modes made of the file (null for pod lists). */
export function rateLine(report: TraceImportReport): string | null {
  const m = report.mapping;
  if ((m.kind !== 'rate' && m.kind !== 'requests') || !report.rate) return null;
  const unit = m.kind === 'requests' ? (m.weight ? `${m.weight.column}/s` : m.capacityPerPod === 1 ? 'request/s' : 'requests/s') : `${m.value.column} units`;
  const hpa = `HPA model: ${number(m.capacityPerPod)} ${unit} per pod, pods of ${number(m.pod.cpuMillicores)}m / ${number(m.pod.memoryMiB)} MiB: ${plural(report.pods, 'pod')}, at most ${count(report.rate.peakReplicas)} at once`;
  const r = report.requests;
  if (!r) return `${plural(report.rate.samples, 'sample time')}; ${hpa}`;
  const what = r.weightColumn ? `${number(r.total)} ${r.weightColumn}` : plural(r.total, 'request');
  return `${what} in ${plural(r.intervals, `interval`)} of ${number(r.interval)} s (busiest: ${number(r.peak)} at ${offset(r.peakAt)}); ${hpa}`;
}

/**
 * What the replay simplified, one sentence each (pods mode): censored pods, pods the source never
 * scheduled, GPU columns. The preview shows the same sentences. Empty when nothing applies.
 */
export function simplificationLines(report: TraceImportReport): string[] {
  const lines: string[] = [];
  const { start, end } = report.censored;
  const cut = report.simplified?.endAtTraceEnd ?? 0;
  const kind = report.mapping.kind;
  const was = (n: number) => (n === 1 ? 'was' : 'were');
  if (kind === 'prometheus-query-range') {
    if (start > 0) lines.push(`${plural(start, 'pod')} ${was(start)} already running when the range began (created before it, or there at its first sample): replayed from its start (censored at start)`);
    if (end > 0) lines.push(`${plural(end, 'pod')} ${was(end)} still there at the range's last sample: replayed to its end (censored at end)`);
  } else {
    if (start > 0) lines.push(`${plural(start, 'pod')} with a blank start ${was(start)} already running when the trace began: replayed from its start (censored at start)`);
    if (end - cut > 0) lines.push(`${plural(end - cut, 'pod')} with a blank end ${was(end - cut)} still running when the trace ended: replayed to its end (censored at end)`);
    if (cut > 0) lines.push(`${plural(cut, 'pod')} end exactly at the trace's end: taken as still running when the trace was cut, and replayed to that end (censored at end)`);
  }
  const never = report.simplified?.neverScheduled;
  if (never && never.count > 0) {
    const how = never.columns[0].toLowerCase().includes('phase') ? `${never.columns[0]} Pending` : `a blank ${never.columns[0]}`;
    const one = never.count === 1;
    const hint = never.count > 0 && kind === 'pods' ? `; a filter on ${never.columns[0]} leaves them out` : '';
    lines.push(`${plural(never.count, 'pod')} never scheduled in the source (${how}) ${one ? 'is replayed as an ordinary pod' : 'are replayed as ordinary pods'} that arrive${one ? 's' : ''} and ask${one ? 's' : ''} for room${hint}`);
  }
  const finished = report.simplified?.finished ?? 0;
  if (finished > 0) lines.push(`${plural(finished, 'pod')} not Running or Pending (Succeeded, Failed, Unknown) left out: they hold no requests (counted in filtered out)`);
  const noCpu = report.simplified?.withoutCpuRequest ?? 0;
  if (noCpu > 0) lines.push(`${plural(noCpu, 'pod')} without a CPU request (BestEffort, or memory only) left out: they ask the scheduler for no CPU (counted in filtered out)`);
  const gpu = report.simplified?.gpu;
  if (gpu) {
    const what = kind === 'pods' ? 'GPU columns dropped' : 'GPU requests dropped';
    lines.push(`${what} (${gpu.columns.join(', ')}): ${plural(gpu.podsRequesting, 'pod')} asked for GPUs and ${gpu.podsRequesting === 1 ? 'is' : 'are'} replayed with CPU and memory only`);
  }
  return lines;
}

/** All lines, in the order the CLI prints them. */
export function importLines(report: TraceImportReport): string[] {
  return [modeLine(report), countsLine(report), rateLine(report), ...simplificationLines(report)].filter((l): l is string => l !== null);
}
